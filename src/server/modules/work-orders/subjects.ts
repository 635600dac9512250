import { NUMBER_PREFIX } from '../../../common/work-orders';
import { sql } from 'drizzle-orm';
import type { ServiceStandard } from '../../standards/definition';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { defineKind, registerKind } from '../../work/subjects';
import { workOrderSubject } from './commands/take-action';
import { effectiveRoles, workOrderPolicy } from './policy';
import { findWorkOrder } from './repository';
import { pinnedStandard } from '../standards';
import { workOrders } from './tables';

/**
 * Registers work orders (repairs, complaints, inquiries ...) with the work kernel, once: read
 * policy, table, step kind, number prefixes per service. Warnings, breaches and escalations of
 * their limits go on the timeline (staff only); a limit's `onBreach` step is taken by the kernel.
 */
export function registerWorkOrderSubjects(): void {
  registerKind(
    defineKind({
      type: 'work_order',
      label: { 'zh-CN': '工单', 'en-US': 'Work order' },
      table: workOrders,
      // Per service (BX 报修, TS 投诉, ZX 咨询); commands number through `kindNumber`. The table lives in
      // src/common so the benchmark's bulk generator writes the same numbers.
      numberPrefix: NUMBER_PREFIX,
      step: workOrderSubject,
      timerEventsOnTimeline: true,
      async pinnedStandards(tx, ids) {
        // One parameter for the batch's ids; each distinct version is looked up once (a sweep's
        // thousand orders share a handful), one after the other on the transaction's connection.
        const rows = await tx
          .select({ id: workOrders.id, versionId: workOrders.standardVersionId })
          .from(workOrders)
          .where(sql`${workOrders.id} = any(${`{${ids.join(',')}}`}::uuid[])`);
        const versions = new Map<string, ServiceStandard>();
        for (const versionId of new Set(rows.map((r) => r.versionId))) versions.set(versionId, (await pinnedStandard(tx, versionId)).definition);
        return new Map(rows.map((r) => [r.id, versions.get(r.versionId)!]));
      },
      // The list's sort by due time reads this copy (an index), kept in the timers' transaction.
      nextDueColumn: workOrders.nextDueAt,
      async loadForRead(db: DbOrTx, actor: Actor, id: string) {
        const order = await findWorkOrder(db, actor, id);
        if (!order || !workOrderPolicy.can(actor, 'read', order)) return null;
        const ownerView = actor.staffId === null && !effectiveRoles(actor, order).some((r) => r !== 'resident');
        return { organizationId: order.organizationId, communityId: order.communityId, label: order.number, ownerView };
      },
    }),
  );
}
