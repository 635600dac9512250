import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Drawer, Flex, Input, Progress, Row, Segmented, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { AGE_KEYS } from '../../../common/fee-owner';
import { downloadFile } from '../../api/registry';
import { useFeeDrill, useFeeReport, type DrillQuery, type FeeReport } from '../../api/fee-owner';
import { Chart, type ChartOption } from '../../shared/chart';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { yuan } from './fee-messages';
import { FEE_OWNER_MESSAGES, type FeeOwnerMessageKey } from './owner-messages';

const firstOfYear = () => `${new Date().getFullYear()}-01-01`;
const todayLocal = () => new Date().toLocaleDateString('en-CA');
const pct = (r: number | null) => (r === null ? 0 : Math.round(r * 1000) / 10);

/** Fee reports: collection rate, arrears by building and age, income by item and method, receipts over time; every figure opens its entries. */
export function ReportsPanel({ communityId }: { communityId: string }) {
  const { t, locale } = useFeatureI18n(FEE_OWNER_MESSAGES);
  const [from, setFrom] = useState(firstOfYear);
  const [to, setTo] = useState(todayLocal);
  const [granularity, setGranularity] = useState<'day' | 'month'>('month');
  const [drill, setDrill] = useState<{ title: string; q: DrillQuery } | null>(null);
  const q = { communityId, from, to, granularity };
  const { data: r, error } = useFeeReport(q);
  const open = (title: string, d: Omit<DrillQuery, 'communityId' | 'from' | 'to'>) => setDrill({ title, q: { communityId, from, to, ...d } });
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center" wrap>
        <span>{t('rep.from')}</span>
        <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 160 }} data-testid="rep-from" />
        <span>{t('rep.to')}</span>
        <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 160 }} data-testid="rep-to" />
        <Segmented value={granularity} onChange={(v) => setGranularity(v as 'day' | 'month')} options={[{ value: 'month', label: t('rep.byMonth') }, { value: 'day', label: t('rep.byDay') }]} />
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile('/api/v1/fee-reports/export', q, `fee-report-${from}-${to}.xlsx`, locale)}>
          {t('rep.export')}
        </Button>
      </Flex>
      {error ? <Alert type="error" title={error.message} /> : null}
      {r ? <Report r={r} open={open} /> : null}
      <Drawer open={!!drill} onClose={() => setDrill(null)} title={drill?.title} size="large" destroyOnHidden>
        {drill ? <DrillList q={drill.q} /> : null}
      </Drawer>
    </Flex>
  );
}

