import { BarChartOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Skeleton, Space, Statistic, Tag, Typography, theme } from 'antd';
import { Link } from 'react-router';
import type { Locale } from '../../../common/locale';
import type { WorkOrderStats } from '../../../common/work-order-stats';
import { apiRequest } from '../../api/client';
import { useI18n } from '../../i18n/i18n-context';
import { formatMessage } from '../../i18n/messages';
import { useWoI18n } from '../work-orders/use-wo-i18n';

const TEXTS: Record<Locale, Record<'title' | 'total' | 'overdue' | 'byCommunity' | 'byDay' | 'empty' | 'failed' | 'dayBar', string>> = {
  'zh-CN': {
    title: '近 30 天工单',
    total: '新建工单',
    overdue: '当前超时',
    byCommunity: '各项目工单数',
    byDay: '每日新建',
    empty: '近 30 天没有新建工单',
    failed: '统计加载失败，请稍后刷新',
    dayBar: '{day}：{count} 单',
  },
  'en-US': {
    title: 'Work orders, last 30 days',
    total: 'New orders',
    overdue: 'Overdue now',
    byCommunity: 'Orders per community',
    byDay: 'New per day',
    empty: 'No work orders in the last 30 days',
    failed: 'The statistics could not be loaded; refresh later',
    dayBar: '{day}: {count} orders',
  },
};

/** The 30-day dashboard card for managers: totals, state types, communities and a daily strip (plain bars, no chart library). */
export function StatsCard() {
  const { locale } = useI18n();
  const wo = useWoI18n();
  const { token } = theme.useToken();
  const text = TEXTS[locale];
  const stats = useQuery({
    queryKey: ['work-orders', 'stats'],
    queryFn: ({ signal }) => apiRequest<WorkOrderStats>('/api/v1/work-orders/stats', { signal }),
    staleTime: 60_000,
  });
  const data = stats.data;
  const peak = Math.max(1, ...(data?.byDay.map((d) => d.count) ?? []));
  const days = data ? everyDay(data) : [];
  return (
    <Card title={<Space><BarChartOutlined />{text.title}</Space>} data-testid="home-stats">
      {stats.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : stats.isError ? (
        <Alert type="error" showIcon title={text.failed} />
      ) : data!.total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text.empty} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space size={32} wrap>
            <Link to="/work-orders"><Statistic title={text.total} value={data!.total} /></Link>
            <Link to="/work-orders?overdue=true"><Statistic title={text.overdue} value={data!.overdue} styles={data!.overdue ? { content: { color: token.colorError } } : undefined} /></Link>
          </Space>
          <Space size={[8, 8]} wrap>
            {data!.byStatusType.map((s) => (
              <Tag key={s.statusType} style={{ fontSize: 14, padding: '4px 10px', marginInlineEnd: 0 }}>
                {wo.t(`statusType.${s.statusType}`)} {s.count}
              </Tag>
            ))}
          </Space>
          <div>
            <Typography.Text type="secondary">{text.byDay}</Typography.Text>
            <div style={{ display: 'flex', alignItems: 'flex-end', gap: 2, height: 64, marginTop: 8 }} aria-label={text.byDay}>
              {days.map((d) => (
                <div
                  key={d.day}
                  title={formatMessage(text.dayBar, { day: d.day, count: d.count })}
                  style={{ flex: 1, minWidth: 3, height: d.count ? `${Math.max(4, (d.count / peak) * 100)}%` : 2, background: d.count ? token.colorPrimary : token.colorBorder, borderRadius: 2 }}
                />
              ))}
            </div>
          </div>
          <div>
            <Typography.Text type="secondary">{text.byCommunity}</Typography.Text>
            <ul style={{ listStyle: 'none', margin: '8px 0 0', padding: 0 }}>
              {data!.byCommunity.slice(0, 8).map((c) => (
                <li key={c.communityId} style={{ display: 'flex', justifyContent: 'space-between', padding: '8px 4px', borderBottom: `1px solid ${token.colorBorderSecondary}`, fontSize: 15 }}>
                  <Link to={`/work-orders?communityId=${c.communityId}`}>{c.name}</Link>
                  <span>{c.count}</span>
                </li>
              ))}
            </ul>
          </div>
        </Space>
      )}
    </Card>
  );
}

/** Every day of the period (Beijing time), with the days without orders as zero, so the strip shows the whole month. */
function everyDay(stats: WorkOrderStats): { day: string; count: number }[] {
  const counts = new Map(stats.byDay.map((d) => [d.day, d.count]));
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
  const out: { day: string; count: number }[] = [];
  for (let at = new Date(stats.from).getTime(); at < new Date(stats.to).getTime(); at += 86_400_000) {
    const day = format.format(new Date(at));
    if (!out.some((d) => d.day === day)) out.push({ day, count: counts.get(day) ?? 0 });
  }
  const last = format.format(new Date(new Date(stats.to).getTime() - 1));
  if (!out.some((d) => d.day === last)) out.push({ day: last, count: counts.get(last) ?? 0 });
  return out;
}
