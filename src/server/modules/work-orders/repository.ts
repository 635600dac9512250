import { and, asc, count, type AnyColumn, desc, eq, gte, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { WORK_ORDER_COUNT_CAP, type WorkOrderListQuery } from '../../../common/work-orders';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { communityNames, staffNames } from '../registry';
import { qualified } from '../../db/sql';
import { timerPhaseSql } from '../standards';
import { workOrders } from './tables';
import { queueFilter } from './queues';
import { timelineOf as workTimelineOf, type WorkEventRow } from '../../work/timeline';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type WorkOrderEventRow = WorkEventRow;

/** Subject type of work-order SLA timers. */
export const TIMER_SUBJECT = 'work_order';

/**
 * Orders with a running limit past its due instant: `next_due_at` is the earliest due instant of
 * the running limits, kept by the timer code in every transaction that changes them (the kind's
 * `nextDueColumn`), so this reads an index instead of probing the timers of every order.
 */
export const overdueAt = (now: Date): SQL => sql`${qualified('work_orders', 'next_due_at')} < ${now.toISOString()}::timestamptz`;

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

/** Worst phase of the running timers of an order at `now`; null when none runs. */
const slaPhase = (now: Date) => timerPhaseSql(TIMER_SUBJECT, qualified('work_orders', 'id'), now);

/**
 * Past this many matching orders the list stops counting (`totalCapped`): counting a million rows
 * costs more than the page itself, and nobody pages that far (docs/performance.md).
 */
export const LIST_COUNT_CAP = WORK_ORDER_COUNT_CAP;

/** A timestamp as exact UTC text with its microseconds (a JS Date would drop them). */
const exactInstant = (column: AnyColumn) => sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/** The sort key values of a row, exactly as stored. */
const cursorKey = {
  createdAt: exactInstant(workOrders.createdAt),
  nextDueAt: exactInstant(workOrders.nextDueAt),
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^[12]\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
/** A real instant in the exact form of `exactInstant` (no 30 February). */
const isInstant = (v: unknown) => typeof v === 'string' && INSTANT.test(v) && new Date(`${v.slice(0, 23)}Z`).toISOString().slice(0, 23) === v.slice(0, 23);

/** A position in one sort of the list: the sort key of the last row of a page. */
interface ListCursor {
  sort: WorkOrderListQuery['sort'];
  key: (string | null)[];
}

function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, ...cursor.key])).toString('base64url');
}

/** The cursor of a request, or null when it is not one this list handed out for this sort. */
export function decodeCursor(raw: string, sort: WorkOrderListQuery['sort']): ListCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed[0] !== sort) return null;
    const key = parsed.slice(1) as unknown[];
    if (key.length !== (sort === 'dueAt' ? 3 : 2) || typeof key.at(-1) !== 'string' || !UUID.test(key.at(-1) as string)) return null;
    // Printable text only: PostgreSQL refuses NUL, and a lone surrogate is not UTF-8.
    if (sort === 'number' && !(typeof key[0] === 'string' && /^[\p{L}\p{N}\p{P}\p{S} ]{1,64}$/u.test(key[0]))) return null;
    if ((sort === 'createdAt' || sort === '-createdAt') && !isInstant(key[0])) return null;
    if (sort === 'dueAt' && !((key[0] === null || isInstant(key[0])) && isInstant(key[1]))) return null;
    return { sort, key: key as (string | null)[] };
  } catch {
    return null;
  }
}

/** SQL: the rows after the cursor's row in its sort (the same order as `orderOf`). */
function afterCursor(c: ListCursor): SQL {
  const [a, b, id] = c.key;
  switch (c.sort) {
    case '-createdAt':
      return sql`(${workOrders.createdAt}, ${workOrders.id}) < (${a}::timestamptz, ${b}::uuid)`;
    case 'createdAt':
      return sql`(${workOrders.createdAt}, ${workOrders.id}) > (${a}::timestamptz, ${b}::uuid)`;
    case 'number':
      return sql`(${workOrders.number}, ${workOrders.id}) > (${a}, ${b}::uuid)`;
    case 'dueAt': {
      // next_due_at ascending with nulls last, then created_at and id descending.
      const tie = sql`(${workOrders.createdAt}, ${workOrders.id}) < (${b}::timestamptz, ${id}::uuid)`;
      if (a === null) return sql`(${workOrders.nextDueAt} is null and ${tie})`;
      return sql`(${workOrders.nextDueAt} > ${a}::timestamptz or ${workOrders.nextDueAt} is null or (${workOrders.nextDueAt} = ${a}::timestamptz and ${tie}))`;
    }
  }
}

