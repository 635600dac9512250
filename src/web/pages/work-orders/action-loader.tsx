import { App } from 'antd';
import type { WorkOrderAction } from '../../../common/work-orders';
import { useWorkOrder } from '../../api/work-orders';
import { ActionDialog } from './action-dialog';
import { useActionName } from './order-page';
import { useWoI18n } from './use-wo-i18n';

/** Opens an action's form for an order from a list or card, once the order's details are loaded. */
export function ActionLoader({ id, action, onClose }: { id: string; action: WorkOrderAction; onClose: () => void }) {
  const { t, tl } = useWoI18n();
  const { message } = App.useApp();
  const { data: order } = useWorkOrder(id);
  const actionName = useActionName(order);
  if (!order) return null;
  return (
    <ActionDialog
      order={order}
      action={action}
      title={`${actionName(action)} · ${order.number}`}
      onBehalfOfOwner={false}
      onClose={onClose}
      onDone={(next) => {
        onClose();
        message.success(t('action.done', { action: actionName(action), status: tl(next.statusName) }));
      }}
    />
  );
}
