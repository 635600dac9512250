import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Skeleton, Space, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Locale } from '../../../common/locale';
import { usePostBoard } from '../../api/gate';
import { useMyRound } from '../../api/security';
import { useI18n } from '../../i18n/i18n-context';
import { formatMessage } from '../../i18n/messages';

const TEXTS: Record<Locale, Record<'title' | 'expected' | 'expectedHint' | 'inside' | 'insideHint' | 'slips' | 'slipsHint' | 'round' | 'noRound' | 'roundLeft' | 'roundAt' | 'failed', string>> = {
  'zh-CN': {
    title: '岗位',
    expected: '预约访客',
    expectedHint: '近几小时内到访',
    inside: '在场访客',
    insideHint: '已进场未离场',
    slips: '待放行',
    slipsHint: '物品放行单',
    round: '巡更',
    noRound: '24 小时内没有巡更任务',
    roundLeft: '{route}：剩 {pending} 个点，{due} 前完成',
    roundAt: '{route}：{start} 开始',
    failed: '岗位信息加载失败，请稍后刷新',
  },
  'en-US': {
    title: 'Your post',
    expected: 'Expected visitors',
    expectedHint: 'Arriving in the next hours',
    inside: 'Visitors inside',
    insideHint: 'Came in, not yet left',
    slips: 'To release',
    slipsHint: 'Goods release slips',
    round: 'Patrol',
    noRound: 'No patrol round in the next 24 hours',
    roundLeft: '{route}: {pending} checkpoints left, due {due}',
    roundAt: '{route}: starts {start}',
    failed: 'The post could not be loaded; refresh later',
  },
};

/** Time of day, with the date when it is not today (Beijing time, where the posts are). */
const time = (iso: string, locale: Locale) => {
  const zone = 'Asia/Shanghai';
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(d);
  const at = new Date(iso);
  const sameDay = day(at) === day(new Date());
  return new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false, ...(sameDay ? {} : { month: 'numeric', day: 'numeric' }) }).format(at);
};

/** The guard's post at a glance: visitors expected and inside, slips to release, and the patrol round. */
export function PostCard() {
  const { locale } = useI18n();
  const { token } = theme.useToken();
  const text = TEXTS[locale];
  const board = usePostBoard(undefined);
  const round = useMyRound(null);
  const tile = (testId: string, to: string, name: string, count: number, hint: string): ReactNode => (
    <Col xs={8} key={testId}>
      <Link
        to={to}
        data-testid={testId}
        style={{ display: 'block', height: '100%', padding: '10px 12px', borderRadius: token.borderRadiusLG, background: token.colorFillQuaternary, border: `1px solid ${token.colorBorderSecondary}`, color: token.colorText }}
      >
        <Typography.Text type="secondary" style={{ fontSize: 14 }}>{name}</Typography.Text>
        <div style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.3 }}>{count}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text>
      </Link>
    </Col>
  );
  const r = round.data;
  return (
    <Card title={<Space><SafetyOutlined />{text.title}</Space>} data-testid="home-post">
      {board.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : board.isError ? (
        <Alert type="error" showIcon title={text.failed} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Row gutter={[8, 8]}>
            {tile('post-expected', '/gate', text.expected, board.data.expected.length, text.expectedHint)}
            {tile('post-inside', '/gate', text.inside, board.data.inside.length, text.insideHint)}
            {tile('post-slips', '/gate', text.slips, board.data.slips.length, text.slipsHint)}
          </Row>
          <Link to="/patrol" data-testid="post-round" style={{ display: 'block', padding: '10px 12px', borderRadius: token.borderRadiusLG, border: `1px solid ${token.colorBorderSecondary}`, color: token.colorText }}>
            <Typography.Text type="secondary">{text.round}</Typography.Text>
            <div style={{ fontSize: 16, marginTop: 2 }}>
              {round.isPending
                ? '…'
                : !r
                  ? text.noRound
                  : r.startedAt
                    ? formatMessage(text.roundLeft, { route: r.routeName, pending: r.counts.pending, due: time(r.dueAt, locale) })
                    : formatMessage(text.roundAt, { route: r.routeName, start: time(r.startsAt, locale) })}
            </div>
          </Link>
        </Space>
      )}
    </Card>
  );
}