function orderOf(sort: WorkOrderListQuery['sort']): SQL[] {
  switch (sort) {
    case 'createdAt':
      return [asc(workOrders.createdAt), asc(workOrders.id)];
    case 'number':
      return [asc(workOrders.number), asc(workOrders.id)];
    case 'dueAt':
      // The earliest running due instant, kept on the row by the timer code (subjects.ts).
      return [sql`${workOrders.nextDueAt} asc nulls last`, desc(workOrders.createdAt), desc(workOrders.id)];
    default:
      return [desc(workOrders.createdAt), desc(workOrders.id)];
  }
}

export interface ListOptions {
  /** Count the matching orders (up to LIST_COUNT_CAP + 1); an export paging through needs no count. */
  count?: boolean;
  /** Continue after this cursor (from `nextCursor` of the previous page) instead of `page`. */
  cursor?: ListCursor | null;
}

/**
 * One page of the work orders visible to the actor, with filters, search and sort. A page is
 * either numbered (`page`, for the console's first pages) or follows a cursor (keyset: as fast on
 * page 5,000 as on page 1). `nextCursor` continues after the last row.
 */
export async function listWorkOrders(db: DbOrTx, actor: Actor, q: WorkOrderListQuery, now = new Date(), options: ListOptions = {}) {
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
  const overdue = overdueAt(now);
  if (q.overdue === 'true') where.push(overdue);
  if (q.overdue === 'false') where.push(sql`(${workOrders.nextDueAt} is null or not ${overdue})`);
  if (q.queue) where.push(await queueFilter(db, actor, q.queue, now));
  if (q.q) {
    // Each arm is served by an index (pg_trgm GIN on number and unit, b-tree on the phone's last
    // four digits), so PostgreSQL ORs their bitmaps instead of reading every order.
    const term = q.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    const digits = /^\d+$/.test(q.q);
    where.push(
      or(
        sql`${workOrders.number} ilike ${`%${term}%`}`,
        sql`${workOrders.unitLabel} ilike ${`%${term}%`}`,
        digits && q.q.length >= 4 ? sql`(right(${workOrders.reporterPhone}, 4) = ${q.q.slice(-4)} and ${workOrders.reporterPhone} = ${q.q})` : undefined,
        digits && q.q.length === 4 ? sql`right(${workOrders.reporterPhone}, 4) = ${q.q}` : undefined,
      )!,
    );
  }
  const filter = and(...where);
  const cursor = options.cursor ?? null;
  const [rows, total] = await Promise.all([
    db
      .select({ order: workOrders, slaPhase: slaPhase(now), createdAtKey: cursorKey.createdAt, nextDueAtKey: cursorKey.nextDueAt })
      .from(workOrders)
      .where(cursor ? and(filter, afterCursor(cursor)) : filter)
      .orderBy(...orderOf(q.sort))
      .limit(q.pageSize)
      .offset(cursor ? 0 : (q.page - 1) * q.pageSize),
    options.count === false
      ? Promise.resolve(null)
      : db
          .select({ n: count() })
          .from(db.select({ one: sql`1` }).from(workOrders).where(filter).limit(LIST_COUNT_CAP + 1).as('matching'))
          .then(([r]) => r?.n ?? 0),
  ]);
  const last = rows.at(-1);
  const nextCursor =
    last && rows.length === q.pageSize
      ? encodeCursor({
          sort: q.sort,
          key:
            q.sort === 'number'
              ? [last.order.number, last.order.id]
              : q.sort === 'dueAt'
                ? [last.nextDueAtKey, last.createdAtKey, last.order.id]
                : [last.createdAtKey, last.order.id],
        })
      : null;
  return {
    rows: rows.map((r) => ({ ...r.order, slaPhase: r.slaPhase })),
    total: total === null ? null : Math.min(total, LIST_COUNT_CAP),
    totalCapped: total !== null && total > LIST_COUNT_CAP,
    nextCursor,
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
    .select({ order: workOrders, slaPhase: slaPhase(now) })
    .from(workOrders)
    .where(and(workOrderScope(actor), notInArray(workOrders.stateType, ['closed', 'cancelled']), or(...matches)))
    .orderBy(desc(workOrders.createdAt), desc(workOrders.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.order, slaPhase: r.slaPhase }));
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
