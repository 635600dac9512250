import { useState } from 'react';
import { Alert, Card, DatePicker, Empty, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DownloadButton } from '../../components/download-button';
import { useSession } from '../../components/session';
import { usePatrolReport, type PatrolReport } from '../../api/security';
import { useMediaQuery } from '../../components/use-media-query';
import { useDocumentTitle } from '../../shared/use-document-title';
import { RoundStateTag, RoundTimeline } from './round-parts';
import { RoutesCard } from './routes-card';
import { useSecurityI18n } from './use-security-i18n';

type ReportRound = PatrolReport['rounds'][number];

function Counts({ c }: { c: { on_time: number; early: number; late: number; missed: number; pending: number } }) {
  const { t } = useSecurityI18n();
  const shown = (['on_time', 'early', 'late', 'missed', 'pending'] as const).filter((k) => c[k] > 0);
  const colors = { on_time: 'success', early: 'warning', late: 'warning', missed: 'error', pending: 'default' } as const;
  return (
    <Flex gap={4} wrap>
      {shown.map((k) => (
        <Tag key={k} color={colors[k]} style={{ marginInlineEnd: 0 }}>{`${t(`status.${k}`)} ${c[k]}`}</Tag>
      ))}
    </Flex>
  );
}

/**
 * 巡更报告 for the security supervisor and project manager: the rounds of a day (or a range) with
 * their results, and on-time / early / late / missed counts per checkpoint.
 */
export function PatrolReportPage() {
  const { t, dateTime } = useSecurityI18n();
  useDocumentTitle(t('report.title'));
  const isPhone = useMediaQuery('(max-width: 575px)');
  const me = useSession();
  const [communityId, setCommunityId] = useState<string | undefined>();
  const chosen = communityId ?? me.communities[0]?.id;
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(), dayjs()]);
  const { data, isPending, error } = usePatrolReport(chosen, range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
  const columns = [
    {
      title: t('report.col.start'),
      dataIndex: 'startsAt',
      render: (v: string, r: ReportRound) => (
        <Flex vertical>
          <span>{dateTime(v)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.routeName}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('report.col.state'), key: 'state', render: (_: unknown, r: ReportRound) => <RoundStateTag round={r} /> },
    { title: t('report.col.guard'), dataIndex: 'guardName', render: (v: string | null) => v ?? '—', responsive: ['md' as const] },
    { title: t('report.col.result'), key: 'counts', render: (_: unknown, r: ReportRound) => <Counts c={r.counts} /> },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('report.title')}
      </Typography.Title>
      <Flex gap={8} wrap>
        {me.communities.length > 1 ? (
          <Select style={{ minWidth: 180 }} value={chosen} onChange={setCommunityId} aria-label={t('common.community')} options={me.communities.map((c) => ({ value: c.id, label: c.name }))} />
        ) : null}
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          aria-label={t('report.range')}
          style={{ width: isPhone ? '100%' : undefined }}
          disabledDate={(d) => d.isAfter(dayjs().add(1, 'day'), 'day')}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        {chosen ? (
          <DownloadButton
            path="/api/v1/patrol/report/export"
            query={{ communityId: chosen, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }}
            fileName="patrol-report.xlsx"
            testId="export-patrol-report"
          />
        ) : null}
      </Flex>
      {error ? <Alert type="error" title={t('common.loadFailed', { message: error.message })} /> : null}
      <Card title={t('report.rounds', { n: data?.rounds.length ?? 0 })} styles={{ body: { padding: isPhone ? 0 : undefined } }}>
        <Table<ReportRound>
          rowKey="id"
          size={isPhone ? 'small' : 'middle'}
          loading={isPending}
          columns={columns}
          dataSource={data?.rounds ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('report.empty')} /> }}
          data-testid="report-rounds"
          expandable={{ expandedRowRender: (r) => <RoundTimeline roundId={r.id} /> }}
        />
      </Card>
      <Card title={t('report.points')} styles={{ body: { padding: isPhone ? 0 : undefined } }}>
        <Table
          rowKey={(p) => `${p.routeName}-${p.name}`}
          size={isPhone ? 'small' : 'middle'}
          loading={isPending}
          pagination={false}
          dataSource={data?.checkpoints ?? []}
          data-testid="report-points"
          columns={[
            { title: t('report.col.point'), dataIndex: 'name', render: (v: string, p) => (<Flex vertical><span>{v}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.routeName}</Typography.Text></Flex>) },
            { title: t('report.col.result'), key: 'c', render: (_: unknown, p) => <Counts c={p} /> },
            {
              title: t('status.missed'),
              key: 'rate',
              responsive: ['sm' as const],
              render: (_: unknown, p) => {
                const done = p.on_time + p.early + p.late + p.missed;
                return done ? t('report.missedRate', { rate: Math.round((p.missed / done) * 100) }) : '—';
              },
            },
          ]}
        />
      </Card>
      <RoutesCard communityId={chosen} canConfigure={me.roles.some((r) => r === 'project_manager' || r === 'company_admin')} />
    </Space>
  );
}
