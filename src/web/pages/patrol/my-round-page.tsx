import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Result, Select, Space, Spin, Typography } from 'antd';
import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { usePatrolActions, usePatrolRoutes, useMyRound, type PatrolRound } from '../../api/security';
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

/** Ends the round early with a reason; what is left counts as missed and is reported. */
function FinishButton({ round }: { round: PatrolRound }) {
  const { t } = useSecurityI18n();
  const { message } = App.useApp();
  const { finish } = usePatrolActions();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <>
      <Button danger size="large" block style={{ height: 52 }} onClick={() => setOpen(true)} data-testid="round-finish">
        {t('round.finish')}
      </Button>
      <Modal
        open={open}
        title={t('round.finishTitle')}
        okText={t('round.finishConfirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, size: 'large', loading: finish.isPending, 'data-testid': 'round-finish-confirm' }}
        cancelButtonProps={{ size: 'large' }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          void form.validateFields().then((v) =>
            finish.mutate({ roundId: round.id, reason: v.reason.trim() }, { onSuccess: () => setOpen(false), onError: (e) => message.error(e.message) }),
          )
        }
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('round.finishWarn', { n: round.counts.pending })} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item name="reason" label={t('round.finishReason')} rules={[{ required: true, whitespace: true, message: t('round.finishReasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="round-finish-reason" />
          </Form.Item>
        </Form>
      </Modal>
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
      {!over && round.allowedActions.includes('finish') ? <FinishButton round={round} /> : null}
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
