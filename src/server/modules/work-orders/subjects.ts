import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { registerSubject } from '../../work/subjects';
import { eq } from 'drizzle-orm';
import { onEarliestDueChange } from '../standards';
import { workOrders } from './tables';
import { effectiveRoles, workOrderPolicy } from './policy';
import { findWorkOrder } from './repository';

/** Registers work orders (repairs, complaints, inquiries ...) with the work kernel. */
export function registerWorkOrderSubjects(): void {
  // The list's sort by due time reads this copy (an index), kept in the timers' transaction.
  onEarliestDueChange('work_order', async (tx, id, earliestDue) => {
    await tx.update(workOrders).set({ nextDueAt: earliestDue }).where(eq(workOrders.id, id));
  });
  registerSubject({
    type: 'work_order',
    label: { 'zh-CN': '工单', 'en-US': 'Work order' },
    async loadForRead(db: DbOrTx, actor: Actor, id: string) {
      const order = await findWorkOrder(db, actor, id);
      if (!order || !workOrderPolicy.can(actor, 'read', order)) return null;
      const ownerView = actor.staffId === null && !effectiveRoles(actor, order).some((r) => r !== 'resident');
      return { organizationId: order.organizationId, communityId: order.communityId, label: order.number, ownerView };
    },
  });
}
