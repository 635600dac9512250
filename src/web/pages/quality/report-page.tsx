import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Card, Col, DatePicker, Drawer, Empty, Flex, Image, Progress, Row, Segmented, Select, Space, Statistic, Switch, Table, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DownloadButton } from '../../components/download-button';
import { useSession } from '../../components/session';
import { useMediaQuery } from '../../components/use-media-query';
import { attachmentUrl } from '../../api/work-orders';
import { useDrill, useQualityReport, useQualitySettings, useSaveQualitySettings, type DrillFilter, type DrillPage, type QualityReport } from '../../api/quality';
import { ReportCharts } from './report-charts';
import { useDocumentTitle } from '../../shared/use-document-title';
import { shortDateTime, useQualityI18n } from './use-quality-i18n';

/** Colour of a mean score, from red (below 60) through amber to green (90 and above). */
function heat(score: number | null): string | undefined {
  if (score === null) return undefined;
  if (score >= 90) return '#d9f7be';
  if (score >= 80) return '#f4ffb8';
  if (score >= 70) return '#fff1b8';
  if (score >= 60) return '#ffd8bf';
  return '#ffccc7';
}

/** A clickable figure: the mean score with the count behind it; opens the inspections behind it. */
function Figure({ average, count, onOpen, testId }: { average: number | null; count?: number; onOpen: () => void; testId?: string }) {
  return (
    <button
      type="button"
      onClick={onOpen}
      data-testid={testId}
      style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%', minHeight: 32, padding: '4px 6px', borderRadius: 4, background: heat(average), textAlign: 'center' }}
    >
      <strong>{average ?? '—'}</strong>
      {count !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{` (${count})`}</Typography.Text> : null}
    </button>
  );
}

type Drill = { title: string; filter: DrillFilter };

