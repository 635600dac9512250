import { Alert, Flex, Progress, Spin, Tag, Timeline, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled, EnvironmentOutlined, WarningFilled } from '@ant-design/icons';
import { usePatrolRound, type PatrolRound } from '../../api/security';
import type { SecurityMessageKey } from './security-messages';
import { useSecurityI18n } from './use-security-i18n';

type VisitStatus = PatrolRound['visits'][number]['status'];

export const STATUS_COLORS: Record<VisitStatus, string> = { pending: 'default', on_time: 'success', early: 'warning', late: 'warning', missed: 'error' };
const STATUS_ICONS: Record<VisitStatus, React.ReactNode> = {
  pending: <ClockCircleOutlined />,
  on_time: <CheckCircleFilled />,
  early: <WarningFilled />,
  late: <WarningFilled />,
  missed: <CloseCircleFilled />,
};

export function VisitTag({ status }: { status: VisitStatus }) {
  const { t } = useSecurityI18n();
  return (
    <Tag color={STATUS_COLORS[status]} icon={STATUS_ICONS[status]} style={{ fontSize: 14, padding: '2px 8px', marginInlineEnd: 0 }}>
      {t(`status.${status}` as SecurityMessageKey)}
    </Tag>
  );
}

export function RoundStateTag({ round }: { round: Pick<PatrolRound, 'state' | 'stateName'> }) {
  const { tl } = useSecurityI18n();
  const color = round.state === 'completed' ? 'success' : round.state === 'incomplete' ? 'error' : round.state === 'on_patrol' ? 'processing' : 'default';
  return (
    <Tag color={color} style={{ fontSize: 14, marginInlineEnd: 0 }} data-testid="round-state">
      {tl(round.stateName)}
    </Tag>
  );
}

/** Checked-in share of the round as a bar. */
export function RoundProgress({ round }: { round: PatrolRound }) {
  const { t } = useSecurityI18n();
  const total = round.visits.length;
  const done = total - round.counts.pending - round.counts.missed;
  return (
    <Flex vertical gap={2}>
      <Progress percent={total ? Math.round((done / total) * 100) : 0} showInfo={false} status={round.counts.missed ? 'exception' : 'active'} />
      <Typography.Text data-testid="round-progress">{t('round.progress', { done, total })}</Typography.Text>
    </Flex>
  );
}

/** The round's checkpoints in walking order with their results. */
export function VisitList({ round }: { round: PatrolRound }) {
  const { t, time } = useSecurityI18n();
  return (
    <Flex vertical data-testid="visit-list">
      {round.visits.map((v) => (
        <Flex key={v.id} data-testid={`visit-${v.seq}`} justify="space-between" align="flex-start" gap={8} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Flex vertical gap={0} style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {v.seq}. {v.name}
            </Typography.Text>
            {v.location ? (
              <Typography.Text type="secondary">
                <EnvironmentOutlined /> {v.location}
              </Typography.Text>
            ) : null}
            <Typography.Text type="secondary">{v.checkedAt ? t('round.at', { at: time(v.checkedAt) }) : `${time(v.expectedAt)} ± ${v.toleranceMinutes}′`}</Typography.Text>
            {v.note ? <Typography.Text>{v.note}</Typography.Text> : null}
          </Flex>
          <Flex vertical gap={4} align="flex-end">
            <VisitTag status={v.status} />
            {v.workOrderId ? <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('round.repaired')}</Tag> : null}
            {v.incidentId ? <Tag color="purple" style={{ marginInlineEnd: 0 }}>{t('round.incidentLogged')}</Tag> : null}
          </Flex>
        </Flex>
      ))}
    </Flex>
  );
}

type RoundEvent = PatrolRound['timeline'][number];

function EventText({ e }: { e: RoundEvent }) {
  const { t, tl } = useSecurityI18n();
  const d = e.data as { checkpoint?: string; status?: VisitStatus; checkpoints?: string[]; extra?: boolean; reason?: string };
  if (e.action === 'created') return <>{d.extra && e.actor ? t('timeline.createdExtra', { name: e.actor.name }) : t('timeline.created')}</>;
  if (e.action === 'check_in') return <>{t('timeline.check_in', { checkpoint: d.checkpoint ?? '', status: d.status ? t(`status.${d.status}` as SecurityMessageKey) : '' })}</>;
  if (e.action === 'missed') return <>{t('timeline.missed', { checkpoints: (d.checkpoints ?? []).join('、') })}</>;
  return (
    <>
      {e.actionName ? tl(e.actionName) : e.action}
      {d.reason ? `：${d.reason}` : ''}
    </>
  );
}

/** A round's timeline (opening, check-ins, missed checkpoints, start, finish, expiry), loaded when shown. */
export function RoundTimeline({ roundId }: { roundId: string }) {
  const { t, dateTime } = useSecurityI18n();
  const { data, isPending, error } = usePatrolRound(roundId);
  if (isPending) return <Spin size="small" />;
  if (error) return <Alert type="error" title={t('common.loadFailed', { message: error.message })} />;
  if (!data.timeline.length) return <Typography.Text type="secondary">{t('report.timelineEmpty')}</Typography.Text>;
  return (
    <Flex vertical gap={8} data-testid="round-timeline">
      <Typography.Text strong>{t('report.timeline')}</Typography.Text>
      <Timeline
        items={data.timeline.map((e) => ({
          key: e.id,
          color: e.action === 'missed' || e.action === 'expire' ? 'red' : e.automatic ? 'gray' : 'blue',
          content: (
            <Flex vertical gap={0}>
              <Typography.Text>
                <EventText e={e} />
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dateTime(e.at)} · {e.actor ? t('timeline.by', { name: e.actor.name }) : t('timeline.system')}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Flex>
  );
}
