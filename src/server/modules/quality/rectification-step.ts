import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { ServiceLevel } from '../../standards/definition';
import { timelineOfKind, type SubjectKind } from '../../work/take-step';
import { communityById } from '../registry';
import { effectiveCalendar, snapshots, timersOf } from '../standards';
import { pinnedStandard } from '../standards';
import { qualityPolicy, rectificationRoles } from './policy';
import { findRectification, RECTIFICATION_SUBJECT, type RectificationRow } from './repository';
import { rectifications } from './tables';

/**
 * Rectifications as a subject of `runStep`. What a step writes follows from the state type it
 * leads to: into a `waiting` state (awaiting re-inspection) it records who put it right and when;
 * into a closed state it is closed (the command then credits the item on its inspection); back
 * into an `open` state it is to be put right again. The re-inspector ≠ rectifier rule is the
 * standard's `not_same_person` hook.
 */
export const rectificationSubject: SubjectKind<RectificationRow> = {
  timerType: RECTIFICATION_SUBJECT,
  entityType: RECTIFICATION_SUBJECT,
  notFound: 'entity.rectification',
  async lock(tx, actor, id) {
    const row = await findRectification(tx, actor, id, true);
    return row && qualityPolicy.can(actor, 'read', row) ? row : null;
  },
  view: (r) => ({ id: r.id, organizationId: r.organizationId, communityId: r.communityId, label: r.number, state: r.state, version: r.version, facts: { ...r.facts, due_at: r.dueAt.toISOString() }, counters: {} }),
  standard: async (tx, r) => (await pinnedStandard(tx, r.standardVersionId)).definition,
  roles: (actor, r) => rectificationRoles(actor, r),
  level: async (tx: DbOrTx, r) => String((await communityById(tx, r.communityId))?.serviceLevel ?? 1) as ServiceLevel,
  calendar: (tx, r) => effectiveCalendar(tx, r.communityId),
  timers: async (tx, r) => snapshots(await timersOf(tx, RECTIFICATION_SUBJECT, r.id)),
  contract: (r) => ({ id: r.id, organizationId: r.organizationId, communityId: r.communityId, categorySkill: null, knownPriceItems: async () => new Set<string>() }),
  capabilities: () => ({}),
  channelOf: () => 'console',
  async write(tx, r, change, standard) {
    const target = standard.states.find((s) => s.key === change.to)!;
    const patch: Partial<typeof rectifications.$inferInsert> = { state: target.key, stateType: target.type, stateEnteredAt: change.now, version: change.version };
    if (target.type === 'waiting') Object.assign(patch, { rectifiedByUserId: change.by.userId, rectifiedAt: change.now });
    if (target.type === 'closed') patch.closedAt = change.now;
    const [updated] = await tx.update(rectifications).set(patch).where(eq(rectifications.id, r.id)).returning();
    return { row: updated!, eventData: {} };
  },
  ...timelineOfKind(RECTIFICATION_SUBJECT),
  // The responsible person finds it in their list; an overdue one is escalated by its limit.
  notify: async () => undefined,
  auditView: (r) => ({ state: r.state, rectifiedByUserId: r.rectifiedByUserId, closedAt: r.closedAt }),
};
