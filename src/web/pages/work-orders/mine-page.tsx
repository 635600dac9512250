import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Space, Spin, Typography } from 'antd';
import { CalendarOutlined, EnvironmentOutlined, PhoneOutlined, RightOutlined } from '@ant-design/icons';
import { ApiError, apiRequest } from '../../api/client';
import { useWorkOrderAction, useWorkOrders, type WorkOrderDetail, type WorkOrderListItem } from '../../api/work-orders';
import { useSession } from '../../components/session';
import { asksForNothing, primaryStep, StepLoader, useListItemStandard, useStepName } from './order-steps';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useWoI18n } from './use-wo-i18n';
import { DueTag, formatDateTime, listItemPhase, PHASE_COLORS, StatusTag } from './work-order-format';

const REFRESH_MS = 30_000;
const FINISHED = new Set(['closed', 'cancelled']);

/**
 * Calls the reporter. Lists carry masked phones; the order itself gives the assigned technician
 * the full number, so it is fetched only when the call is made.
 */
function CallButton({ id }: { id: string }) {
  const { t } = useWoI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const call = async () => {
    setBusy(true);
    try {
      const order = await queryClient.fetchQuery({
        queryKey: ['work-orders', 'detail', id],
        queryFn: ({ signal }) => apiRequest<WorkOrderDetail>(`/api/v1/work-orders/${encodeURIComponent(id)}`, { signal }),
      });
      const phone = order.reporter.phone;
      if (phone && !phone.includes('*')) window.location.href = `tel:${phone}`;
      else message.warning(t('mine.noPhone'));
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<PhoneOutlined />} loading={busy} onClick={() => void call()} data-testid="job-call">
      {t('order.call')}
    </Button>
  );
}

function JobCard({ item, onStep }: { item: WorkOrderListItem; onStep: (action: string) => void }) {
  const { t, tl } = useWoI18n();
  const { message } = App.useApp();
  const quick = useWorkOrderAction(item.id);
  const standard = useListItemStandard(item);
  const stepName = useStepName(standard);
  // A step that asks for nothing (accepting the job) is one tap; the others open the step form.
  const take = (action: string) => {
    if (!asksForNothing(action, standard)) return onStep(action);
    quick.mutate(
      { action, body: {} },
      {
        onSuccess: (order) => message.success(t('action.done', { action: stepName(action), status: tl(order.statusName) })),
        onError: (error) => message.error(error instanceof ApiError ? error.message : String(error)),
      },
    );
  };
  const phase = listItemPhase(item);
  // The card offers the same steps as the order page, first the one that moves the job on.
  const step = primaryStep(item.allowedActions, item.status, standard);
  const phone = item.reporter.phone;
  return (
    <Card
      data-testid={`job-${item.number}`}
      style={{ borderInlineStart: `5px solid ${phase ? PHASE_COLORS[phase].border : '#d9d9d9'}` }}
      styles={{ body: { padding: 14 } }}
    >
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: 17 }}>
            {tl(item.categoryName, item.category)}
          </Typography.Text>
          <StatusTag name={tl(item.statusName)} type={item.statusType} />
        </Flex>
        <Typography.Text style={{ fontSize: 16 }}>
          <EnvironmentOutlined /> {item.community.name} {item.unit?.label ?? t('common.publicArea')}
        </Typography.Text>
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
          {item.description}
        </Typography.Paragraph>
        <Flex gap={8} wrap align="center">
          <DueTag item={item} />
          {item.appointmentAt ? (
            <Typography.Text>
              <CalendarOutlined /> {t('mine.appointment', { at: formatDateTime(item.appointmentAt, t) })}
            </Typography.Text>
          ) : null}
        </Flex>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text>
            {item.reporter.name ?? '—'} {phone ? <Typography.Text type="secondary">{phone}</Typography.Text> : null}
          </Typography.Text>
          {phone ? <CallButton id={item.id} /> : null}
        </Flex>
        {step ? (
          <Button type="primary" size="large" block style={{ height: 52, fontSize: 18 }} loading={quick.isPending} onClick={() => take(step)} data-testid="job-next-step">
            {stepName(step)}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('mine.waiting')}</Typography.Text>
        )}
        <Link to={`/work-orders/${item.id}`} style={{ alignSelf: 'flex-end' }}>
          {t('mine.open', { number: item.number })} <RightOutlined />
        </Link>
      </Flex>
    </Card>
  );
}

/**
 * 我的工单 for technicians on a phone: my open jobs by due time, each with its next step as one big
 * button (photos from the back camera where the step needs them), the appointment and a call link.
 */
export function MinePage() {
  const { t } = useWoI18n();
  useDocumentTitle(t('nav.mine'));
  const me = useSession();
  const staffId = me.user.staffId;
  const { data, isPending, error } = useWorkOrders(
    { page: 1, pageSize: 100, assigneeId: staffId ?? undefined, sort: 'dueAt' },
    { enabled: staffId !== null, refetchInterval: REFRESH_MS },
  );
  const [step, setStep] = useState<{ id: string; action: string } | null>(null);
  const jobs = (data?.items ?? []).filter((i) => !FINISHED.has(i.statusType));
  const closeStep = useCallback(() => setStep(null), []);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 640 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.mine')} {staffId && data ? <Typography.Text type="secondary">({jobs.length})</Typography.Text> : null}
      </Typography.Title>
      {error ? <Alert type="error" title={error.message} /> : null}
      {staffId === null ? (
        <Empty description={t('mine.none')} />
      ) : isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin size="large" />
        </Flex>
      ) : jobs.length ? (
        jobs.map((item) => <JobCard key={item.id} item={item} onStep={(action) => setStep({ id: item.id, action })} />)
      ) : (
        <Empty description={t('mine.none')} />
      )}
      {step ? <StepLoader id={step.id} action={step.action} onClose={closeStep} /> : null}
    </Space>
  );
}
