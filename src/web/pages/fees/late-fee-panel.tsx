import { useEffect } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Select, Table } from 'antd';
import { useAddLateFeeRule, useLateFeeSettings, type LateFeeRule, type LateFeeRuleInput } from '../../api/fee-late';
import { useFeeItems } from '../../api/fees';
import { showFieldErrors } from '../../shared/field-errors';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { yuan } from './fee-messages';
import { FEE_LATE_MESSAGES } from './late-fee-messages';

interface FormValues {
  scope: string;
  effectiveFrom: string;
  mode: LateFeeRuleInput['mode'];
  dailyRatePermille?: number;
  fixedYuan?: number;
  periodDays?: number;
  graceDays?: number;
  capPercent?: number;
  capYuan?: number;
}

const COMMUNITY = 'community';
const fen = (y: number | undefined) => (y === undefined || y === null ? undefined : Math.round(y * 100));
// The API's field names for the form's own (yuan fields carry fen on the wire).
const FIELD_OF: Record<string, string> = { fixedFen: 'fixedYuan', capFen: 'capYuan', itemId: 'scope' };

/** 滞纳金: the community's late-fee rules (read by the desk, added by managers as dated versions). */
export function LateFeePanel({ communityId }: { communityId: string }) {
  const { t } = useFeatureI18n(FEE_LATE_MESSAGES);
  const { message } = App.useApp();
  const { data, error } = useLateFeeSettings(communityId);
  const items = useFeeItems(communityId);
  const add = useAddLateFeeRule();
  const [form] = Form.useForm<FormValues>();
  const mode = Form.useWatch('mode', form);
  const canEdit = !!data?.allowedActions.includes('update');
  useEffect(() => {
    if (data) form.setFieldsValue({ scope: COMMUNITY, effectiveFrom: data.today, mode: 'daily_rate', dailyRatePermille: 0.5, graceDays: 15, capPercent: 10 });
  }, [data, form]);

  const ruleText = (r: LateFeeRule) => {
    if (r.mode === 'off') return t('late.rule.off');
    const base =
      r.mode === 'daily_rate'
        ? t('late.rule.daily', { rate: r.dailyRatePermille ?? '', grace: r.graceDays ?? 0 })
        : t('late.rule.fixed', { amount: `¥${yuan(r.fixedFen ?? 0)}`, days: r.periodDays ?? 0, grace: r.graceDays ?? 0 });
    return `${base}${r.capPercent !== null ? t('late.rule.capPercent', { percent: r.capPercent }) : ''}${r.capFen !== null ? t('late.rule.capAmount', { amount: `¥${yuan(r.capFen)}` }) : ''}`;
  };

  const submit = (v: FormValues) => {
    const input: LateFeeRuleInput = {
      itemId: v.scope === COMMUNITY ? null : v.scope,
      effectiveFrom: v.effectiveFrom,
      mode: v.mode,
      ...(v.mode === 'daily_rate' ? { dailyRatePermille: v.dailyRatePermille } : {}),
      ...(v.mode === 'fixed' ? { fixedFen: fen(v.fixedYuan), periodDays: v.periodDays } : {}),
      ...(v.mode !== 'off' ? { graceDays: v.graceDays, capPercent: v.capPercent ?? undefined, capFen: fen(v.capYuan) } : {}),
    };
    add.mutate(
      { communityId, input },
      {
        onSuccess: () => void message.success(t('late.saved')),
        onError: (e) => {
          if (showFieldErrors(form, e, (path) => [FIELD_OF[path] ?? path]) === false) void message.error(e.message);
        },
      },
    );
  };

  return (
    <Flex vertical gap={16}>
      {error ? <Alert type="error" title={error.message} /> : null}
      <Alert type="info" title={t('late.lawful')} />
      <Card title={t('late.title')}>
        <Descriptions size="small" column={1} items={[{ key: 'now', label: t('late.inForce'), children: <span data-testid="late-in-force">{data?.inForce ? ruleText(data.inForce) : t('late.none')}</span> }]} />
      </Card>
      {canEdit ? (
        <Card title={t('late.new')}>
          <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 560 }} data-testid="late-fee-form">
            <Form.Item name="scope" label={t('late.scope')}>
              <Select options={[{ value: COMMUNITY, label: t('late.scopeCommunity') }, ...(items.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))]} />
            </Form.Item>
            <Form.Item name="effectiveFrom" label={t('late.effectiveFrom')}>
              <Input type="date" min={data?.today} style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item name="mode" label={t('late.mode')}>
              <Select options={(['daily_rate', 'fixed', 'off'] as const).map((m) => ({ value: m, label: t(`late.mode.${m}`) }))} />
            </Form.Item>
            {mode === 'daily_rate' ? (
              <Form.Item name="dailyRatePermille" label={t('late.rate')}>
                <InputNumber min={0.01} max={10} step={0.1} precision={2} />
              </Form.Item>
            ) : null}
            {mode === 'fixed' ? (
              <Flex gap={16} wrap>
                <Form.Item name="fixedYuan" label={t('late.fixedYuan')}>
                  <InputNumber min={0.01} precision={2} />
                </Form.Item>
                <Form.Item name="periodDays" label={t('late.periodDays')}>
                  <InputNumber min={1} max={365} precision={0} />
                </Form.Item>
              </Flex>
            ) : null}
            {mode && mode !== 'off' ? (
              <Flex gap={16} wrap>
                <Form.Item name="graceDays" label={t('late.graceDays')}>
                  <InputNumber min={1} max={365} precision={0} />
                </Form.Item>
                <Form.Item name="capPercent" label={t('late.capPercent')}>
                  <InputNumber min={1} max={100} precision={0} />
                </Form.Item>
                <Form.Item name="capYuan" label={t('late.capYuan')}>
                  <InputNumber min={0.01} precision={2} />
                </Form.Item>
              </Flex>
            ) : null}
            <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="late-fee-save">
              {t('late.save')}
            </Button>
          </Form>
        </Card>
      ) : null}
      <Card title={t('late.versions')}>
        <Table<LateFeeRule>
          size="small"
          rowKey="id"
          dataSource={data?.rules ?? []}
          locale={{ emptyText: t('late.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('late.col.scope'), render: (_, r) => r.itemName ?? t('late.scopeCommunity') },
            { title: t('late.col.from'), dataIndex: 'effectiveFrom' },
            { title: t('late.col.rule'), render: (_, r) => ruleText(r) },
            { title: t('late.col.by'), dataIndex: 'createdByName' },
          ]}
          data-testid="late-fee-rules"
        />
      </Card>
    </Flex>
  );
}
