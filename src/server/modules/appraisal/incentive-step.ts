import { eq } from 'drizzle-orm';
import type { ServiceLevel } from '../../standards/definition';
import { timelineOfKind, type SubjectKind } from '../../work/take-step';
import { communityById } from '../registry';
import { effectiveCalendar, snapshots, timersOf } from '../standards';
import { pinnedStandard } from '../standards';
import { incentiveRoles, readsIncentive } from './policy';
import { findIncentive, INCENTIVE_SUBJECT, type IncentiveRow } from './repository';
import { staffIncentives } from './tables';

/**
 * Rewards and penalties as a subject of `runStep`. A step into an end state (approved: `closed`,
 * rejected: `cancelled`) records who decided and when; the proposer-is-not-the-approver rule is the
 * standard's `not_same_person { step: created }` hook, not code.
 */
export const incentiveSubject: SubjectKind<IncentiveRow> = {
  timerType: INCENTIVE_SUBJECT,
  entityType: INCENTIVE_SUBJECT,
  notFound: 'entity.staffIncentive',
  async lock(tx, actor, id) {
    const row = await findIncentive(tx, actor, id, true);
    return row && readsIncentive(actor, row) ? row : null;
  },
  view: (r) => ({ id: r.id, organizationId: r.organizationId, communityId: r.communityId, label: r.number, state: r.state, version: r.version, facts: r.facts, counters: {} }),
  standard: async (tx, r) => (await pinnedStandard(tx, r.standardVersionId)).definition,
  roles: (actor, r) => incentiveRoles(actor, r),
  level: async (tx, r) => String((await communityById(tx, r.communityId))?.serviceLevel ?? 1) as ServiceLevel,
  calendar: (tx, r) => effectiveCalendar(tx, r.communityId),
  timers: async (tx, r) => snapshots(await timersOf(tx, INCENTIVE_SUBJECT, r.id)),
  contract: (r) => ({ id: r.id, organizationId: r.organizationId, communityId: r.communityId, categorySkill: null, knownPriceItems: async () => new Set<string>() }),
  capabilities: () => ({}),
  channelOf: () => 'console',
  async write(tx, r, change, standard) {
    const target = standard.states.find((s) => s.key === change.to)!;
    const patch: Partial<typeof staffIncentives.$inferInsert> = { state: target.key, stateType: target.type, stateEnteredAt: change.now, version: change.version };
    if (target.type === 'closed' || target.type === 'cancelled') Object.assign(patch, { decidedByUserId: change.by.userId, decidedAt: change.now });
    const [updated] = await tx.update(staffIncentives).set(patch).where(eq(staffIncentives.id, r.id)).returning();
    return { row: updated!, eventData: {} };
  },
  ...timelineOfKind(INCENTIVE_SUBJECT),
  // The proposer reads the decision on the item; the appraisal counts approved ones.
  notify: async () => undefined,
  auditView: (r) => ({ state: r.state, kind: r.kind, points: r.points, amountFen: r.amountFen, decidedByUserId: r.decidedByUserId }),
};
