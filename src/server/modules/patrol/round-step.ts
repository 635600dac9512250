import { and, count, eq } from 'drizzle-orm';
import type { RequestContext } from '../../auth/context';
import type { DbOrTx } from '../../db/client';
import { TERMINAL_STATE_TYPES, type RecordRequirement, type ServiceLevel, type StepTrigger } from '../../standards/definition';
import { applyTransition } from '../../standards/engine';
import { timelineOfKind, actingRoles, runStep, type StepChange, type SubjectKind } from '../../work/take-step';
import { notifyRoles } from '../notifications';
import { communityById } from '../registry';
import { effectiveCalendar, snapshots, timersOf } from '../standards';
import { pinnedStandard } from '../standards';
import { patrolPolicy, roundRoles } from './policy';
import { findRound, ROUND_SUBJECT, type RoundRow } from './repository';
import { formatInstant } from './schedule';
import { patrolRounds, patrolVisits } from './tables';

/**
 * A round as a step sees it: the row, its checkpoints still pending, its label (route and local
 * start) and, once a step ended it, the checkpoints that step left missed.
 */
export type RoundStepRow = RoundRow & { pendingCount: number; label: string; timeZone: string; missedNow?: { id: string; name: string }[] };

/** The label of a round in messages: route and local start time. */
export function roundLabel(round: { routeName: string; startsAt: Date }, timeZone: string): string {
  return `${round.routeName} ${formatInstant(round.startsAt, timeZone)}`;
}

/** The round with what a step needs besides the row (pending checkpoints, label, time zone). */
export async function roundForStep(tx: DbOrTx, round: RoundRow): Promise<RoundStepRow> {
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(patrolVisits).where(and(eq(patrolVisits.roundId, round.id), eq(patrolVisits.status, 'pending')));
  const community = await communityById(tx, round.communityId);
  const timeZone = community!.timeZone;
  return { ...round, pendingCount: Number(n), label: roundLabel(round, timeZone), timeZone };
}

const first = (change: StepChange, type: RecordRequirement['type']): unknown => {
  const r = change.records.find((x) => x.type === type);
  return r ? change.values[r.name] : undefined;
};

/**
 * Patrol rounds as a subject of `runStep`. Facts the standard's steps look at: `missed_count`, the
 * checkpoints the round misses if it ends now (missed and still pending), `pending_count` and
 * `due_at`. What a step changes follows from the state types it leads to, never from its name: a
 * step into an `in_progress` state taken by a guard of a round nobody walks makes them its guard; a
 * step into a closed state ends the round, leaves what is pending missed (named in the step's
 * timeline entry, reported to the project manager) and keeps the step's first text as its note.
 */
