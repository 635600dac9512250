import { useState } from 'react';
import { Alert, App, Button, Flex, Select, Table, Tag, Typography } from 'antd';
import { BILLING_CYCLES, type BillingCycle } from '../../../common/fees';
import { useBillRuns, useFeeActions, type BillRun } from '../../api/fees';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { FEE_MESSAGES, yuan, type FeeMessageKey } from './fee-messages';

/** The last twelve months and the next three, newest first, as YYYY-MM. */
function months(): string[] {
  const now = new Date();
  const out: string[] = [];
  for (let i = 3; i >= -12; i--) out.push(new Date(Date.UTC(now.getFullYear(), now.getMonth() + i, 1)).toISOString().slice(0, 7));
  return out;
}

/** A bill run: preview the totals per building and item, then post them. */
export function BillRunsPanel({ communityId }: { communityId: string }) {
  const { t } = useFeatureI18n(FEE_MESSAGES);
  const { message } = App.useApp();
  const { run } = useFeeActions();
  const { data: history } = useBillRuns(communityId);
  const [cycle, setCycle] = useState<BillingCycle>('monthly');
  const [period, setPeriod] = useState(months()[3]!);
  const [preview, setPreview] = useState<BillRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = (dryRun: boolean) =>
    run.mutate(
      { communityId, cycle, periodStart: period, dryRun },
      {
        onSuccess: (r) => {
          setError(null);
          setPreview(dryRun ? r : null);
          if (!dryRun) message.success(r.status === 'nothing_new' ? t('runs.nothingNew') : t('runs.posted', { count: r.chargeCount, amount: yuan(r.totalFen) }));
        },
        onError: (e) => setError(e.message),
      },
    );
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('runs.cycle')}</Typography.Text>
        <Select style={{ width: 120 }} value={cycle} onChange={(c) => { setCycle(c); setPreview(null); }} options={BILLING_CYCLES.map((c) => ({ value: c, label: t(`cycle.${c}` as FeeMessageKey) }))} data-testid="run-cycle" />
        <Typography.Text>{t('runs.period')}</Typography.Text>
        <Select style={{ width: 140 }} value={period} onChange={(p) => { setPeriod(p); setPreview(null); }} options={months().map((m) => ({ value: m, label: m }))} data-testid="run-period" />
        <Button onClick={() => go(true)} loading={run.isPending && run.variables?.dryRun} data-testid="run-preview">
          {t('runs.preview')}
        </Button>
        <Button type="primary" disabled={!preview || preview.chargeCount === 0} onClick={() => go(false)} loading={run.isPending && !run.variables?.dryRun} data-testid="run-confirm">
          {t('runs.confirm')}
        </Button>
      </Flex>
      {error ? <Alert type="error" title={error} /> : null}
      {preview ? (
        <Flex vertical gap={8} data-testid="run-preview-table">
          <Typography.Text strong>{preview.chargeCount ? t('runs.previewTitle', { count: preview.chargeCount, amount: yuan(preview.totalFen) }) : t('runs.nothingNew')}</Typography.Text>
          <Table
            rowKey={(r) => `${r.buildingId}|${r.itemId}`}
            size="small"
            pagination={false}
            dataSource={preview.byBuilding}
            columns={[
              { title: t('runs.building'), dataIndex: 'buildingName' },
              { title: t('items.name'), dataIndex: 'itemName' },
              { title: t('runs.units'), dataIndex: 'units', align: 'right' },
              { title: t('runs.total'), align: 'right', render: (_, r) => yuan(r.totalFen) },
            ]}
          />
          {preview.skipped.length ? (
            <Alert
              type="warning"
              title={t('runs.skipped')}
              description={preview.skipped.slice(0, 20).map((s) => `${s.label} · ${s.itemName} · ${t(`runs.reason.${s.reason}` as FeeMessageKey)}`).join('；') + (preview.skipped.length > 20 ? ' …' : '')}
            />
          ) : null}
        </Flex>
      ) : null}
      <Typography.Title level={5}>{t('runs.history')}</Typography.Title>
      <Table<BillRun>
        rowKey={(r) => r.id ?? ''}
        size="small"
        pagination={false}
        dataSource={history?.items ?? []}
        columns={[
          { title: t('col.period'), render: (_, r) => `${r.periodStart} ~ ${r.periodEnd}` },
          { title: t('runs.cycle'), render: (_, r) => t(`cycle.${r.cycle}` as FeeMessageKey) },
          { title: t('runs.charges'), dataIndex: 'chargeCount', align: 'right' },
          { title: t('runs.total'), align: 'right', render: (_, r) => yuan(r.totalFen) },
          { title: '', render: (_, r) => <Tag color={r.status === 'posted' ? 'blue' : 'default'}>{t(`runs.status.${r.status === 'reversed' ? 'reversed' : 'posted'}`)}</Tag> },
        ]}
      />
    </Flex>
  );
}
