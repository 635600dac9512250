import { useMemo } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import type { QualityReport } from '../../api/quality';
import { Chart, type ChartOption } from '../../shared/chart';
import { useQualityI18n } from './use-quality-i18n';

/** What a click on a chart asks to see: the inspections behind one point, cell or bar. */
export type ChartDrill =
  | { kind: 'trend'; period: string; communityId: string | null }
  | { kind: 'cell'; categoryKey: string; communityId: string }
  | { kind: 'item'; categoryKey: string; itemKey: string };

const SCORE_COLORS = ['#cf1322', '#fa8c16', '#fadb14', '#a0d911', '#389e0d'];

/**
 * The score report as ECharts: the mean score per week or month (one line per community and one
 * for all together), the categories × communities heat map, and the items failed most often.
 * Every point, cell and bar opens the inspections behind it; the tables below carry the same figures.
 */
export function ReportCharts({ data, period, communityName, onDrill }: { data: QualityReport; period: 'week' | 'month'; communityName: (id: string) => string; onDrill: (d: ChartDrill, title: string) => void }) {
  const { t, tl } = useQualityI18n();
  const periods = useMemo(() => [...new Set(data.trend.map((x) => x.period))].sort(), [data.trend]);
  const label = (p: string) => (period === 'month' ? p.slice(0, 7) : p.slice(5));
  // One line per community; the "all" line only when there are several.
  const lines = useMemo(() => {
    const ids = data.communities.map((c) => c.communityId);
    return [...(ids.length > 1 ? [null] : []), ...ids] as (string | null)[];
  }, [data.communities]);

  const trend = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods.map(label), boundaryGap: false },
      yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10 - 10), max: 100 },
      series: lines.map((cid) => ({
        type: 'line',
        name: cid ? communityName(cid) : t('report.all'),
        connectNulls: true,
        symbolSize: 8,
        lineStyle: cid ? undefined : { width: 3 },
        data: periods.map((p) => data.trend.find((x) => x.period === p && x.communityId === cid)?.average ?? null),
      })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data.trend, lines, periods, period, t],
  );

  const categories = data.categories.filter((c) => c.scored > 0);
  const heat = useMemo<ChartOption>(
    () => ({
      tooltip: { position: 'top', formatter: (p: { data: [number, number, number] }) => `${tl(categories[p.data[1]]!.name)} · ${communityName(data.communities[p.data[0]]!.communityId)}<br/>${t('report.average')}: ${p.data[2]}` },
      grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: data.communities.map((c) => c.name), splitArea: { show: true }, axisLabel: { interval: 0, overflow: 'truncate', width: 96 } },
      yAxis: { type: 'category', inverse: true, data: categories.map((c) => tl(c.name)), splitArea: { show: true } },
      visualMap: { min: 50, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: SCORE_COLORS } },
      series: [
        {
          type: 'heatmap',
          name: t('report.matrix'),
          label: { show: true },
          data: data.matrix.flatMap((m) => {
            const x = data.communities.findIndex((c) => c.communityId === m.communityId);
            const y = categories.findIndex((c) => c.key === m.categoryKey);
            return x < 0 || y < 0 ? [] : [[x, y, m.average]];
          }),
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data.matrix, data.communities, categories.length, t, tl],
  );

  const worst = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: data.worstItems.map((w) => tl(w.text)), axisLabel: { width: 160, overflow: 'truncate' } },
      series: [{ type: 'bar', name: t('report.failedItems'), data: data.worstItems.map((w) => w.failures), barMaxWidth: 20, itemStyle: { color: '#ff7875' } }],
    }),
    [data.worstItems, t, tl],
  );

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24}>
        <Card size="small" title={t('report.trend')}>
          <Chart
            option={trend}
            height={280}
            label={t('report.trendChart')}
            testId="chart-trend"
            onClick={(c) => {
              const p = periods[c.dataIndex];
              const cid = lines.find((id) => (id ? communityName(id) : t('report.all')) === c.seriesName);
              if (p && cid !== undefined) onDrill({ kind: 'trend', period: p, communityId: cid }, `${label(p)} ${c.seriesName ?? ''}`);
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('report.heatmap')}>
          {categories.length ? (
            <Chart
              option={heat}
              height={Math.max(200, categories.length * 28 + 80)}
              label={t('report.heatmap')}
              testId="chart-heatmap"
              onClick={(c) => {
                const [x, y] = c.data as [number, number, number];
                const category = categories[y];
                const community = data.communities[x];
                if (category && community) onDrill({ kind: 'cell', categoryKey: category.key, communityId: community.communityId }, `${tl(category.name)} · ${community.name}`);
              }}
            />
          ) : (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('report.worst')}>
          {data.worstItems.length ? (
            <Chart
              option={worst}
              height={Math.max(160, data.worstItems.length * 30 + 24)}
              label={t('report.worstChart')}
              testId="chart-worst"
              onClick={(c) => {
                const w = data.worstItems[c.dataIndex];
                if (w) onDrill({ kind: 'item', categoryKey: w.categoryKey, itemKey: w.itemKey }, tl(w.text));
              }}
            />
          ) : (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