function Report({ r, open }: { r: FeeReport; open: (title: string, d: Omit<DrillQuery, 'communityId' | 'from' | 'to'>) => void }) {
  const { t } = useFeatureI18n(FEE_OWNER_MESSAGES);
  const c = r.collection;
  // Arrears per building stacked by age, and money received per day or month: a manager sees the
  // old debts and the slow months at a glance; a click opens the entries behind the bar.
  const arrearsChart = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => yuan(Number(v) * 100) },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: r.arrearsByBuilding.map((b) => b.buildingName) },
      color: ['#ffd591', '#ffa940', '#fa8c16', '#d4380d', '#871400'],
      series: AGE_KEYS.map((k) => ({ type: 'bar', stack: 'age', name: t(`age.${k}` as FeeOwnerMessageKey), data: r.arrearsByBuilding.map((b) => (b.ageing[k] ?? 0) / 100), barMaxWidth: 24 })),
    }),
    [r.arrearsByBuilding, t],
  );
  const seriesChart = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => yuan(Number(v) * 100) },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: r.series.map((s) => s.bucket) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('rep.amount'), data: r.series.map((s) => s.receivedFen / 100), barMaxWidth: 48, itemStyle: { color: '#2f6f9f' } }],
    }),
    [r.series, t],
  );
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card title={t('rep.collection')} data-testid="rep-collection">
            <Flex gap={24} justify="space-around">
              <Flex vertical align="center">
                <Progress type="dashboard" percent={pct(c.rate)} size={110} />
                <Typography.Text>{t('rep.byAmount')}</Typography.Text>
              </Flex>
              <Flex vertical align="center">
                <Progress type="dashboard" percent={pct(c.households.rate)} size={110} />
                <Typography.Text>{t('rep.byHouseholds')}</Typography.Text>
              </Flex>
            </Flex>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('rep.billedCollected', { billed: yuan(c.billedFen), collected: yuan(c.collectedFen) })}
              <br />
              {t('rep.householdsLine', { billed: c.households.billed, paid: c.households.paidInFull })}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t('rep.received')} value={yuan(c.receivedFen)} />
            <Button type="link" style={{ padding: 0 }} onClick={() => open(t('rep.received'), { figure: 'received' })} data-testid="rep-drill-received">
              {t('rep.drill')}
            </Button>
            <Statistic title={t('rep.recovered')} value={yuan(c.arrearsRecoveredFen)} style={{ marginTop: 12 }} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title={t('rep.byMethod')}>
            <Table
              size="small"
              rowKey="method"
              pagination={false}
              dataSource={r.incomeByMethod}
              locale={{ emptyText: t('rep.none') }}
              columns={[
                { title: t('rep.method'), render: (_, m) => t(`method.${m.method}` as FeeOwnerMessageKey) },
                { title: t('rep.amount'), align: 'right', render: (_, m) => <a onClick={() => open(t(`method.${m.method}` as FeeOwnerMessageKey), { figure: 'method', method: m.method })}>{yuan(m.amountFen)}</a> },
                { title: t('rep.receipts'), dataIndex: 'receipts', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('rep.arrears', { date: r.asOf })}>
        {r.arrearsByBuilding.length ? (
          <Chart
            option={arrearsChart}
            height={Math.max(160, 40 + r.arrearsByBuilding.length * 32)}
            label={t('rep.arrears', { date: r.asOf })}
            testId="rep-arrears-chart"
            onClick={(item) => {
              const b = r.arrearsByBuilding[item.dataIndex];
              if (b) open(`${b.buildingName} · ${t('rep.arrearsAmount')}`, { figure: 'arrears', ...(b.buildingId ? { buildingId: b.buildingId } : {}) });
            }}
          />
        ) : null}
        <Table
          size="small"
          rowKey={(b) => b.buildingId ?? 'none'}
          pagination={false}
          dataSource={r.arrearsByBuilding}
          locale={{ emptyText: t('rep.none') }}
          data-testid="rep-arrears"
          columns={[
            { title: t('rep.building'), dataIndex: 'buildingName' },
            { title: t('rep.households'), dataIndex: 'households', align: 'right' },
            {
              title: t('rep.arrearsAmount'),
              align: 'right',
              render: (_, b) => (
                <a onClick={() => open(`${b.buildingName} · ${t('rep.arrearsAmount')}`, { figure: 'arrears', ...(b.buildingId ? { buildingId: b.buildingId } : {}) })}>{yuan(b.arrearsFen)}</a>
              ),
            },
            ...AGE_KEYS.map((k) => ({ title: t(`age.${k}` as FeeOwnerMessageKey), align: 'right' as const, render: (_: unknown, b: FeeReport['arrearsByBuilding'][number]) => (b.ageing[k] ? yuan(b.ageing[k]) : '—') })),
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10}>
          <Card title={t('rep.byItem')}>
            <Table
              size="small"
              rowKey={(i) => i.itemId ?? 'other'}
              pagination={false}
              dataSource={r.incomeByItem}
              locale={{ emptyText: t('rep.none') }}
              columns={[
                { title: t('rep.item'), render: (_, i) => i.itemName || t('rep.other') },
                { title: t('rep.amount'), align: 'right', render: (_, i) => <a onClick={() => open(i.itemName || t('rep.other'), { figure: 'item', ...(i.itemId ? { itemId: i.itemId } : {}) })}>{yuan(i.amountFen)}</a> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card title={t('rep.series')}>
            {r.series.length ? (
              <Chart
                option={seriesChart}
                height={220}
                label={t('rep.series')}
                testId="rep-series-chart"
                onClick={(item) => {
                  const s = r.series[item.dataIndex];
                  if (s) open(s.bucket, { figure: 'received', bucket: s.bucket });
                }}
              />
            ) : null}
            <Table
              size="small"
              rowKey="bucket"
              pagination={{ pageSize: 12, hideOnSinglePage: true }}
              dataSource={r.series}
              locale={{ emptyText: t('rep.none') }}
              columns={[
                { title: t('rep.bucket'), dataIndex: 'bucket' },
                {
                  title: t('rep.amount'),
                  align: 'right',
                  render: (_, s) => <a onClick={() => open(s.bucket, { figure: 'received', bucket: s.bucket })}>{yuan(s.receivedFen)}</a>,
                },
                { title: t('rep.receipts'), dataIndex: 'receipts', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function DrillList({ q }: { q: DrillQuery }) {
  const { t } = useFeatureI18n(FEE_OWNER_MESSAGES);
  const { data, error, isPending } = useFeeDrill(q);
  if (error) return <Alert type="error" title={error.message} />;
  if (q.figure === 'arrears')
    return (
      <Table
        size="small"
        rowKey="accountId"
        loading={isPending}
        dataSource={data?.accounts ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('rep.unit'), dataIndex: 'label' },
          { title: t('rep.arrearsAmount'), align: 'right', render: (_, a) => yuan(a.arrearsFen) },
          { title: '', render: (_, a) => <Link to={`/fees/letters/${a.accountId}`}>{t('rem.letter')}</Link> },
          ...AGE_KEYS.map((k) => ({ title: t(`age.${k}` as FeeOwnerMessageKey), align: 'right' as const, render: (_: unknown, a: { ageing: Record<string, number> }) => (a.ageing[k] ? yuan(a.ageing[k]!) : '—') })),
        ]}
      />
    );
  return (
    <Table
      size="small"
      rowKey="paymentId"
      loading={isPending}
      dataSource={data?.receipts ?? []}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        { title: t('rep.receiptNo'), render: (_, p) => <Link to={`/fees/receipts/${p.paymentId}`}>{p.receiptNo}</Link> },
        { title: t('rep.unit'), dataIndex: 'accountLabel' },
        { title: t('rep.paidOn'), dataIndex: 'paidOn' },
        { title: t('rep.method'), render: (_, p) => p.methods.map((m) => t(`method.${m}` as FeeOwnerMessageKey)).join('、') },
        { title: t('rep.amount'), align: 'right', render: (_, p) => yuan(p.amountFen) },
      ]}
    />
  );
}
