import { and, asc, count, desc, eq, gte, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { WorkOrderListQuery } from '../../../common/work-orders';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { communityNames, staffNames } from '../registry';
import { qualified } from '../../db/sql';
import { nextDueSql, overdueSql, timerPhaseSql } from '../standards';
import { workOrders } from './tables';
import { queueFilter } from './queues';
import { timelineOf as workTimelineOf, type WorkEventRow } from '../../work/timeline';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type WorkOrderEventRow = WorkEventRow;

/** Subject type of work-order SLA timers. */
export const TIMER_SUBJECT = 'work_order';

/**
 * Which work orders the actor may see, through the one tenant scope: staff see the communities
 * they serve; residents see orders of their household units and the ones they reported.
 */
export function workOrderScope(actor: Actor): SQL {
  const isResident = actor.roles.includes('resident') && actor.staffId === null;
  if (!isResident) return tenantScope(actor, { organizationId: workOrders.organizationId, communityId: workOrders.communityId });
  return or(
    tenantScope(actor, { organizationId: workOrders.organizationId, unitId: workOrders.unitId }),
    tenantScope(actor, { organizationId: workOrders.organizationId, residentId: workOrders.reporterResidentId }),
  )!;
}

/** A visible work order by id; `lock` takes a row lock for the rest of the transaction. */
export async function findWorkOrder(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<WorkOrderRow | null> {
  const q = db.select().from(workOrders).where(and(eq(workOrders.id, id), workOrderScope(actor)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Earliest due instant of the running timers of an order (SQL expression, the standards module's). */
const nextDue = nextDueSql(TIMER_SUBJECT, qualified('work_orders', 'id'));
/** Worst phase of the running timers of an order at `now`; null when none runs. */
const slaPhase = (now: Date) => timerPhaseSql(TIMER_SUBJECT, qualified('work_orders', 'id'), now);

/** One page of the work orders visible to the actor, with filters, search and sort. */
export async function listWorkOrders(db: DbOrTx, actor: Actor, q: WorkOrderListQuery, now = new Date()) {
  const where: SQL[] = [workOrderScope(actor)];
  if (q.kind) where.push(eq(workOrders.kind, q.kind));
  if (q.status) where.push(eq(workOrders.state, q.status));
  if (q.statusType) where.push(eq(workOrders.stateType, q.statusType));
  if (q.active === 'true') where.push(notInArray(workOrders.stateType, ['closed', 'cancelled']));
  if (q.active === 'false') where.push(inArray(workOrders.stateType, ['closed', 'cancelled']));
  if (q.communityId) where.push(eq(workOrders.communityId, q.communityId));
  if (q.unitId) where.push(eq(workOrders.unitId, q.unitId));
  if (q.assigneeId) where.push(eq(workOrders.assigneeStaffId, q.assigneeId));
  if (q.from) where.push(gte(workOrders.createdAt, new Date(q.from)));
  if (q.to) where.push(lt(workOrders.createdAt, new Date(q.to)));
  const overdue = overdueSql(TIMER_SUBJECT, sql`${workOrders.id}`, now);
  if (q.overdue === 'true') where.push(overdue);
  if (q.overdue === 'false') where.push(sql`not ${overdue}`);
  if (q.queue) where.push(await queueFilter(db, actor, q.queue, now));
  if (q.q) {
    const term = q.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    const digits = /^\d+$/.test(q.q);
    where.push(
      or(
        sql`${workOrders.number} ilike ${`%${term}%`}`,
        sql`${workOrders.unitLabel} ilike ${`%${term}%`}`,
        eq(workOrders.reporterPhone, q.q),
        digits && q.q.length === 4 ? sql`right(${workOrders.reporterPhone}, 4) = ${q.q}` : undefined,
      )!,
    );
  }
  const filter = and(...where);
  const order =
    q.sort === 'createdAt'
      ? [asc(workOrders.createdAt), asc(workOrders.id)]
      : q.sort === 'number'
        ? [asc(workOrders.number)]
        : q.sort === 'dueAt'
          ? [sql`${nextDue} asc nulls last`, desc(workOrders.createdAt)]
          : [desc(workOrders.createdAt), desc(workOrders.id)];
  const [rows, [total]] = await Promise.all([
    db
      .select({ order: workOrders, nextDueAt: nextDue, slaPhase: slaPhase(now) })
      .from(workOrders)
      .where(filter)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(workOrders).where(filter),
  ]);
  return {
    rows: rows.map((r) => ({ ...r.order, nextDueAt: r.nextDueAt ? new Date(r.nextDueAt) : null, slaPhase: r.slaPhase })),
    total: total?.n ?? 0,
  };
}

/**
 * Orders not yet closed or cancelled of a unit or of a reporter (resident id or phone), that the
 * actor may see, newest first: the desk's check for a duplicate while taking a call.
 */
export async function openOrdersAt(db: DbOrTx, actor: Actor, at: { unitId?: string; residentId?: string; phones: string[] }, now = new Date(), limit = 20) {
  const matches = [
    at.unitId ? eq(workOrders.unitId, at.unitId) : undefined,
    at.residentId ? eq(workOrders.reporterResidentId, at.residentId) : undefined,
    at.phones.length ? inArray(workOrders.reporterPhone, at.phones) : undefined,
  ].filter((m): m is SQL => m !== undefined);
  if (!matches.length) return [];
  const rows = await db
    .select({ order: workOrders, nextDueAt: nextDue, slaPhase: slaPhase(now) })
    .from(workOrders)
    .where(and(workOrderScope(actor), notInArray(workOrders.stateType, ['closed', 'cancelled']), or(...matches)))
    .orderBy(desc(workOrders.createdAt), desc(workOrders.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.order, nextDueAt: r.nextDueAt ? new Date(r.nextDueAt) : null, slaPhase: r.slaPhase }));
}

/** Names of communities and staff members referenced by some orders. */
export async function namesFor(db: DbOrTx, rows: Pick<WorkOrderRow, 'communityId' | 'assigneeStaffId'>[]) {
  const communityIds = [...new Set(rows.map((r) => r.communityId))];
  const staffIds = [...new Set(rows.map((r) => r.assigneeStaffId).filter((x): x is string => x !== null))];
  const [cs, ss] = await Promise.all([communityNames(db, communityIds), staffNames(db, staffIds)]);
  return { communities: new Map([...cs].map(([id, c]) => [id, c.name])), staff: ss };
}

/** The timeline of an order, oldest first; residents get only what is visible to the owner. */
export async function timelineOf(db: DbOrTx, workOrderId: string, ownerView: boolean): Promise<WorkOrderEventRow[]> {
  return workTimelineOf(db, { type: 'work_order', id: workOrderId }, { ownerView });
}

/** Orders linked to an order, by id (only those the actor may see). */
export async function linkedOrders(db: DbOrTx, actor: Actor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: workOrders.id, number: workOrders.number, kind: workOrders.kind })
    .from(workOrders)
    .where(and(inArray(workOrders.id, ids), workOrderScope(actor)));
}

/** Open orders assigned to each staff member (current load), for dispatch suggestions. */
export async function openLoadOf(db: DbOrTx, staffIds: string[]): Promise<Map<string, number>> {
  if (!staffIds.length) return new Map();
  const rows = await db
    .select({ id: workOrders.assigneeStaffId, n: count() })
    .from(workOrders)
    .where(and(inArray(workOrders.assigneeStaffId, staffIds), notInArray(workOrders.stateType, ['completed', 'closed', 'cancelled'])))
    .groupBy(workOrders.assigneeStaffId);
  return new Map(rows.map((r) => [r.id!, r.n]));
}
