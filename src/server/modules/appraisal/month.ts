import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { AppraisalRow, IncentiveSummary } from '../../../common/appraisal/api';
import { appraise, monthBounds } from '../../../common/appraisal/score';
import type { DbOrTx } from '../../db/client';
import { localInstant } from '../../work/plans';
import { scoredInspections } from '../quality';
import { staffServingAny } from '../registry';
import { endedLimits } from '../standards';
import { orderAssignees, ordersConcerningStaff, returnVisitScores, WORK_ORDER_TIMER_SUBJECT } from '../work-orders';
import { presentIncentives } from './presenter';
import { weightsFor, weightsOf } from './repository';
import { staffIncentives } from './tables';

/** Everything behind one staff member's month (the drill-down). */
export interface MonthEvidence {
  inspections: { id: string; number: string; place: string; score: number; at: string }[];
  limits: { orderId: string; number: string; limitName: { 'zh-CN': string; 'en-US': string }; met: boolean; dueAt: string | null; endedAt: string }[];
  ratings: { orderId: string; number: string; score: number; at: string }[];
  complaints: { orderId: string; number: string; category: string; at: string }[];
  incentives: IncentiveSummary[];
}

function push<K, V>(map: Map<K, V[]>, key: K | null, value: V): void {
  if (key === null) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The monthly appraisal of the staff serving the given communities (or of one of them), read
 * from the data of those communities in the month (local to `timeZone`): inspections in which
 * they were inspected, the time limits of work orders assigned to them that ended in the month,
 * owners' return-visit scores of those orders, complaints naming them, and approved rewards and
 * penalties decided in the month. The arithmetic is `appraise` (src/common/appraisal/score.ts)
 * with the weights of each one's position. Computed on request, so it always matches the evidence.
 */
export async function appraiseMonth(
  db: DbOrTx,
  q: { organizationId: string; communityIds: readonly string[]; month: string; timeZone: string; staffId?: string },
): Promise<{ rows: AppraisalRow[]; evidence: Map<string, MonthEvidence> }> {
  const bounds = monthBounds(q.month);
  const scope = { organizationId: q.organizationId, communityIds: q.communityIds, from: localInstant(q.timeZone, bounds.from, 0), to: localInstant(q.timeZone, bounds.to, 0) };
  const people = (await staffServingAny(db, q.organizationId, q.communityIds)).filter((s) => !q.staffId || s.id === q.staffId);
  const [inspections, limits, ratings, complaints, weights, incentiveRows] = await Promise.all([
    scoredInspections(db, scope),
    endedLimits(db, { ...scope, subjectType: WORK_ORDER_TIMER_SUBJECT }),
    returnVisitScores(db, scope),
    ordersConcerningStaff(db, scope),
    weightsOf(db, q.organizationId),
    q.communityIds.length
      ? db
          .select()
          .from(staffIncentives)
          .where(and(eq(staffIncentives.organizationId, q.organizationId), inArray(staffIncentives.communityId, [...q.communityIds]), eq(staffIncentives.stateType, 'closed'), gte(staffIncentives.decidedAt, scope.from), lt(staffIncentives.decidedAt, scope.to)))
      : Promise.resolve([]),
  ]);
  const orders = await orderAssignees(db, limits.map((l) => l.subjectId));
  const evidence = new Map<string, MonthEvidence>(people.map((p) => [p.id, { inspections: [], limits: [], ratings: [], complaints: [], incentives: [] }]));
  const add = <K extends keyof MonthEvidence>(staffId: string | null, key: K, value: MonthEvidence[K][number]) => {
    if (staffId && evidence.has(staffId)) (evidence.get(staffId)![key] as MonthEvidence[K][number][]).push(value);
  };
  for (const i of inspections) add(i.staffId, 'inspections', { id: i.id, number: i.number, place: i.place, score: i.score, at: i.at.toISOString() });
  for (const l of limits) {
    const order = orders.get(l.subjectId);
    if (order) add(order.assigneeStaffId, 'limits', { orderId: l.subjectId, number: order.number, limitName: l.limitName, met: l.met, dueAt: l.dueAt?.toISOString() ?? null, endedAt: l.endedAt.toISOString() });
  }
  for (const r of ratings) add(r.assigneeStaffId, 'ratings', { orderId: r.orderId, number: r.number, score: r.score, at: r.at.toISOString() });
  for (const c of complaints) add(c.staffId, 'complaints', { orderId: c.orderId, number: c.number, category: c.category, at: c.at.toISOString() });
  const incentivesByStaff = new Map<string, typeof incentiveRows>();
  for (const r of incentiveRows) push(incentivesByStaff, r.staffId, r);
  for (const [staffId, list] of incentivesByStaff) if (evidence.has(staffId)) evidence.get(staffId)!.incentives = await presentIncentives(db, list);

  const rows = people.map((p): AppraisalRow => {
    const e = evidence.get(p.id)!;
    const w = weightsFor(weights, p.position);
    const sign = (r: { kind: string }) => (r.kind === 'penalty' ? -1 : 1);
    const own = incentivesByStaff.get(p.id) ?? [];
    const incentivePoints = own.reduce((s, r) => s + sign(r) * (r.points ?? 0), 0);
    const incentiveAmountFen = own.reduce((s, r) => s + sign(r) * (r.amountFen ?? 0), 0);
    const figures = {
      inspectionScores: e.inspections.map((i) => i.score),
      limitsMet: e.limits.filter((l) => l.met).length,
      limitsLate: e.limits.filter((l) => !l.met).length,
      ratings: e.ratings.map((r) => r.score),
      complaints: e.complaints.length,
      incentivePoints,
    };
    const result = appraise(figures, w);
    return {
      staffId: p.id,
      name: p.name,
      position: p.position,
      parts: result.parts,
      weights: { position: p.position, ...w },
      counts: { inspections: e.inspections.length, limitsMet: figures.limitsMet, limitsLate: figures.limitsLate, ratings: e.ratings.length, complaints: e.complaints.length },
      incentivePoints,
      incentiveAmountFen,
      total: result.total,
      final: result.final,
    };
  });
  return { rows, evidence };
}
