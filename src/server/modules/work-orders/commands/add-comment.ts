import type { RequestContext } from '../../../auth/context';
import type { Db } from '../../../db/client';
import { forbidden, notFound } from '../../../errors';
import { recordAudit } from '../../audit';
import { notifyStaff } from '../../notifications';
import { workOrderPolicy } from '../policy';
import { findWorkOrder, type WorkOrderRow } from '../repository';
import { recordEvent } from '../record-event';
import { inTransaction } from '../../../db/transaction';

/**
 * Adds a comment to the timeline: internal (staff only) or visible to the owner. Residents'
 * comments are always visible to the owner, and reach the assignee's inbox.
 */
export async function addComment(db: Db, ctx: RequestContext, id: string, input: { body: string; visibility: 'internal' | 'owner' }): Promise<WorkOrderRow> {
  return inTransaction(db, async (tx) => {
    const order = await findWorkOrder(tx, ctx.actor, id, true);
    if (!order) throw notFound('entity.workOrder');
    if (!workOrderPolicy.can(ctx.actor, 'comment', order)) throw forbidden();
    const staffSide = workOrderPolicy.can(ctx.actor, 'commentInternal', order);
    const visibility = staffSide ? input.visibility : 'owner';
    await recordEvent(tx, ctx, order, { kind: 'comment', visibility, channel: staffSide ? 'console' : 'app', data: { body: input.body } });
    if (!staffSide && order.assigneeStaffId) {
      await notifyStaff(tx, [order.assigneeStaffId], {
        organizationId: order.organizationId,
        communityId: order.communityId,
        kind: 'owner_replied',
        messageKey: 'notify.ownerCommented',
        params: { number: order.number },
        entityType: 'work_order',
        entityId: order.id,
      });
    }
    await recordAudit(tx, ctx, { organizationId: order.organizationId, entityType: 'work_order', entityId: order.id, action: 'comment', after: { visibility } });
    return order;
  });
}
