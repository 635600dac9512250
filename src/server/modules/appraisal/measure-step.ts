import { eq } from 'drizzle-orm';
import type { ServiceLevel } from '../../standards/definition';
import { timelineOfKind, type SubjectKind } from '../../work/take-step';
import { communityById } from '../registry';
import { effectiveCalendar, snapshots, timersOf } from '../standards';
import { pinnedStandard } from '../standards';
import { measureRoles, readsMeasure } from './policy';
import { findMeasure, MEASURE_SUBJECT, type MeasureRow } from './repository';
import { improvementMeasures } from './tables';

/**
 * Improvement measures as a subject of `runStep`: plan, do, check and act are the steps of the
 * `improvement` standard; a step into a closed state closes the measure. Counters (how often a
 * check sent it back to "do") are kept on the row.
 */
export const measureSubject: SubjectKind<MeasureRow> = {
  timerType: MEASURE_SUBJECT,
  entityType: MEASURE_SUBJECT,
  notFound: 'entity.improvementMeasure',
  async lock(tx, actor, id) {
    const row = await findMeasure(tx, actor, id, true);
    return row && readsMeasure(actor, row) ? row : null;
  },
  view: (r) => ({ id: r.id, organizationId: r.organizationId, communityId: r.communityId, label: r.number, state: r.state, version: r.version, facts: { ...r.facts, due_at: r.dueAt.toISOString() }, counters: r.counters }),
  standard: async (tx, r) => (await pinnedStandard(tx, r.standardVersionId)).definition,
  roles: (actor, r) => measureRoles(actor, r),
  level: async (tx, r) => String((await communityById(tx, r.communityId))?.serviceLevel ?? 1) as ServiceLevel,
  calendar: (tx, r) => effectiveCalendar(tx, r.communityId),
  timers: async (tx, r) => snapshots(await timersOf(tx, MEASURE_SUBJECT, r.id)),
  contract: (r) => ({ id: r.id, organizationId: r.organizationId, communityId: r.communityId, categorySkill: null, knownPriceItems: async () => new Set<string>() }),
  capabilities: () => ({}),
  channelOf: () => 'console',
  async write(tx, r, change, standard) {
    const target = standard.states.find((s) => s.key === change.to)!;
    const patch: Partial<typeof improvementMeasures.$inferInsert> = { state: target.key, stateType: target.type, stateEnteredAt: change.now, version: change.version, counters: change.counters };
    if (target.type === 'closed') patch.closedAt = change.now;
    const [updated] = await tx.update(improvementMeasures).set(patch).where(eq(improvementMeasures.id, r.id)).returning();
    return { row: updated!, eventData: {} };
  },
  ...timelineOfKind(MEASURE_SUBJECT),
  // The owner is told when it is raised; overdue measures are escalated by their limit.
  notify: async () => undefined,
  auditView: (r) => ({ state: r.state, ownerStaffId: r.ownerStaffId, dueOn: r.dueOn, closedAt: r.closedAt }),
};
