import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { ApiError, portalApi, type WorkOrderDetail } from '../api';
import { portalCanTake, QuoteSummary, StepPanel } from '../components/step-panel';
import { usePromiseText } from '../components/order-card';
import { CallUs } from '../components/call-us';
import { Timeline } from '../components/timeline';
import { Notice, Page, Spinner } from '../components/ui';
import { usePrefs } from '../prefs';

/** One request: what was reported, what the owner can do now, and its progress in plain words. */
export function RequestPage() {
  const { id = '' } = useParams();
  const { t, prefs, formatTime } = usePrefs();
  const location = useLocation();
  const queryClient = useQueryClient();
  const promiseText = usePromiseText();
  const key = ['portal', 'order', id];
  const query = useQuery({ queryKey: key, queryFn: () => portalApi.order(id) });
  // "Sent, number …" shows once, right after filing, and not again after a reload.
  const [created] = useState(() => (location.state as { created?: string } | null)?.created);
  useEffect(() => {
    if (created) window.history.replaceState({ ...window.history.state, usr: null }, '');
  }, [created]);

  const act = async (action: string, body: Record<string, unknown>) => {
    try {
      const next = await portalApi.act(id, action, body, query.data!.version);
      queryClient.setQueryData<WorkOrderDetail>(key, next);
    } catch (cause) {
      // Someone acted first: show the request as it is now, with the message saying so.
      if (cause instanceof ApiError && cause.code === 'STALE') await queryClient.invalidateQueries({ queryKey: key });
      throw cause;
    } finally {
      await queryClient.invalidateQueries({ queryKey: ['portal', 'orders'] });
    }
  };

  if (query.isPending) return <Spinner />;
  if (query.error)
    return (
      <Page title={t('req.listTitle')}>
        <Notice tone="error" text={query.error.message} action={{ label: t('common.retry'), onClick: () => void query.refetch() }} />
      </Page>
    );
  const order = query.data;
  // The resident's steps come from the order's standard; a step asking for something the portal
  // cannot take (a staff pick, a checklist) is left to the service desk.
  const steps = order.actions.filter(portalCanTake);
  // While the request waits on the resident (a quote to answer, finished work to accept and
  // rate), their step is open on the page; otherwise (withdrawing a request in progress) it sits
  // behind a button under the progress.
  const waitingOnResident = order.statusType === 'waiting' || order.statusType === 'completed';
  const first = waitingOnResident ? steps[0] : undefined;
  const promise = promiseText(order);
  const intake = order.attachments.filter((a) => a.purpose === 'intake' && a.kind === 'photo');
  const after = order.attachments.filter((a) => a.purpose === 'after');

  return (
    <Page title={t('req.detailTitle', { kind: t(`kind.${order.kind}`) })}>
      {created && <Notice tone="success" text={t('new.done', { number: created })} />}
      <section className="card">
        <div className="order-head">
          <strong>{order.categoryName?.[prefs.locale] ?? order.category}</strong>
          <span className="badge badge-blue">{order.statusName[prefs.locale]}</span>
        </div>
        <p className="order-text">{order.description}</p>
        {promise && <p className="order-promise">{promise}</p>}
        {order.preferredAt && !order.appointmentAt && promise !== t('req.preferred', { at: formatTime(order.preferredAt) }) && (
          <p className="small">{t('req.preferred', { at: formatTime(order.preferredAt) })}</p>
        )}
        {order.assignee && order.kind === 'repair' && <p className="small">{t('req.technician', { name: order.assignee.name })}</p>}
        <p className="muted small">
          {order.number} · {order.unit?.label ?? order.community.name} · {formatTime(order.createdAt)}
        </p>
        {intake.length > 0 && <Thumbs ids={intake.map((a) => a.id)} />}
      </section>

      {first && (
        <StepPanel key={first.key} action={first} act={act} open>
          {order.quote && !order.completion && <QuoteSummary order={order} />}
          {order.completion && (
            <>
              {order.completion.note && <p className="small">{t('accept.workDone', { text: order.completion.note })}</p>}
              {after.length > 0 && <Thumbs ids={after.map((a) => a.id)} />}
            </>
          )}
        </StepPanel>
      )}
      {order.returnVisit?.score && <Notice tone="success" text={t('rate.thanks', { score: order.returnVisit.score })} />}

      <section className="section" aria-labelledby="progress">
        <h2 id="progress">{t('req.progress')}</h2>
        <Timeline order={order} />
      </section>
      {steps
        .filter((s) => s !== first)
        .map((s) => (
          <StepPanel key={s.key} action={s} act={act} open={false} />
        ))}
      <CallUs text={t('req.askDesk')} communityId={order.community.id} />
    </Page>
  );
}

function Thumbs({ ids }: { ids: string[] }) {
  const { t } = usePrefs();
  return (
    <div className="photos" aria-label={t('req.photos')}>
      {ids.map((id) => (
        <a key={id} className="photo" href={`/api/v1/attachments/${id}`} target="_blank" rel="noreferrer">
          <img src={`/api/v1/attachments/${id}/thumbnail`} alt="" loading="lazy" />
        </a>
      ))}
    </div>
  );
}
