import type { z } from 'zod';
import type { workOrderSummarySchema } from '../../../common/work-orders';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { presentSummary } from './presenter';
import { listWorkOrders, namesFor } from './repository';
import { pinnedStandard } from '../standards';

type WorkOrderSummary = z.infer<typeof workOrderSummarySchema>;

/** A unit's orders as the caller may see them: the open ones and the latest closed or cancelled, with their counts. */
export interface UnitOrders {
  open: WorkOrderSummary[];
  openTotal: number;
  past: WorkOrderSummary[];
  pastTotal: number;
}

/**
 * The work orders of a unit for its 360° page, through the same scope and presentation as the
 * order list (a technician sees only theirs; phones masked): open ones first due, past ones newest
 * first, at most `limit` of each.
 */
export async function workOrdersOfUnit(db: DbOrTx, actor: Actor, unitId: string, limit = 20, now = new Date()): Promise<UnitOrders> {
  const [open, past] = await Promise.all([
    listWorkOrders(db, actor, { unitId, active: 'true', sort: 'dueAt', page: 1, pageSize: limit }, now),
    listWorkOrders(db, actor, { unitId, active: 'false', sort: '-createdAt', page: 1, pageSize: limit }, now),
  ]);
  const rows = [...open.rows, ...past.rows];
  const names = await namesFor(db, rows);
  const present = async (order: (typeof rows)[number]) =>
    presentSummary(
      actor,
      order,
      (await pinnedStandard(db, order.standardVersionId)).definition,
      { community: names.communities.get(order.communityId) ?? '', assignee: order.assigneeStaffId ? (names.staff.get(order.assigneeStaffId) ?? null) : null },
      now,
    );
  return { open: await Promise.all(open.rows.map(present)), openTotal: open.total ?? 0, past: await Promise.all(past.rows.map(present)), pastTotal: past.total ?? 0 };
}
