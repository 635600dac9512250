import { useEffect } from 'react';
import { Alert, App } from 'antd';
import type { ActionDescription } from '../../../common/work/records';
import { useKindStandard, useWorkOrder, useWorkOrderAction, type WorkOrderDetail, type WorkOrderListItem } from '../../api/work-orders';
import type { StandardVersion } from '../../api/standards';
import { StepDialog } from '../../shared/step-form/step-form';
import { useWoI18n } from './use-wo-i18n';
import { formatFen } from './work-order-format';

/**
 * The step to offer first among the allowed ones (in the standard's order): the first that moves
 * the item on — not one that leaves it where it is (booking the visit again, dispatching again)
 * and not one that only cancels it. Read from the pinned standard, never from step names.
 */
export function primaryStep(allowed: readonly string[], status: string, standard: StandardVersion | undefined): string | null {
  if (!standard) return allowed[0] ?? null;
  const { transitions, states } = standard.definition;
  const targets = (key: string) => {
    const tr = transitions.find((x) => x.key === key);
    return tr ? (tr.to ? [tr.to] : (tr.outcomes ?? []).map((o) => o.to)) : [];
  };
  const cancels = (key: string) => {
    const to = targets(key);
    return to.length > 0 && to.every((s) => states.find((st) => st.key === s)?.type === 'cancelled');
  };
  const candidates = allowed.filter((key) => !cancels(key));
  return candidates.find((key) => !targets(key).every((s) => s === status)) ?? candidates[0] ?? null;
}

/** Whether a step of the pinned standard only ends the item (shown as a danger button). */
export function isCancelStep(key: string, standard: StandardVersion | undefined): boolean {
  const tr = standard?.definition.transitions.find((x) => x.key === key);
  if (!tr || !standard) return false;
  const to = tr.to ? [tr.to] : (tr.outcomes ?? []).map((o) => o.to);
  return to.length > 0 && to.every((s) => standard.definition.states.find((st) => st.key === s)?.type === 'cancelled');
}

/** Whether a step of the pinned standard asks for nothing (taken with one tap). */
export function asksForNothing(key: string, standard: StandardVersion | undefined): boolean {
  const tr = standard?.definition.transitions.find((x) => x.key === key);
  return Boolean(tr && tr.records.length === 0 && (tr.outcomes ?? []).every((o) => o.records.length === 0));
}

/**
 * The standard a list item's buttons are read from. List items do not carry their pinned version,
 * so cards read the version in effect for the item's service and community (one request per
 * service and community, cached); the form itself always comes from the order's own `actions`.
 */
export function useListItemStandard(item: WorkOrderListItem): StandardVersion | undefined {
  return useKindStandard(item.kind, item.community.id).data;
}

/** The display name of a step in a standard (its key while that loads). */
export function useStepName(standard: StandardVersion | undefined) {
  const { tl } = useWoI18n();
  return (key: string) => {
    const tr = standard?.definition.transitions.find((x) => x.key === key);
    return tr ? tl(tr.name) : key;
  };
}

/** The quote the owner answers, above the fields of a step taken while it stands. */
function QuoteSummary({ order }: { order: WorkOrderDetail }) {
  const { t } = useWoI18n();
  if (!order.quote) return null;
  return (
    <Alert
      type="info"
      style={{ marginBottom: 16 }}
      data-testid="step-quote"
      title={t('consent.quoteSummary', { total: formatFen(order.quote.totalAmount), items: order.quote.items.map((i) => `${i.name}×${i.quantity}`).join('、') })}
    />
  );
}

/**
 * A step of a work order in the step form (full screen on phones); the order after it replaces
 * the cached one.
 */
export function OrderStepDialog({ order, action, onClose, onDone }: { order: WorkOrderDetail; action: ActionDescription; onClose: () => void; onDone: (next: WorkOrderDetail) => void }) {
  const { tl } = useWoI18n();
  const mutation = useWorkOrderAction(order.id);
  // The quote is what an answer between quoting and finishing is about.
  const showQuote = order.quote !== null && order.completion === null && !action.records.some((r) => r.type === 'price_lines');
  return (
    <StepDialog
      action={action}
      target={{ workOrderId: order.id, communityId: order.community.id }}
      title={`${tl(action.name)} · ${order.number}`}
      before={showQuote ? <QuoteSummary order={order} /> : null}
      submit={(body) => mutation.mutateAsync({ action: action.key, body })}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

/** Opens a step's form for an order from a list or card, once the order (and its steps) are loaded. */
export function StepLoader({ id, action, onClose }: { id: string; action: string; onClose: () => void }) {
  const { t, tl } = useWoI18n();
  const { message } = App.useApp();
  const { data: order } = useWorkOrder(id);
  const description = order?.actions.find((a) => a.key === action);
  const gone = Boolean(order && !description);
  // The step is no longer open to the caller (someone took it meanwhile): the list refreshes.
  useEffect(() => {
    if (gone) onClose();
  }, [gone, onClose]);
  if (!order || !description) return null;
  return (
    <OrderStepDialog
      order={order}
      action={description}
      onClose={onClose}
      onDone={(next) => {
        onClose();
        message.success(t('action.done', { action: tl(description.name), status: tl(next.statusName) }));
      }}
    />
  );
}
