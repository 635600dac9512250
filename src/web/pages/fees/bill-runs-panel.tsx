import { useState } from 'react';
import { Alert, App, Button, Flex, Segmented, Select, Table, Tag, Typography } from 'antd';
import { BILLING_CYCLES, type BillingCycle } from '../../../common/fees';
import { useBillRuns, useFeeActions, type BillRun, type BillRunBatch } from '../../api/fees';
import { useFeatureI18n, type FeatureI18n } from '../../shared/use-feature-i18n';
import { FEE_MESSAGES, yuan, type FeeMessageKey } from './fee-messages';

/** The last twelve months and the next three, newest first, as YYYY-MM. */
function months(): string[] {
  const now = new Date();
  const out: string[] = [];
  for (let i = 3; i >= -12; i--) out.push(new Date(Date.UTC(now.getFullYear(), now.getMonth() + i, 1)).toISOString().slice(0, 7));
  return out;
}

/**
 * A bill run: preview the totals per building and item, then post them. Where the manager runs
 * more than one community, the same for all of them at once: each community is its own run (the
 * table says which posted, which had nothing new and which failed, and why).
 */
export function BillRunsPanel({ communityId, communities }: { communityId: string; communities: readonly { id: string; name: string }[] }) {
  const { t } = useFeatureI18n(FEE_MESSAGES);
  const { message } = App.useApp();
  const { run, runBatch } = useFeeActions();
  const { data: history } = useBillRuns(communityId);
  const [cycle, setCycle] = useState<BillingCycle>('monthly');
  const [period, setPeriod] = useState(months()[3]!);
  const [scope, setScope] = useState<'one' | 'all'>('one');
  const [preview, setPreview] = useState<BillRun | null>(null);
  const [batch, setBatch] = useState<BillRunBatch | null>(null);
  const [error, setError] = useState<string | null>(null);
  const all = scope === 'all' && communities.length > 1;
  const reset = () => {
    setPreview(null);
    setBatch(null);
  };
  const go = (dryRun: boolean) => {
    if (all) {
      runBatch.mutate(
        { communityIds: communities.map((c) => c.id), cycle, periodStart: period, dryRun },
        {
          onSuccess: (r) => {
            setError(null);
            setBatch(r);
            if (!dryRun) message[r.failed ? 'warning' : 'success'](batchSummary(r, t));
          },
          onError: (e) => setError(e.message),
        },
      );
      return;
    }
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
  };
  const pending = all ? runBatch : run;
  const canPost = all ? !!batch?.dryRun && batch.chargeCount > 0 : !!preview && preview.chargeCount > 0;
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        {communities.length > 1 ? (
          <Segmented<'one' | 'all'>
            value={scope}
            onChange={(v) => { setScope(v); reset(); }}
            options={[{ value: 'one', label: t('runs.scopeOne') }, { value: 'all', label: t('runs.scopeAll', { count: communities.length }) }]}
            data-testid="run-scope"
          />
        ) : null}
        <Typography.Text>{t('runs.cycle')}</Typography.Text>
        <Select style={{ width: 120 }} value={cycle} onChange={(c) => { setCycle(c); reset(); }} options={BILLING_CYCLES.map((c) => ({ value: c, label: t(`cycle.${c}` as FeeMessageKey) }))} data-testid="run-cycle" />
        <Typography.Text>{t('runs.period')}</Typography.Text>
        <Select style={{ width: 140 }} virtual={false} value={period} onChange={(p) => { setPeriod(p); reset(); }} options={months().map((m) => ({ value: m, label: m }))} data-testid="run-period" />
        <Button onClick={() => go(true)} loading={pending.isPending && pending.variables?.dryRun} data-testid="run-preview">
          {t('runs.preview')}
        </Button>
        <Button type="primary" disabled={!canPost} onClick={() => go(false)} loading={pending.isPending && !pending.variables?.dryRun} data-testid="run-confirm">
          {t('runs.confirm')}
        </Button>
      </Flex>
      {error ? <Alert type="error" title={error} /> : null}
      {all && batch ? <BatchTable batch={batch} /> : null}
      {!all && preview ? (
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
      {/* The runs of the community picked above; a run of all communities lists its own results. */}
      {all ? null : (
        <>
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
        </>
      )}
    </Flex>
  );
}

/** What a posted run of many communities came to, with the failures if any. */
function batchSummary(batch: BillRunBatch, t: FeatureI18n<FeeMessageKey>['t']): string {
  const done = t('runs.batchPosted', { communities: batch.communities.length - batch.failed, count: batch.chargeCount, amount: yuan(batch.totalFen) });
  return batch.failed ? `${done}; ${t('runs.batchFailed', { failed: batch.failed })}` : done;
}

/** What a run of many communities previewed or posted, community by community. */
function BatchTable({ batch }: { batch: BillRunBatch }) {
  const { t } = useFeatureI18n(FEE_MESSAGES);
  const color = { preview: 'default', posted: 'blue', nothing_new: 'default', failed: 'red' } as const;
  return (
    <Flex vertical gap={8} data-testid="run-batch-table">
      <Typography.Text strong>
        {batch.dryRun ? t('runs.batchPreviewTitle', { communities: batch.communities.length, count: batch.chargeCount, amount: yuan(batch.totalFen) }) : batchSummary(batch, t)}
      </Typography.Text>
      <Table
        rowKey="communityId"
        size="small"
        pagination={batch.communities.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        dataSource={batch.communities}
        columns={[
          { title: t('runs.community'), dataIndex: 'communityName' },
          { title: t('runs.charges'), dataIndex: 'chargeCount', align: 'right' },
          { title: t('runs.total'), align: 'right', render: (_, r) => yuan(r.totalFen) },
          { title: t('runs.skippedCount'), dataIndex: 'skipped', align: 'right' },
          {
            title: t('runs.result'),
            render: (_, r) => (
              <Flex vertical gap={2}>
                <Tag color={color[r.status]} style={{ width: 'fit-content' }}>{t(`runs.batchStatus.${r.status === 'preview' && !r.chargeCount ? 'nothing_new' : r.status}`)}</Tag>
                {r.error ? <Typography.Text type="danger">{r.error}</Typography.Text> : null}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
