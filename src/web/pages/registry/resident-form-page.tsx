import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Skeleton } from 'antd';
import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ID_TYPE_VALUES, RELATION_VALUES, phoneSchema, residentInputSchema, type IdType, type Relation } from '../../../common/registry';
import { useResident, useSaveResident, type Resident } from '../../api/registry';
import { PageHeading, applyFieldErrors } from './registry-format';
import { UnitPicker } from './unit-picker';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useRegistryI18n } from './use-registry-i18n';
import { zodRule } from '../../shared/zod-rule';

interface BindingValues {
  unitId?: string;
  relation?: Relation;
  moveInOn?: Dayjs | null;
  /** Label of an existing binding's unit, shown before any search. */
  label?: string;
}
interface Values {
  name: string;
  phone?: string;
  idType?: IdType | null;
  idNumber?: string;
  plates: string[];
  units: BindingValues[];
}

const FIELDS = new Set(['name', 'phone', 'idType', 'idNumber', 'plates', 'units']);

function initialValues(resident: Resident | undefined): Values {
  if (!resident) return { name: '', plates: [], units: [{ relation: 'owner', moveInOn: null }] };
  return {
    name: resident.name,
    idType: resident.idType,
    plates: resident.plates,
    units: resident.units
      .filter((b) => !b.moveOutOn)
      .map((b) => ({ unitId: b.unit.id, relation: b.relation, moveInOn: b.moveInOn ? dayjs(b.moveInOn) : null, label: b.unit.label })),
  };
}

/**
 * Registers or edits a resident. The phone and ID number arrive masked, so on edit they are
 * left empty and only sent when retyped. Server checks (a phone taken in the organization, a
 * unit not found) come back on the input they concern.
 */
export function ResidentFormPage() {
  const { id } = useParams();
  const { t, label } = useRegistryI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = useResident(id);
  const save = useSaveResident();
  const [problems, setProblems] = useState<string[]>([]);
  const editing = Boolean(id);
  useDocumentTitle(editing ? t('resident.editTitle', { name: existing.data?.name ?? '' }) : t('residents.create'));

  useEffect(() => {
    if (existing.data) form.setFieldsValue(initialValues(existing.data));
  }, [existing.data, form]);

  const submit = (values: Values) => {
    setProblems([]);
    const units = values.units.map((b) => ({
      unitId: b.unitId ?? '',
      relation: b.relation ?? 'owner',
      moveInOn: b.moveInOn ? b.moveInOn.format('YYYY-MM-DD') : null,
    }));
    const body = {
      name: values.name,
      ...(values.phone ? { phone: values.phone } : {}),
      idType: values.idType ?? null,
      ...(values.idNumber ? { idNumber: values.idNumber } : {}),
      plates: values.plates,
      units,
    };
    save.mutate(
      { id, body: editing ? body : { ...body, phone: values.phone ?? '' } },
      {
        onSuccess: (saved) => {
          message.success(t(editing ? 'resident.saved' : 'resident.created', { name: saved.name }));
          navigate(`/residents/${saved.id}`);
        },
        onError: (error) => {
          const leftover = applyFieldErrors(form, error, (path) => FIELDS.has(String(path[0])));
          setProblems([error.message, ...leftover]);
        },
      },
    );
  };

  if (editing && existing.isPending) return <Skeleton active />;

  return (
    <Flex vertical gap={16}>
      <div>
        <Link to={editing ? `/residents/${id}` : '/residents'}>
          <ArrowLeftOutlined /> {editing ? t('common.back') : t('residents.back')}
        </Link>
      </div>
      <PageHeading title={editing ? t('resident.editTitle', { name: existing.data?.name ?? '' }) : t('residents.create')} />
      {existing.error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={existing.error.message} /> : null}
      {problems.length ? <Alert type="error" showIcon title={problems[0]} description={problems.slice(1).join('；') || undefined} data-testid="form-problems" /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues(undefined)} onFinish={submit} scrollToFirstError>
        <Card title={t('resident.basics')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('resident.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, zodRule(residentInputSchema.shape.name, t('form.tooLong', { max: 50 }))]}>
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="phone"
                label={t('resident.phone')}
                extra={editing ? t('form.phoneKeep', { phone: existing.data?.phone ?? '' }) : undefined}
                rules={[{ required: !editing, message: t('form.required') }, zodRule(phoneSchema, t('form.phoneInvalid'))]}
              >
                <Input inputMode="tel" maxLength={11} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="idType" label={t('resident.idType')}>
                <Select allowClear options={ID_TYPE_VALUES.map((v) => ({ value: v, label: label('idType', v) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="idNumber"
                label={t('resident.idNumber')}
                extra={editing && existing.data?.idNumber ? t('form.idKeep', { id: existing.data.idNumber }) : undefined}
                rules={[zodRule(residentInputSchema.shape.idNumber, t('form.idInvalid'))]}
              >
                <Input maxLength={30} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="plates" label={t('resident.plates')} extra={t('form.platesHint')}>
                <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} suffixIcon={null} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('resident.units')} style={{ marginTop: 16 }}>
          <Form.List
            name="units"
            rules={[{ validator: async (_, value: unknown[]) => { if (!value?.length) throw new Error(t('form.unitRequired')); } }]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Row key={field.key} gutter={12} align="top">
                    <Col xs={24} md={10}>
                      <Form.Item name={[field.name, 'unitId']} label={t('resident.unit')} rules={[{ required: true, message: t('form.required') }]}>
                        <UnitPicker initialLabel={form.getFieldValue(['units', field.name, 'label']) as string | undefined} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'relation']} label={t('resident.relation')} rules={[{ required: true, message: t('form.required') }]}>
                        <Select options={RELATION_VALUES.map((r) => ({ value: r, label: label('relation', r) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={6}>
                      <Form.Item name={[field.name, 'moveInOn']} label={t('resident.moveInOn')}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={2} md={2}>
                      <Form.Item label=" " colon={false}>
                        <Button type="text" danger icon={<MinusCircleOutlined />} aria-label={t('form.removeUnit')} onClick={() => remove(field.name)} />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <div>
                  <Button icon={<PlusOutlined />} onClick={() => add({ relation: 'owner', moveInOn: null })}>
                    {t('form.addUnit')}
                  </Button>
                </div>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Flex gap={8} style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="resident-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </Flex>
  );
}
