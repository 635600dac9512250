import { and, eq, gte, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { workEvents } from '../../work/tables';
import { pinnedStandard } from '../standards';
import { TIMER_SUBJECT } from './repository';
import { workOrders } from './tables';

/**
 * What work orders tell about staff, for the monthly appraisal and improvement measures
 * (modules/appraisal): owners' return-visit scores of the orders assigned to someone, and the
 * orders a step named someone on through a staff record the standard marks `concerns: true`
 * (the complaint standard's "staff member complained about"). Record names come from the pinned
 * standards, never from code.
 */

interface Scope {
  organizationId: string;
  communityIds: readonly string[];
  from: Date;
  to: Date;
}

/** The subject type of work orders' time limits (for `endedLimits`). */
export const WORK_ORDER_TIMER_SUBJECT = TIMER_SUBJECT;

/** Return-visit scores (1–5) given in the period, with the order's assignee. */
export async function returnVisitScores(db: DbOrTx, q: Scope) {
  if (!q.communityIds.length) return [];
  const at = sql<Date>`(${workOrders.returnVisit}->>'at')::timestamptz`;
  const rows = await db
    .select({ orderId: workOrders.id, number: workOrders.number, assigneeStaffId: workOrders.assigneeStaffId, score: sql<number | null>`(${workOrders.returnVisit}->>'score')::numeric`, at })
    .from(workOrders)
    .where(and(eq(workOrders.organizationId, q.organizationId), inArray(workOrders.communityId, [...q.communityIds]), isNotNull(workOrders.returnVisit), gte(at, q.from), lt(at, q.to)));
  return rows.filter((r) => r.score !== null).map((r) => ({ ...r, score: Number(r.score), at: new Date(r.at) }));
}

/** Number and assignee of orders by id. */
export async function orderAssignees(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { number: string; assigneeStaffId: string | null }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: workOrders.id, number: workOrders.number, assigneeStaffId: workOrders.assigneeStaffId }).from(workOrders).where(inArray(workOrders.id, unique));
  return new Map(rows.map((r) => [r.id, { number: r.number, assigneeStaffId: r.assigneeStaffId }]));
}

/**
 * Orders a step named a staff member on in the period through a `concerns` staff record, once
 * per order and staff member (the earliest naming), with the order's number and category.
 */
export async function ordersConcerningStaff(db: DbOrTx, q: Scope): Promise<{ orderId: string; number: string; category: string; staffId: string; at: Date }[]> {
  if (!q.communityIds.length) return [];
  const rows = await db
    .select({ orderId: workOrders.id, number: workOrders.number, category: workOrders.category, versionId: workOrders.standardVersionId, action: workEvents.action, data: workEvents.data, at: workEvents.at })
    .from(workEvents)
    .innerJoin(workOrders, eq(workOrders.id, workEvents.subjectId))
    .where(
      and(
        eq(workEvents.subjectType, TIMER_SUBJECT),
        eq(workEvents.organizationId, q.organizationId),
        inArray(workEvents.communityId, [...q.communityIds]),
        gte(workEvents.at, q.from),
        lt(workEvents.at, q.to),
        ne(workEvents.kind, 'created'),
      ),
    );
  const namesByVersion = new Map<string, Map<string, string[]>>();
  const out = new Map<string, { orderId: string; number: string; category: string; staffId: string; at: Date }>();
  for (const r of rows.sort((a, b) => a.at.getTime() - b.at.getTime())) {
    let byStep = namesByVersion.get(r.versionId);
    if (!byStep) {
      const standard = (await pinnedStandard(db, r.versionId)).definition;
      byStep = new Map(standard.transitions.map((t) => [t.key, t.records.filter((x) => x.type === 'staff' && x.concerns).map((x) => x.name)]));
      namesByVersion.set(r.versionId, byStep);
    }
    for (const name of byStep.get(r.action ?? '') ?? []) {
      const staffId = r.data[name];
      if (typeof staffId !== 'string') continue;
      const key = `${r.orderId}:${staffId}`;
      if (!out.has(key)) out.set(key, { orderId: r.orderId, number: r.number, category: r.category, staffId, at: r.at });
    }
  }
  return [...out.values()];
}

/** Complaints (orders of kind `complaint`) of one category made in a community in the period. */
export async function complaintsInCategory(db: DbOrTx, q: { organizationId: string; communityId: string; category: string; from: Date; to: Date }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.organizationId, q.organizationId),
        eq(workOrders.communityId, q.communityId),
        eq(workOrders.kind, 'complaint'),
        eq(workOrders.category, q.category),
        gte(workOrders.createdAt, q.from),
        lt(workOrders.createdAt, q.to),
      ),
    );
  return row?.n ?? 0;
}
