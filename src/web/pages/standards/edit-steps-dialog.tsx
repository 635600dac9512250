import { useEffect, useState } from 'react';
import { Alert, Card, Flex, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { ROLES, type Role } from '../../../common/roles';
import { STATE_TYPES, useSaveStandardVersion, type StateType, type StandardVersion } from '../../api/standards';
import { useMediaQuery } from '../../components/use-media-query';
import { useI18n } from '../../i18n/i18n-context';
import { showFieldErrors } from '../../shared/field-errors';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import type { EditableScope } from './edit-time-limits-dialog';
import { STATE_TYPE_KEYS } from './standard-format';
import { bothLanguages, insertStep, renameStates, STEP_KEY } from './step-edits';
import { STEP_RECORDS_MESSAGES } from './step-records-messages';
import { COMPANY_SCOPE } from './use-standards-scope';

interface Values {
  scope: string;
  states: { key: string; zh: string; en: string }[];
  insert: boolean;
  before?: string;
  key?: string;
  nameZh?: string;
  nameEn?: string;
  roles?: Role[];
  stateKey?: string;
  stateZh?: string;
  stateEn?: string;
  stateType?: StateType;
  reason: string;
}

const STEP_ROLES = ROLES.filter((r) => r !== 'platform_admin');

/**
 * "编辑步骤和状态": renames the states (their names; keys stay, so work in progress and time
 * limits keep finding them) and inserts a new step, taken by its own roles, before an existing
 * one, leading to a new state. Saved with a reason as a new company or community version; what
 * the new step asks for is then edited in "编辑步骤记录".
 */
export function EditStepsDialog({
  scopes,
  initialScope,
  onClose,
  onSaved,
}: {
  scopes: EditableScope[];
  initialScope: string;
  onClose: () => void;
  onSaved: (version: StandardVersion) => void;
}) {
  const { t, tl } = useFeatureI18n(STEP_RECORDS_MESSAGES);
  const app = useI18n();
  const isPhone = useMediaQuery('(max-width: 575px)');
  const [form] = Form.useForm<Values>();
  const scopeValue = Form.useWatch('scope', form) ?? initialScope;
  const inserting = Form.useWatch('insert', form) ?? false;
  const stateRows = (Form.useWatch('states', form) as Values['states'] | undefined) ?? [];
  const target = scopes.find((s) => s.value === scopeValue) ?? scopes[0];
  const standard = target?.version.definition;
  const save = useSaveStandardVersion(standard?.key ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  // Another scope starts from the names it has now.
  useEffect(() => {
    form.setFieldValue('states', (standard?.states ?? []).map((s) => ({ key: s.key, zh: s.name['zh-CN'], en: s.name['en-US'] })));
  }, [standard, form]);

  if (!target || !standard) return null;
  const steps = standard.transitions.filter((tr) => tr.roles.length > 0);
  const unused = (keys: string[]) => async (_: unknown, v: string | undefined) => {
    if (v && keys.includes(v.trim())) throw new Error(t('steps.keyTaken'));
  };

  const submit = async (values: Values) => {
    setProblem(null);
    let definition = renameStates(
      standard,
      Object.fromEntries(values.states.map((s) => [s.key, bothLanguages(s.zh, s.en)])),
    );
    if (values.insert) {
      definition = insertStep(definition, {
        before: values.before!,
        key: values.key!.trim(),
        name: bothLanguages(values.nameZh, values.nameEn),
        roles: values.roles ?? [],
        state: { key: values.stateKey!.trim(), name: bothLanguages(values.stateZh, values.stateEn), type: values.stateType ?? 'in_progress' },
      });
    }
    try {
      const saved = await save.mutateAsync({ communityId: target.value === COMPANY_SCOPE ? null : target.value, reason: values.reason.trim(), definition });
      onSaved(saved);
    } catch (cause) {
      const elsewhere = showFieldErrors(form, cause, (path) => {
        if (path === 'reason') return ['reason'];
        const state = /^definition\.states\.(\d+)\.name/.exec(path);
        if (state && Number(state[1]) < values.states.length && !values.insert) return ['states', Number(state[1]), 'zh'];
        return null;
      });
      if (elsewhere === false) setProblem(cause instanceof Error ? cause.message : String(cause));
      else if (elsewhere.length) setProblem(elsewhere.join('；'));
    }
  };

  const required = { required: true, whitespace: true, message: t('records.requiredField') };
  const keyRules = (taken: string[]) => [required, { pattern: STEP_KEY, message: t('steps.keyPattern') }, { validator: unused(taken) }];

  return (
    <Modal
      open
      title={t('steps.title', { standard: tl(standard.name) })}
      onCancel={onClose}
      width={isPhone ? '100%' : 860}
      destroyOnHidden
      okText={t('records.save')}
      cancelText={t('records.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'steps-save' }}
      onOk={() => form.submit()}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ scope: initialScope, states: [], insert: false, stateType: 'in_progress' }} onFinish={(v) => void submit(v)} data-testid="steps-form">
        <Typography.Paragraph type="secondary">{t('steps.intro')}</Typography.Paragraph>
        {scopes.length > 1 ? (
          <Form.Item name="scope" label={t('records.scope')}>
            <Select style={{ minWidth: 200 }} options={scopes.map((s) => ({ value: s.value, label: s.label }))} />
          </Form.Item>
        ) : (
          <Form.Item name="scope" hidden>
            <Input />
          </Form.Item>
        )}
        <Card size="small" title={t('steps.states')} style={{ marginBottom: 16 }}>
          <Form.List name="states">
            {(fields) =>
              fields.map((field) => (
                <Flex key={field.key} gap={8} wrap align="start" data-testid={`state-row-${stateRows[field.name]?.key ?? ''}`}>
                  <Form.Item name={[field.name, 'key']} label={field.name === 0 ? t('steps.stateKey') : undefined} style={{ marginBottom: 8 }}>
                    <Input disabled style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'zh']} label={field.name === 0 ? t('records.labelZh') : undefined} style={{ marginBottom: 8 }} rules={[required]}>
                    <Input maxLength={100} style={{ width: 220 }} aria-label={t('records.labelZh')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'en']} label={field.name === 0 ? t('records.labelEn') : undefined} style={{ marginBottom: 8 }}>
                    <Input maxLength={100} style={{ width: 260 }} aria-label={t('records.labelEn')} />
                  </Form.Item>
                </Flex>
              ))
            }
          </Form.List>
        </Card>
        <Form.Item name="insert" valuePropName="checked" label={t('steps.insert')}>
          <Switch data-testid="steps-insert" />
        </Form.Item>
        {inserting ? (
          <Card size="small" style={{ marginBottom: 16 }} data-testid="new-step">
            <Flex gap={8} wrap>
              <Form.Item name="before" label={t('steps.before')} tooltip={t('steps.beforeHint')} rules={[required]} style={{ marginBottom: 8 }}>
                <Select style={{ width: 240 }} options={steps.map((s) => ({ value: s.key, label: tl(s.name) }))} data-testid="steps-before" />
              </Form.Item>
              <Form.Item name="roles" label={t('steps.roles')} rules={[{ required: true, message: t('records.requiredField') }]} style={{ marginBottom: 8 }}>
                <Select mode="multiple" style={{ minWidth: 240 }} options={STEP_ROLES.map((r) => ({ value: r, label: app.roleLabel(r) }))} data-testid="steps-roles" />
              </Form.Item>
            </Flex>
            <Flex gap={8} wrap>
              <Form.Item name="nameZh" label={t('steps.nameZh')} rules={[required]} style={{ marginBottom: 8 }}>
                <Input maxLength={100} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="nameEn" label={t('steps.nameEn')} style={{ marginBottom: 8 }}>
                <Input maxLength={100} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="key" label={t('steps.key')} tooltip={t('steps.keyHint')} rules={keyRules(standard.transitions.map((tr) => tr.key))} style={{ marginBottom: 8 }}>
                <Input maxLength={64} style={{ width: 150 }} />
              </Form.Item>
            </Flex>
            <Typography.Text strong>{t('steps.newState')}</Typography.Text>
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              <Form.Item name="stateZh" label={t('steps.newStateZh')} rules={[required]} style={{ marginBottom: 8 }}>
                <Input maxLength={100} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="stateEn" label={t('steps.newStateEn')} style={{ marginBottom: 8 }}>
                <Input maxLength={100} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="stateKey" label={t('steps.newStateKey')} tooltip={t('steps.keyHint')} rules={keyRules(standard.states.map((s) => s.key))} style={{ marginBottom: 8 }}>
                <Input maxLength={64} style={{ width: 150 }} />
              </Form.Item>
              <Form.Item name="stateType" label={t('steps.newStateType')} style={{ marginBottom: 8 }}>
                <Select style={{ width: 140 }} options={STATE_TYPES.map((type) => ({ value: type, label: app.t(STATE_TYPE_KEYS[type]) }))} data-testid="steps-state-type" />
              </Form.Item>
            </Flex>
          </Card>
        ) : null}
        <Form.Item name="reason" label={t('records.reason')} extra={t('records.reasonHint')} rules={[{ required: true, whitespace: true, min: 2, message: t('records.reasonShort') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="steps-reason" />
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon title={problem} data-testid="steps-error" /> : null}
    </Modal>
  );
}
