import { useEffect, useState } from 'react';
import { Alert, App, Col, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Tag, Typography, theme } from 'antd';
import { ApiError } from '../../api/client';
import { SERVICE_LEVELS, useSaveTimeLimits, type StandardVersion } from '../../api/standards';
import { useMediaQuery } from '../../components/use-media-query';
import { useI18n } from '../../i18n/i18n-context';
import { LEVEL_KEYS, conditionText, localized } from './standard-format';
import {
  computeChanges,
  fieldForProblem,
  initialLimitValues,
  type ChangeOrigin,
  type DurationUnit,
  type LimitFormValue,
} from './time-limit-changes';
import { COMPANY_SCOPE } from './use-standards-scope';

interface FormValues {
  scope: string;
  limits: Record<string, LimitFormValue>;
  reason: string;
}

/** A scope the user may save to, with the version in effect there. */
export interface EditableScope {
  /** Community id, or {@link COMPANY_SCOPE}. */
  value: string;
  label: string;
  version: StandardVersion;
}

/**
 * "修改时限": the duration of each limit per level, its clock and warning share, and a required
 * reason. Saving creates a new company or community version; server problems appear on the
 * inputs they concern.
 */
export function EditTimeLimitsDialog({
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
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const isPhone = useMediaQuery('(max-width: 575px)');
  const [form] = Form.useForm<FormValues>();
  const scopeValue = Form.useWatch('scope', form) ?? initialScope;
  const target = scopes.find((s) => s.value === scopeValue) ?? scopes[0];
  const standard = target?.version.definition;
  const save = useSaveTimeLimits(standard?.key ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  // Fresh values whenever the dialog opens or the scope (and with it the version) changes.
  useEffect(() => {
    if (!open || !target) return;
    form.setFieldsValue({ scope: target.value, limits: initialLimitValues(target.version.definition) });
    setProblem(null);
  }, [open, target, form]);

  if (!target || !standard) return null;

  const units: { value: DurationUnit; label: string }[] = [
    { value: 'minutes', label: t('standards.unit.minutes') },
    { value: 'hours', label: t('standards.unit.hours') },
    { value: 'workingDays', label: t('standards.unit.workingDays') },
  ];

  const submit = async (values: FormValues) => {
    setProblem(null);
    const { changes, origins } = computeChanges(standard, values.limits);
    if (changes.length === 0) {
      setProblem(t('standards.edit.noChanges'));
      return;
    }
    try {
      const saved = await save.mutateAsync({
        communityId: values.scope === COMPANY_SCOPE ? null : values.scope,
        reason: values.reason,
        changes,
      });
      message.success(t('standards.edit.saved', { version: saved.version }));
      form.resetFields(['reason']);
      onSaved(saved);
    } catch (error) {
      showProblems(error, origins);
    }
  };

  const showProblems = (error: unknown, origins: ChangeOrigin[]) => {
    if (!(error instanceof ApiError)) {
      setProblem(error instanceof Error ? error.message : String(error));
      return;
    }
    const unplaced: string[] = [];
    const fields = Object.entries(error.fields).flatMap(([path, text]) => {
      const name = fieldForProblem(path, standard, origins);
      if (!name) unplaced.push(text);
      return name ? [{ name, errors: [text] }] : [];
    });
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    if (fields.length === 0 || unplaced.length) setProblem([error.message, ...unplaced].join(' '));
  };

  return (
    <Modal
      open={open}
      title={t('standards.edit.title', { name: localized(standard.name, locale) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('standards.edit.submit')}
      cancelText={t('standards.edit.cancel')}
      confirmLoading={save.isPending}
      width={isPhone ? 'calc(100vw - 16px)' : 900}
      style={isPhone ? { top: 8, maxWidth: 'none', paddingBottom: 8 } : undefined}
      forceRender
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark data-testid="edit-limits-form">
        <Form.Item name="scope" label={t('standards.edit.scope')} extra={t('standards.edit.scopeHint')}>
          <Radio.Group optionType="button" options={scopes.map((s) => ({ value: s.value, label: s.label }))} />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('standards.edit.basedOn', { version: target.version.version })}
        </Typography.Paragraph>
        <Space orientation="vertical" size={12} style={{ width: '100%', marginBottom: 16 }}>
          {standard.timeLimits.map((limit) => {
            const when = conditionText(limit.appliesWhen, t, locale);
            return (
              <div
                key={limit.key}
                data-testid={`edit-limit-${limit.key}`}
                style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: 8, padding: '12px 12px 0' }}
              >
                <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
                  <Typography.Text strong>{localized(limit.name, locale)}</Typography.Text>
                  {when ? <Tag style={{ marginInlineEnd: 0 }}>{when}</Tag> : null}
                </Flex>
                <Row gutter={12}>
                  {SERVICE_LEVELS.map((level) => (
                    <Col key={level} xs={24} sm={8}>
                      <Form.Item label={t(LEVEL_KEYS[level])} required style={{ marginBottom: 12 }}>
                        <Space.Compact style={{ width: '100%' }}>
                          <Form.Item
                            name={['limits', limit.key, 'levels', `L${level}`, 'amount']}
                            noStyle
                            rules={[{ required: true, message: t('standards.edit.durationRequired') }]}
                          >
                            <InputNumber
                              min={1}
                              precision={0}
                              style={{ width: '55%' }}
                              aria-label={`${localized(limit.name, locale)} ${t(LEVEL_KEYS[level])}`}
                            />
                          </Form.Item>
                          <Form.Item name={['limits', limit.key, 'levels', `L${level}`, 'unit']} noStyle>
                            <Select options={units} style={{ width: '45%' }} aria-label={t('standards.edit.unit')} />
                          </Form.Item>
                        </Space.Compact>
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
                <Row gutter={12}>
                  <Col xs={24} sm={16}>
                    <Form.Item name={['limits', limit.key, 'calendar']} label={t('standards.edit.calendar')} style={{ marginBottom: 12 }}>
                      <Radio.Group
                        options={[
                          { value: 'business', label: t('standards.calendar.business') },
                          { value: '24x7', label: t('standards.calendar.24x7') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Form.Item name={['limits', limit.key, 'warn']} label={t('standards.edit.warn')} style={{ marginBottom: 12 }}>
                      <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
              </div>
            );
          })}
        </Space>
        <Form.Item
          name="reason"
          label={t('standards.edit.reason')}
          rules={[{ required: true, whitespace: true, message: t('standards.edit.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('standards.edit.reasonPlaceholder')} />
        </Form.Item>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} /> : null}
      </Form>
    </Modal>
  );
}
