import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Skeleton, Switch } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { POSITION_VALUES, SKILL_VALUES, phoneSchema, staffInputSchema, type Position, type Skill } from '../../../common/registry';
import { useCommunities, useSaveStaff, useStaffMember, type StaffMember } from '../../api/registry';
import { PageHeading, applyFieldErrors } from './registry-format';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useRegistryI18n } from './use-registry-i18n';
import { zodRule } from '../../shared/zod-rule';

interface Values {
  name: string;
  phone: string;
  position?: Position;
  skills: Skill[];
  communityIds: string[];
  hireDate?: Dayjs | null;
  onDuty: boolean;
  trainingStartedOn?: Dayjs | null;
}

const FIELDS = new Set(['name', 'phone', 'position', 'skills', 'communityIds', 'hireDate', 'onDuty', 'trainingStartedOn']);
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function initialValues(staff: StaffMember | undefined): Values {
  if (!staff) return { name: '', phone: '', skills: [], communityIds: [], hireDate: dayjs(), onDuty: true, trainingStartedOn: dayjs() };
  return {
    name: staff.name,
    phone: staff.phone,
    position: staff.position,
    skills: staff.skills,
    communityIds: staff.communities.map((c) => c.id),
    hireDate: staff.hireDate ? dayjs(staff.hireDate) : null,
    onDuty: staff.onDuty,
    trainingStartedOn: staff.trainingStartedOn ? dayjs(staff.trainingStartedOn) : null,
  };
}

/** Adds or edits a staff member. A new hire starts pre-job training on the hire day unless told otherwise. */
export function StaffFormPage() {
  const { id } = useParams();
  const { t, label } = useRegistryI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = useStaffMember(id);
  const communities = useCommunities();
  const save = useSaveStaff();
  const [problem, setProblem] = useState<string | null>(null);
  const editing = Boolean(id);
  const title = editing ? t('staff.editTitle', { name: existing.data?.name ?? '' }) : t('staff.create');
  useDocumentTitle(title);

  useEffect(() => {
    if (existing.data) form.setFieldsValue(initialValues(existing.data));
  }, [existing.data, form]);

  const submit = (values: Values) => {
    setProblem(null);
    const body = {
      name: values.name,
      phone: values.phone,
      position: values.position as Position,
      skills: values.skills,
      communityIds: values.communityIds,
      hireDate: day(values.hireDate),
      onDuty: values.onDuty,
      trainingStartedOn: day(values.trainingStartedOn),
    };
    save.mutate(
      { id, body },
      {
        onSuccess: (saved) => {
          message.success(t(editing ? 'staff.saved' : 'staff.createdMsg', { name: saved.name }));
          navigate(`/staff/${saved.id}`);
        },
        onError: (error) => {
          const leftover = applyFieldErrors(form, error, (path) => FIELDS.has(String(path[0])));
          setProblem([error.message, ...leftover].join('；'));
        },
      },
    );
  };

  if (editing && existing.isPending) return <Skeleton active />;

  return (
    <Flex vertical gap={16}>
      <div>
        <Link to={editing ? `/staff/${id}` : '/staff'}>
          <ArrowLeftOutlined /> {editing ? t('common.back') : t('staff.back')}
        </Link>
      </div>
      <PageHeading title={title} />
      {existing.error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={existing.error.message} /> : null}
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues(undefined)} onFinish={submit} scrollToFirstError>
        <Card>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, zodRule(staffInputSchema.shape.name, t('form.tooLong', { max: 50 }))]}>
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="phone" label={t('staff.phone')} rules={[{ required: true, message: t('form.required') }, zodRule(phoneSchema, t('form.phoneInvalid'))]}>
                <Input inputMode="tel" maxLength={11} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="position" label={t('staff.position')} rules={[{ required: true, message: t('form.required') }]}>
                <Select options={POSITION_VALUES.map((p) => ({ value: p, label: label('position', p) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="skills" label={t('staff.skills')}>
                <Select mode="multiple" allowClear options={SKILL_VALUES.map((k) => ({ value: k, label: label('skill', k) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="communityIds" label={t('staff.communities')}>
                <Select mode="multiple" allowClear options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="hireDate" label={t('staff.hireDate')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="onDuty" label={t('staff.duty')} valuePropName="checked">
                <Switch checkedChildren={t('staff.onDuty')} unCheckedChildren={t('staff.offDuty')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="trainingStartedOn" label={t('staff.trainingStartedOn')} extra={t('staff.trainingStartHint')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Flex gap={8} style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </Flex>
  );
}
