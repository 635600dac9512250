import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Result, Select, Space, Spin, Typography } from 'antd';
import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { usePatrolActions, usePatrolRoutes, useMyRound, type PatrolRound } from '../../api/security';
import type { ActionDescription } from '../../../common/work/records';
import { StepDialog } from '../../shared/step-form/step-form';
import { useDocumentTitle } from '../../shared/use-document-title';
import { CheckInForm } from './check-in-form';
import { RoundProgress, RoundStateTag, VisitList } from './round-parts';
import { useSecurityI18n } from './use-security-i18n';

/** Starts an unscheduled round of a route now. */
function ExtraRound({ onStarted }: { onStarted: (round: PatrolRound) => void }) {
  const { t } = useSecurityI18n();
  const { message } = App.useApp();
  const routes = usePatrolRoutes();
  const { start } = usePatrolActions();
  const [routeId, setRouteId] = useState<string | undefined>();
  const items = routes.data?.items ?? [];
  const chosen = routeId ?? items[0]?.id;
  return (
    <Card title={t('round.extra')} data-testid="extra-round">
      <Typography.Paragraph type="secondary">{t('round.extraHint')}</Typography.Paragraph>
      <Flex vertical gap={12}>
        <Select size="large" value={chosen} onChange={setRouteId} loading={routes.isPending} aria-label={t('round.extraRoute')} options={items.map((r) => ({ value: r.id, label: `${r.name}（${r.checkpoints.length}）` }))} />
        <Button
          size="large"
          icon={<PlusOutlined />}
          disabled={!chosen}
          loading={start.isPending}
          style={{ height: 52 }}
          data-testid="extra-round-start"
          onClick={() => chosen && start.mutate(chosen, { onSuccess: onStarted, onError: (e) => message.error(e.message) })}
        >
          {t('round.extraStart')}
        </Button>
      </Flex>
    </Card>
  );
}

/**
 * The steps of the round's standard the guard may take now (`actions`: ending early, or a step a
 * company added), one button each, drawn by the shared step form. While the round is walked they
 * are danger buttons, with what is left to be missed above the form.
 */
function RoundSteps({ round }: { round: PatrolRound }) {
  const { t, tl } = useSecurityI18n();
  const { step } = usePatrolActions();
  const [open, setOpen] = useState<ActionDescription | null>(null);
  if (!round.actions.length) return null;
  // While the round is walked, its steps end or leave the walk: what is pending will be missed.
  const walking = round.stateType === 'in_progress';
  return (
    <>
      {round.actions.map((a) => (
        <Button key={a.key} danger={walking} size="large" block style={{ height: 52 }} onClick={() => setOpen(a)} data-testid={`round-step-${a.key}`}>
          {tl(a.name)}
        </Button>
      ))}
      {open ? (
        <StepDialog
          action={open}
          target={{ communityId: round.communityId }}
          title={`${tl(open.name)} · ${round.routeName}`}
          before={walking && round.counts.pending ? <Alert type="warning" showIcon title={t('round.finishWarn', { n: round.counts.pending })} style={{ marginBottom: 12 }} /> : null}
          submit={(body) => step.mutateAsync({ round, action: open.key, body })}
          onClose={() => setOpen(null)}
          onDone={() => setOpen(null)}
        />
      ) : null}
    </>
  );
}

function RoundView({ round, onDone }: { round: PatrolRound; onDone: () => void }) {
  const { t, tl, time } = useSecurityI18n();
  const over = round.stateType === 'closed' || round.stateType === 'cancelled';
  const next = round.visits.find((v) => v.status === 'pending');
  const started = Date.parse(round.startsAt) <= Date.now();
  return (
    <Flex vertical gap={12}>
      <Card styles={{ body: { padding: 14 } }} data-testid="round-card">
        <Flex vertical gap={6}>
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {round.routeName}
            </Typography.Text>
            <RoundStateTag round={round} />
          </Flex>
          <Typography.Text type="secondary">{t('round.times', { start: time(round.startsAt), due: time(round.dueAt) })}</Typography.Text>
          <RoundProgress round={round} />
        </Flex>
      </Card>
      {over ? (
        <Result
          status={round.counts.missed ? 'warning' : 'success'}
          title={t('round.over', { state: tl(round.stateName) })}
          subTitle={
            <Flex vertical>
              <span data-testid="round-summary">{t('round.summary', round.counts)}</span>
              {round.counts.missed ? <span>{t('round.missedReported')}</span> : null}
            </Flex>
          }
          extra={
            <Button size="large" type="primary" onClick={onDone} data-testid="round-done">
              {t('round.nextRound')}
            </Button>
          }
        />
      ) : !started ? (
        <Alert type="info" showIcon title={t('round.notYet', { at: time(round.startsAt) })} />
      ) : next && round.allowedActions.includes('checkIn') ? (
        <Card title={t('round.next')} styles={{ body: { padding: 14 } }} data-testid="next-checkpoint">
          <Flex vertical gap={4} style={{ marginBottom: 12 }}>
            <Typography.Text strong style={{ fontSize: 20 }} data-testid="next-checkpoint-name">
              {next.seq}. {next.name}
            </Typography.Text>
            {next.location ? (
              <Typography.Text>
                <EnvironmentOutlined /> {next.location}
              </Typography.Text>
            ) : null}
            <Typography.Text type="secondary">{t('round.expected', { at: time(next.expectedAt), tol: next.toleranceMinutes, closes: time(next.closesAt) })}</Typography.Text>
          </Flex>
          <CheckInForm round={round} />
        </Card>
      ) : round.guardName ? (
        <Alert type="info" showIcon title={t('round.by', { name: round.guardName })} />
      ) : null}
      {!over && started ? <RoundSteps round={round} /> : null}
      <Card title={t('round.points')} styles={{ body: { padding: '0 14px' } }}>
        <VisitList round={round} />
      </Card>
    </Flex>
  );
}

/**
 * 我的巡更, for guards on a phone: the round to walk now and its next checkpoint with the scan and
 * check-in flow; an extra round when none is due.
 */
export function MyRoundPage() {
  const { t } = useSecurityI18n();
  useDocumentTitle(t('round.title'));
  const [roundId, setRoundId] = useState<string | null>(null);
  const { data: round, isPending, error, refetch } = useMyRound(roundId);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 640 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('round.title')}
      </Typography.Title>
      {error ? <Alert type="error" title={t('common.loadFailed', { message: error.message })} action={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>} /> : null}
      {isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin size="large" />
        </Flex>
      ) : round ? (
        <>
          <RoundView round={round} onDone={() => setRoundId(null)} />
          {!roundId && round.state === 'planned' ? <ExtraRound onStarted={(r) => setRoundId(r.id)} /> : null}
        </>
      ) : (
        <>
          <Empty description={t('round.none')} />
          <ExtraRound onStarted={(r) => setRoundId(r.id)} />
        </>
      )}
    </Space>
  );
}