function DrillDrawer({ drill, onClose }: { drill: Drill | null; onClose: () => void }) {
  const { t, tl } = useQualityI18n();
  const [page, setPage] = useState(1);
  const navigate = useNavigate();
  const isPhone = useMediaQuery('(max-width: 575px)');
  const query = useDrill(drill?.filter ?? null, page);
  type Row = DrillPage['items'][number];
  return (
    <Drawer open={drill !== null} title={drill ? `${t('report.drill')} · ${drill.title}` : ''} size={isPhone ? '100%' : 720} onClose={onClose} destroyOnHidden data-testid="report-drill">
      {query.error ? <Alert type="error" title={t('common.loadFailed', { message: query.error.message })} /> : null}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        onRow={(r) => ({ onClick: () => navigate(`/quality/inspections/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: t('report.col.start'), dataIndex: 'startsAt', render: (v: string, r) => (<Flex vertical><span>{shortDateTime(v)}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.number}</Typography.Text></Flex>) },
          { title: t('report.col.place'), dataIndex: 'place', render: (v: string, r) => (<Flex vertical><span>{v}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{tl(r.templateName)}</Typography.Text></Flex>) },
          { title: t('report.col.score'), dataIndex: 'score', render: (v: number | null, r) => (v === null ? tl(r.stateName) : <span style={{ background: heat(v), padding: '2px 6px', borderRadius: 4 }}>{v}</span>) },
          { title: t('report.failedItems'), dataIndex: 'failedCount', responsive: ['sm' as const] },
          {
            title: t('report.photos'),
            key: 'photos',
            render: (_: unknown, r) =>
              r.photos.length ? (
                <span onClick={(e) => e.stopPropagation()} style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }} data-testid="drill-photos">
                  <Image.PreviewGroup>
                    {r.photos.slice(0, 4).map((p) => (
                      <Image key={p.id} width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} src={attachmentUrl(p.id, true)} preview={{ src: attachmentUrl(p.id) }} alt={p.item} />
                    ))}
                  </Image.PreviewGroup>
                  {r.photos.length > 4 ? <Typography.Text type="secondary">+{r.photos.length - 4}</Typography.Text> : null}
                </span>
              ) : null,
          },
          { title: t('report.col.inspector'), dataIndex: 'inspectorName', responsive: ['md' as const], render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Drawer>
  );
}

/** The switch that publishes a community's monthly score and rectifications done to its owners (managers change it; others see it). */
function PublishSetting({ communityId }: { communityId: string | undefined }) {
  const { t } = useQualityI18n();
  const settings = useQualitySettings(communityId);
  const save = useSaveQualitySettings(communityId);
  if (!communityId || !settings.data) return null;
  return (
    <Flex align="center" gap={8} wrap>
      <Switch
        checked={settings.data.publishToOwners}
        loading={save.isPending}
        disabled={!settings.data.allowedActions.includes('update')}
        onChange={(on) => save.mutate(on)}
        data-testid="publish-to-owners"
        aria-label={t('report.publish')}
      />
      <Tooltip title={t('report.publishHint')}>
        <Typography.Text>{t('report.publish')}</Typography.Text>
      </Tooltip>
      {save.error ? <Typography.Text type="danger">{save.error.message}</Typography.Text> : null}
    </Flex>
  );
}

/**
 * 品质报表 for the quality inspector, project manager and company admin: mean scores and missed
 * inspections by week or month, a categories × communities heat map, the items failed most often,
 * posts and staff; every figure opens the inspections behind it, and the whole exports to Excel.
 */
export function QualityReportPage() {
  const { t, tl } = useQualityI18n();
  useDocumentTitle(t('report.title'));
  const me = useSession();
  const isPhone = useMediaQuery('(max-width: 575px)');
  const [communityId, setCommunityId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(2, 'month').startOf('month'), dayjs()]);
  const [period, setPeriod] = useState<'week' | 'month'>('month');
  const [drill, setDrill] = useState<Drill | null>(null);
  const base = { communityId, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const { data, isPending, error } = useQualityReport({ ...base, period });
  const communityName = (id: string) => data?.communities.find((c) => c.communityId === id)?.name ?? me.communities.find((c) => c.id === id)?.name ?? '';
  const open = (title: string, filter: Partial<DrillFilter>) => setDrill({ title, filter: { ...base, ...filter } });
  const periodLabel = (p: string) => (period === 'month' ? p.slice(0, 7) : p);

  const communities = data?.communities ?? [];
  const trendRows = [...new Set((data?.trend ?? []).map((x) => x.period))].map((p) => ({ period: p, cells: (data?.trend ?? []).filter((x) => x.period === p) }));
  const maxFailures = Math.max(1, ...(data?.worstItems ?? []).map((w) => w.failures));
  type Report = QualityReport;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('report.title')}
      </Typography.Title>
      <Flex gap={8} wrap>
        {me.communities.length > 1 ? (
          <Select allowClear placeholder={t('report.all')} style={{ minWidth: 180 }} value={communityId} onChange={setCommunityId} aria-label={t('common.community')} options={me.communities.map((c) => ({ value: c.id, label: c.name }))} />
        ) : null}
        <DatePicker.RangePicker value={range} allowClear={false} aria-label={t('report.range')} style={{ width: isPhone ? '100%' : undefined }} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <Segmented value={period} onChange={(v) => setPeriod(v as 'week' | 'month')} options={[{ value: 'month', label: t('report.period.month') }, { value: 'week', label: t('report.period.week') }]} />
        <DownloadButton path="/api/v1/quality/report/export" query={{ ...base, period }} fileName="quality-report.xlsx" testId="export-quality-report" />
      </Flex>
      <PublishSetting communityId={communityId ?? (me.communities.length === 1 ? me.communities[0]!.id : undefined)} />
      {error ? <Alert type="error" title={t('common.loadFailed', { message: error.message })} /> : null}
      <Row gutter={[12, 12]}>
        {(
          [
            ['report.average', data?.total.average ?? '—', () => open(t('report.average'), {})],
            ['report.submitted', data?.total.submitted ?? 0, () => open(t('report.submitted'), {})],
            ['report.missed', data?.total.missed ?? 0, () => open(t('report.missed'), { missed: 'true' })],
            ['report.failedItems', data?.total.failedItems ?? 0, null],
            ['report.openRect', data?.total.openRectifications ?? 0, null],
          ] as const
        ).map(([key, value, onClick]) => (
          <Col key={key} xs={12} sm={8} lg={4}>
            <Card size="small" hoverable={Boolean(onClick)} onClick={onClick ?? undefined} loading={isPending} data-testid={`stat-${key.split('.')[1]}`}>
              <Statistic title={t(key)} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      {data && data.total.submitted + data.total.missed === 0 ? <Empty description={t('report.empty')} /> : null}
      {data && data.total.submitted > 0 ? (
        <ReportCharts
          data={data}
          period={period}
          communityName={communityName}
          onDrill={(d, title) =>
            open(
              title,
              d.kind === 'trend'
                ? { communityId: d.communityId ?? communityId, period: d.period, periodType: period }
                : d.kind === 'cell'
                  ? { category: d.categoryKey, communityId: d.communityId }
                  : { failedItem: `${d.categoryKey}.${d.itemKey}` },
            )
          }
        />
      ) : null}
      <Card size="small" title={t('report.trend')} styles={{ body: { padding: isPhone ? 0 : undefined, overflowX: 'auto' } }}>
        <Table
          rowKey="period"
          size="small"
          loading={isPending}
          pagination={false}
          dataSource={trendRows}
          data-testid="report-trend"
          columns={[
            { title: t('report.col.period'), dataIndex: 'period', render: (p: string) => periodLabel(p), fixed: 'left' as const },
            ...[null, ...communities.map((c) => c.communityId)].map((cid) => ({
              title: cid ? communityName(cid) : t('report.all'),
              key: cid ?? 'all',
              render: (_: unknown, row: { period: string; cells: Report['trend'] }) => {
                const cell = row.cells.find((x) => x.communityId === cid);
                return cell ? <Figure average={cell.average} count={cell.submitted} onOpen={() => open(`${periodLabel(row.period)} ${cid ? communityName(cid) : ''}`, { communityId: cid ?? communityId, period: row.period, periodType: period })} /> : '—';
              },
            })),
          ]}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('report.matrix')} styles={{ body: { padding: isPhone ? 0 : undefined, overflowX: 'auto' } }}>
            <Table
              rowKey="key"
              size="small"
              loading={isPending}
              pagination={false}
              dataSource={data?.categories ?? []}
              data-testid="report-matrix"
              columns={[
                { title: t('report.col.category'), key: 'name', render: (_: unknown, c: Report['categories'][number]) => tl(c.name) },
                {
                  title: t('report.average'),
                  key: 'avg',
                  render: (_: unknown, c: Report['categories'][number]) => <Figure average={c.average} count={c.scored} onOpen={() => open(tl(c.name), { category: c.key })} />,
                },
                ...(communities.length > 1
                  ? communities.map((col) => ({
                      title: col.name,
                      key: col.communityId,
                      render: (_: unknown, c: Report['categories'][number]) => {
                        const cell = data?.matrix.find((m) => m.categoryKey === c.key && m.communityId === col.communityId);
                        return cell ? <Figure average={cell.average} onOpen={() => open(`${tl(c.name)} · ${col.name}`, { category: c.key, communityId: col.communityId })} /> : '—';
                      },
                    }))
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('report.worst')} loading={isPending}>
            <Flex vertical gap={8} data-testid="report-worst">
              {(data?.worstItems ?? []).length === 0 ? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> : null}
              {(data?.worstItems ?? []).map((w) => (
                <button
                  type="button"
                  key={`${w.categoryKey}.${w.itemKey}`}
                  onClick={() => open(tl(w.text), { failedItem: `${w.categoryKey}.${w.itemKey}` })}
                  style={{ all: 'unset', cursor: 'pointer', display: 'block' }}
                >
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text ellipsis style={{ maxWidth: '75%' }}>
                      {tl(w.text)}
                    </Typography.Text>
                    <Typography.Text type="secondary">{t('report.failures', { n: w.failures })}</Typography.Text>
                  </Flex>
                  <Progress percent={(w.failures / maxFailures) * 100} showInfo={false} strokeColor="#ff7875" size="small" />
                </button>
              ))}
            </Flex>
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('report.posts')} styles={{ body: { padding: 0 } }}>
            <Table
              rowKey={(p) => `${p.communityId}|${p.place}`}
              size="small"
              loading={isPending}
              dataSource={data?.posts ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              data-testid="report-posts"
              columns={[
                { title: t('report.col.place'), dataIndex: 'place', render: (v: string, p: Report['posts'][number]) => (communities.length > 1 ? `${communityName(p.communityId)} · ${v}` : v) },
                { title: t('report.average'), key: 'avg', render: (_: unknown, p: Report['posts'][number]) => <Figure average={p.average} count={p.submitted} onOpen={() => open(p.place, { communityId: p.communityId, place: p.place })} /> },
                { title: t('report.missed'), dataIndex: 'missed' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('report.staff')} styles={{ body: { padding: 0 } }}>
            <Table
              rowKey="staffId"
              size="small"
              loading={isPending}
              dataSource={data?.staff ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              data-testid="report-staff"
              columns={[
                { title: t('report.col.staff'), dataIndex: 'name' },
                { title: t('report.average'), key: 'avg', render: (_: unknown, s: Report['staff'][number]) => <Figure average={s.average} count={s.submitted} onOpen={() => open(s.name, { staffId: s.staffId })} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <DrillDrawer key={drill ? JSON.stringify(drill.filter) : 'none'} drill={drill} onClose={() => setDrill(null)} />
    </Space>
  );
}
