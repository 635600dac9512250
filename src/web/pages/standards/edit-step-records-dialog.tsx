import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ENUM_LABELS } from '../../../common/registry';
import { RECORD_TYPES, type RecordType } from '../../../common/work/records';
import { useSaveStandardVersion, type ServiceStandard, type StandardVersion } from '../../api/standards';
import { useMediaQuery } from '../../components/use-media-query';
import { showFieldErrors } from '../../shared/field-errors';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import type { EditableScope } from './edit-time-limits-dialog';
import { RECORD_NAME, recordOf, rowOf, type RowValue } from './record-rows';
import { RECORD_TYPE_LABELS, STEP_RECORDS_MESSAGES } from './step-records-messages';
import { COMPANY_SCOPE } from './use-standards-scope';

interface Values {
  scope: string;
  step: string;
  records: RowValue[];
  reason: string;
}

function BoundFields({ name, type }: { name: number; type: RecordType | undefined }) {
  const { t, locale } = useFeatureI18n(STEP_RECORDS_MESSAGES);
  const small = { style: { marginBottom: 8 } };
  const index = locale === 'zh-CN' ? 0 : 1;
  switch (type) {
    case 'text':
      return (
        <Space wrap>
          <Form.Item name={[name, 'minLength']} label={t('records.minLength')} {...small}>
            <InputNumber min={0} max={1000} precision={0} />
          </Form.Item>
          <Form.Item name={[name, 'maxLength']} label={t('records.maxLength')} {...small}>
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
          <Form.Item name={[name, 'multiline']} valuePropName="checked" label=" " {...small}>
            <Checkbox>{t('records.multiline')}</Checkbox>
          </Form.Item>
        </Space>
      );
    case 'number':
      return (
        <Space wrap>
          <Form.Item name={[name, 'min']} label={t('records.min')} {...small}>
            <InputNumber />
          </Form.Item>
          <Form.Item name={[name, 'max']} label={t('records.max')} {...small}>
            <InputNumber />
          </Form.Item>
          <Form.Item name={[name, 'decimals']} label={t('records.decimals')} {...small}>
            <InputNumber min={0} max={4} precision={0} />
          </Form.Item>
          <Form.Item name={[name, 'unitZh']} label={t('records.unitZh')} {...small}>
            <Input maxLength={20} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name={[name, 'unitEn']} label={t('records.unitEn')} {...small}>
            <Input maxLength={20} style={{ width: 100 }} />
          </Form.Item>
        </Space>
      );
    case 'money':
      return (
        <Space wrap>
          <Form.Item name={[name, 'min']} label={t('records.minYuan')} {...small}>
            <InputNumber min={0} precision={2} prefix="¥" />
          </Form.Item>
          <Form.Item name={[name, 'max']} label={t('records.maxYuan')} {...small}>
            <InputNumber min={0} precision={2} prefix="¥" />
          </Form.Item>
        </Space>
      );
    case 'photo':
      return (
        <Space wrap>
          <Form.Item name={[name, 'min']} label={t('records.minPhotos')} {...small}>
            <InputNumber min={0} max={12} precision={0} />
          </Form.Item>
          <Form.Item name={[name, 'max']} label={t('records.maxPhotos')} {...small}>
            <InputNumber min={1} max={12} precision={0} />
          </Form.Item>
        </Space>
      );
    case 'choice':
      return (
        <Form.Item label={t('records.options')} {...small}>
          <Form.List name={[name, 'options']}>
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((f) => (
                  <Space key={f.key} wrap>
                    <Form.Item name={[f.name, 'key']} noStyle rules={[{ required: true, message: t('records.requiredField') }]}>
                      <Input placeholder={t('records.optionKey')} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'zh']} noStyle rules={[{ required: true, message: t('records.requiredField') }]}>
                      <Input placeholder={t('records.labelZh')} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'en']} noStyle>
                      <Input placeholder={t('records.labelEn')} style={{ width: 140 }} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('records.remove')} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 'fit-content' }}>
                  {t('records.addOption')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      );
    case 'staff':
      return (
        <Space wrap>
          <Form.Item name={[name, 'positions']} label={t('records.positions')} {...small}>
            <Select mode="multiple" style={{ minWidth: 220 }} options={Object.entries(ENUM_LABELS.position).map(([value, l]) => ({ value, label: l[index] }))} />
          </Form.Item>
          <Form.Item name={[name, 'skill']} label={t('records.skill')} {...small}>
            <Select
              allowClear
              style={{ minWidth: 180 }}
              options={[{ value: 'category', label: t('records.skillCategory') }, ...Object.entries(ENUM_LABELS.skill).map(([value, l]) => ({ value, label: l[index] }))]}
            />
          </Form.Item>
        </Space>
      );
    default:
      return null;
  }
}

