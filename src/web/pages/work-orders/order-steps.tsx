import { useEffect } from 'react';
import { Alert, App } from 'antd';
import type { ActionDescription } from '../../../common/work/records';
import { useKindStandard, useWorkOrder, useWorkOrderAction, type WorkOrderDetail, type WorkOrderListItem } from '../../api/work-orders';
import type { StandardVersion } from '../../api/standards';
export { asksForNothing, isCancelStep, primaryStep } from './step-order';
import { StepDialog } from '../../shared/step-form/step-form';
import { useWoI18n } from './use-wo-i18n';
import { formatFen } from './work-order-format';

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