export const roundSubject: SubjectKind<RoundStepRow> = {
  timerType: ROUND_SUBJECT,
  entityType: ROUND_SUBJECT,
  notFound: 'entity.patrolRound',
  async lock(tx, actor, id) {
    const round = await findRound(tx, actor, id, true);
    if (!round || !patrolPolicy.can(actor, 'read', round)) return null;
    return roundForStep(tx, round);
  },
  view: (r) => ({
    id: r.id,
    organizationId: r.organizationId,
    communityId: r.communityId,
    label: r.label,
    state: r.state,
    version: r.version,
    facts: { missed_count: r.missedCount + r.pendingCount, pending_count: r.pendingCount, due_at: r.dueAt.toISOString() },
    counters: {},
  }),
  standard: async (tx, r) => (await pinnedStandard(tx, r.standardVersionId)).definition,
  roles: (actor, r) => roundRoles(actor, r),
  level: async (tx, r) => String((await communityById(tx, r.communityId))?.serviceLevel ?? 1) as ServiceLevel,
  calendar: (tx, r) => effectiveCalendar(tx, r.communityId),
  timers: async (tx, r) => snapshots(await timersOf(tx, ROUND_SUBJECT, r.id)),
  contract: (r) => ({ id: r.id, organizationId: r.organizationId, communityId: r.communityId, categorySkill: null, knownPriceItems: async () => new Set<string>() }),
  capabilities: () => ({}),
  channelOf: () => 'console',
  async write(tx, r, change, standard) {
    const target = standard.states.find((s) => s.key === change.to)!;
    const patch: Partial<typeof patrolRounds.$inferInsert> = { state: target.key, stateType: target.type, version: change.version };
    const eventData: Record<string, unknown> = {};
    let missedNow: { id: string; name: string }[] | undefined;
    if (target.type === 'in_progress' && !r.guardUserId && !change.automatic && change.by.userId) {
      Object.assign(patch, { guardUserId: change.by.userId, guardName: change.by.name, startedAt: change.now });
    }
    if (TERMINAL_STATE_TYPES.includes(target.type)) {
      patch.finishedAt = change.now;
      const note = first(change, 'text');
      if (typeof note === 'string') patch.finishNote = note;
      missedNow = await tx
        .update(patrolVisits)
        .set({ status: 'missed' })
        .where(and(eq(patrolVisits.roundId, r.id), eq(patrolVisits.status, 'pending')))
        .returning({ id: patrolVisits.id, name: patrolVisits.name });
      missedNow.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
      patch.missedCount = r.missedCount + missedNow.length;
      eventData.missedCount = patch.missedCount;
      if (missedNow.length) eventData.missed = { checkpoints: missedNow.map((v) => v.name), visitIds: missedNow.map((v) => v.id) };
    }
    const [updated] = await tx.update(patrolRounds).set(patch).where(eq(patrolRounds.id, r.id)).returning();
    return { row: { ...updated!, pendingCount: missedNow ? 0 : r.pendingCount, label: r.label, timeZone: r.timeZone, missedNow }, eventData };
  },
  ...timelineOfKind(ROUND_SUBJECT),
  async notify(tx, ctx, before, after, _standard, change) {
    const missed = after.missedNow ?? [];
    if (!missed.length) return;
    const base = { organizationId: after.organizationId, communityId: after.communityId, entityType: ROUND_SUBJECT, entityId: after.id };
    const time = formatInstant(after.startsAt, after.timeZone);
    // A round nobody walked is reported once, by its clock's breach, not once per checkpoint.
    if (before.stateType !== 'open') {
      for (const v of missed) {
        await notifyRoles(tx, ['project_manager'], { ...base, kind: 'breached', messageKey: 'notify.checkpointMissed', params: { route: after.routeName, time, checkpoint: v.name }, dedupeKey: `patrol-visit:${v.id}:missed` });
      }
    }
    if (!change.automatic) {
      const reason = first(change, 'text');
      await notifyRoles(tx, ['project_manager'], {
        ...base,
        kind: 'escalated',
        messageKey: 'notify.roundEndedEarly',
        params: { guard: ctx.actor.displayName, route: after.routeName, time, count: missed.length, reason: typeof reason === 'string' ? reason : '' },
      });
    }
  },
  auditView: (r) => ({ state: r.state, guardName: r.guardName, missedCount: r.missedCount, finishNote: r.finishNote }),
};

/**
 * Takes the step the round's pinned standard names for a module event (`takenOn`), as the caller:
 * only when it leaves the round's state, the caller's roles may take it and it asks them for no
 * record. Returns the round after the step, or null when no step was taken (the caller then takes
 * it in its form, from `actions`).
 */
export async function takeTriggered(tx: DbOrTx, ctx: RequestContext, round: RoundStepRow, trigger: StepTrigger, now: Date): Promise<RoundStepRow | null> {
  const standard = await roundSubject.standard(tx, round);
  const view = roundSubject.view(round);
  const roles = roundSubject.roles(ctx.actor, round);
  const step = standard.transitions.find((t) => t.takenOn === trigger && t.from.includes(view.state) && actingRoles(t, roles).length > 0);
  if (!step || !applyTransition({ standard, state: view.state, roles, facts: view.facts }, step.key, {}).ok) return null;
  return runStep(tx, ctx, { kind: roundSubject, row: round }, step.key, {}, { now });
}