/**
 * "编辑步骤记录": the records a step of the standard asks for — add a typed record (name, type,
 * labels, required, the type's bounds), change or remove one — saved with a reason as a new
 * company or community version. Problems the server finds land on the row they concern.
 */
export function EditStepRecordsDialog({
  open,
  scopes,
  initialScope,
  onClose,
  onSaved,
}: {
  open: boolean;
  scopes: EditableScope[];
  initialScope: string;
  onClose: () => void;
  onSaved: (version: StandardVersion) => void;
}) {
  const { t, tl, locale } = useFeatureI18n(STEP_RECORDS_MESSAGES);
  const isPhone = useMediaQuery('(max-width: 575px)');
  const [form] = Form.useForm<Values>();
  const scopeValue = Form.useWatch('scope', form) ?? initialScope;
  const stepKey = Form.useWatch('step', form);
  const target = scopes.find((s) => s.value === scopeValue) ?? scopes[0];
  const standard = target?.version.definition;
  const steps = (standard?.transitions ?? []).filter((tr) => tr.roles.length > 0);
  const step = steps.find((s) => s.key === stepKey);
  const rows = (Form.useWatch('records', form) as RowValue[] | undefined) ?? [];
  const save = useSaveStandardVersion(standard?.key ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  // A new scope or step starts from the records it has now.
  useEffect(() => {
    if (!open) return;
    form.setFieldValue('records', (step?.records ?? []).map(rowOf));
  }, [open, step, form]);

  if (!target || !standard) return null;

  const submit = async (values: Values) => {
    setProblem(null);
    if (!step) return;
    const stepIndex = standard.transitions.findIndex((tr) => tr.key === step.key);
    const records = values.records.map((row) => recordOf(row, row.original === undefined ? undefined : step.records[row.original]));
    const definition: ServiceStandard = { ...standard, transitions: standard.transitions.map((tr, i) => (i === stepIndex ? { ...tr, records } : tr)) };
    try {
      const saved = await save.mutateAsync({ communityId: target.value === COMPANY_SCOPE ? null : target.value, reason: values.reason.trim(), definition });
      onSaved(saved);
    } catch (cause) {
      const prefix = `definition.transitions.${stepIndex}.records.`;
      const elsewhere = showFieldErrors(form, cause, (path) => {
        if (path === 'reason') return ['reason'];
        if (!path.startsWith(prefix)) return null;
        const [row, field] = path.slice(prefix.length).split('.');
        const column = field === 'label' ? 'labelZh' : field === 'unit' ? 'unitZh' : (field ?? 'name');
        return ['records', Number(row), column];
      });
      if (elsewhere === false) setProblem(cause instanceof Error ? cause.message : String(cause));
      else if (elsewhere.length) setProblem(elsewhere.join('；'));
    }
  };

  return (
    <Modal
      open={open}
      title={t('records.title', { standard: tl(standard.name) })}
      onCancel={onClose}
      width={isPhone ? '100%' : 860}
      destroyOnHidden
      okText={t('records.save')}
      cancelText={t('records.cancel')}
      okButtonProps={{ loading: save.isPending, disabled: !step, 'data-testid': 'records-save' }}
      onOk={() => form.submit()}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ scope: initialScope, records: [] }} onFinish={(v) => void submit(v)} data-testid="records-form">
        <Typography.Paragraph type="secondary">{t('records.intro')}</Typography.Paragraph>
        <Space wrap style={{ width: '100%' }}>
          {scopes.length > 1 ? (
            <Form.Item name="scope" label={t('records.scope')}>
              <Select style={{ minWidth: 200 }} options={scopes.map((s) => ({ value: s.value, label: s.label }))} />
            </Form.Item>
          ) : (
            <Form.Item name="scope" hidden>
              <Input />
            </Form.Item>
          )}
          <Form.Item name="step" label={t('records.step')} rules={[{ required: true, message: t('records.requiredField') }]}>
            <Select style={{ minWidth: 240 }} options={steps.map((s) => ({ value: s.key, label: tl(s.name) }))} data-testid="records-step" />
          </Form.Item>
        </Space>
        {step ? (
          <Form.List name="records">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                {fields.length === 0 ? <Typography.Text type="secondary">{t('records.none')}</Typography.Text> : null}
                {fields.map((field) => {
                  const row = rows[field.name];
                  const kept = row?.original !== undefined ? step.records[row.original] : undefined;
                  return (
                    <Card key={field.key} size="small" data-testid="record-row">
                      <Flex gap={8} wrap align="start">
                        <Form.Item
                          name={[field.name, 'name']}
                          label={t('records.name')}
                          tooltip={t('records.nameHint')}
                          style={{ marginBottom: 8 }}
                          rules={[
                            { required: true, message: t('records.requiredField') },
                            { pattern: RECORD_NAME, message: t('records.namePattern') },
                            {
                              validator: async (_, v: string | undefined) => {
                                if (v && rows.filter((r) => r?.name?.trim() === v.trim()).length > 1) throw new Error(t('records.nameTaken'));
                              },
                            },
                          ]}
                        >
                          <Input style={{ width: 150 }} disabled={row?.original !== undefined} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'type']} label={t('records.type')} style={{ marginBottom: 8 }} rules={[{ required: true, message: t('records.requiredField') }]}>
                          <Select style={{ width: 140 }} options={RECORD_TYPES.map((type) => ({ value: type, label: RECORD_TYPE_LABELS[type][locale] }))} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'labelZh']} label={t('records.labelZh')} style={{ marginBottom: 8 }} rules={[{ required: true, whitespace: true, message: t('records.requiredField') }]}>
                          <Input maxLength={100} style={{ width: 160 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'labelEn']} label={t('records.labelEn')} style={{ marginBottom: 8 }}>
                          <Input maxLength={100} style={{ width: 160 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'required']} label={t('records.required')} valuePropName="checked" style={{ marginBottom: 8 }}>
                          <Switch />
                        </Form.Item>
                        <Form.Item name={[field.name, 'internal']} label={t('records.internal')} tooltip={t('records.internalHint')} valuePropName="checked" style={{ marginBottom: 8 }}>
                          <Switch data-testid={`records-internal-${field.name}`} />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} aria-label={t('records.remove')} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                      </Flex>
                      <BoundFields name={field.name} type={row?.type} />
                      {row?.type === 'checklist' && kept?.items ? <Typography.Text type="secondary">{t('records.checklistKept', { n: kept.items.length })}</Typography.Text> : null}
                    </Card>
                  );
                })}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'text', required: true })} data-testid="records-add">
                  {t('records.add')}
                </Button>
              </Flex>
            )}
          </Form.List>
        ) : null}
        <Form.Item name="reason" label={t('records.reason')} extra={t('records.reasonHint')} rules={[{ required: true, whitespace: true, min: 2, message: t('records.reasonShort') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="records-reason" />
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon title={problem} data-testid="records-error" /> : null}
    </Modal>
  );
}
