import { eq, inArray } from 'drizzle-orm';
import { systemContext } from '../auth/context';
import type { DbOrTx } from '../db/client';
import { TERMINAL_STATE_TYPES, type ServiceStandard } from '../standards/definition';
import { breachTransition } from '../standards/engine';
import { findKind, type SubjectType, type WorkKind } from './subjects';
import { runStep } from './take-step';
import { recordSystemEvents } from './timeline';

/** A raised timer as the sweeper hands it over: whose limit it is and which event fell due. */
export interface RaisedTimer {
  subjectType: string;
  subjectId: string;
  organizationId: string;
  communityId: string;
  limitKey: string;
  limitName: unknown;
  dueAt: Date | null;
}

/** One raised event of a timer, as the sweeper hands a batch of them over. */
export interface RaisedEvent {
  timer: RaisedTimer;
  event: { key: string; notify: readonly string[] };
}

/**
 * Locks, before the sweeper raises anything, the items whose breached limit names a step, with
 * SKIP LOCKED, and says which of them another transaction holds right now (a person taking a
 * step on it). A step locks its item and then touches the item's timers, while the sweeper holds
 * the timers it claimed: waiting for the item here would be the opposite order, and PostgreSQL
 * would abort one of the two (perhaps the person's step) as a deadlock. The sweeper leaves a busy
 * item's timers for its next round instead, after the person's step, which may have stopped them.
 * `steps` (`subjectId:limitKey` of the items locked) goes on to `timersRaised`.
 */
export async function claimBreachItems(tx: DbOrTx, breached: readonly RaisedTimer[]): Promise<{ busy: Set<string>; steps: Set<string> }> {
  const named = await limitsNamingSteps(tx, breached.filter((t) => findKind(t.subjectType)?.step));
  const busy = new Set<string>();
  const byKind = new Map<string, Set<string>>();
  for (const t of breached) {
    if (!named.has(`${t.subjectId}:${t.limitKey}`)) continue;
    byKind.set(t.subjectType, (byKind.get(t.subjectType) ?? new Set()).add(t.subjectId));
  }
  for (const [type, ids] of byKind) {
    const table = findKind(type)!.table!;
    const wanted = [...ids].sort();
    const locked = (await tx.select({ id: table.id }).from(table).where(inArray(table.id, wanted)).orderBy(table.id).for('update', { skipLocked: true })) as { id: string }[];
    const got = new Set(locked.map((r) => r.id));
    for (const id of wanted) if (!got.has(id)) busy.add(id);
  }
  return { busy, steps: new Set([...named].filter((key) => !busy.has(key.slice(0, key.indexOf(':'))))) };
}

/**
 * What the kernel does when warnings, breaches and escalations of time limits are raised, inside
 * the sweeper's transaction, for a whole batch and any registered kinds: the events go on the
 * timelines of the kinds that keep them there (one insert for the batch, in the order given), and
 * each breach whose limit names a step (`onBreach`) in the item's pinned standard takes it through
 * `takeBreachStep`, subject by subject in the order given: `steps` are the limits that take one,
 * their items already locked by `claimBreachItems`. The sweeper has already told the limits'
 * roles. Unknown kinds are left alone.
 */
export async function timersRaised(tx: DbOrTx, raised: readonly RaisedEvent[], now: Date, steps: ReadonlySet<string>): Promise<void> {
  const onTimeline = raised.filter(({ timer }) => findKind(timer.subjectType)?.timerEventsOnTimeline);
  await recordSystemEvents(
    tx,
    onTimeline.map(({ timer, event }) => ({
      subject: { type: timer.subjectType as SubjectType, id: timer.subjectId, organizationId: timer.organizationId, communityId: timer.communityId },
      event: {
        kind: 'timer' as const,
        action: event.key,
        channel: 'system',
        visibility: 'internal' as const,
        automatic: true,
        data: { limitKey: timer.limitKey, limitName: timer.limitName, event: event.key, notified: event.notify, dueAt: timer.dueAt?.toISOString() ?? null },
        at: now,
      },
    })),
  );
  for (const { timer, event } of raised) {
    if (event.key !== 'breach' || !steps.has(`${timer.subjectId}:${timer.limitKey}`)) continue;
    await takeBreachStep(tx, findKind(timer.subjectType)!, timer.subjectId, timer.limitKey, now);
  }
}

/**
 * Which of these breached limits may take a step: `subjectId:limitKey` of those whose item's pinned
 * standard names an `onBreach` step for the limit. Standards are read without a lock, one statement
 * per kind (`pinnedStandards`, else the rows; a version never changes, so its standard cannot
 * change under us); the step itself is
 * decided again under the lock by `takeBreachStep`. A kind that builds its step row from more than
 * its table (`stepRow`) or runs a hook before every breach (`beforeBreach`) is always handed over.
 */
async function limitsNamingSteps(tx: DbOrTx, timers: readonly RaisedTimer[]): Promise<Set<string>> {
  const result = new Set<string>();
  const byKind = new Map<string, RaisedTimer[]>();
  for (const t of timers) {
    const group = byKind.get(t.subjectType);
    if (group) group.push(t);
    else byKind.set(t.subjectType, [t]);
  }
  for (const [type, group] of byKind) {
    const kind = findKind(type)!;
    if (kind.stepRow || kind.beforeBreach || !kind.table) {
      for (const t of group) result.add(`${t.subjectId}:${t.limitKey}`);
      continue;
    }
    const ids = [...new Set(group.map((t) => t.subjectId))];
    const standards = kind.pinnedStandards ? await kind.pinnedStandards(tx, ids) : await standardsOfRows(tx, kind, ids);
    for (const t of group) {
      const standard = standards.get(t.subjectId);
      if (standard?.timeLimits.some((l) => l.key === t.limitKey && l.onBreach)) result.add(`${t.subjectId}:${t.limitKey}`);
    }
  }
  return result;
}

/** The standards of items read whole (one statement), for kinds that do not name `pinnedStandards`. */
async function standardsOfRows(tx: DbOrTx, kind: WorkKind<unknown, unknown>, ids: readonly string[]): Promise<Map<string, ServiceStandard>> {
  const step = kind.step!;
  const rows = (await tx.select().from(kind.table!).where(inArray(kind.table!.id, [...ids]))) as unknown[];
  const result = new Map<string, ServiceStandard>();
  for (const row of rows) result.set(step.view(row).id, await step.standard(tx, row));
  return result;
}

/**
 * The one breach path: locks the item (`for update`, the system's lock, not scoped to an actor),
 * leaves it alone once finished, runs the kind's `beforeBreach` hook, asks the engine's
 * `breachTransition` which step the limit names from the item's state under its pinned standard,
 * and takes it through `runStep` as the system (automatic, no body). Returns the item after the
 * step, or null when no step was taken.
 */
export async function takeBreachStep<Row, Stored>(tx: DbOrTx, kind: WorkKind<Row, Stored>, id: string, limitKey: string | undefined, now: Date): Promise<Row | null> {
  const step = kind.step;
  if (!step || !kind.table) return null;
  const [stored] = (await tx.select().from(kind.table).where(eq(kind.table.id, id)).for('update')) as Stored[];
  if (!stored) return null;
  let row = kind.stepRow ? await kind.stepRow(tx, stored) : (stored as unknown as Row);
  const standard = await step.standard(tx, row);
  const state = step.view(row).state;
  const type = standard.states.find((s) => s.key === state)?.type;
  if (type && TERMINAL_STATE_TYPES.includes(type)) return null;
  if (kind.beforeBreach) row = await kind.beforeBreach(tx, row, now);
  const action = breachTransition(standard, step.view(row).state, limitKey);
  if (!action) return null;
  return runStep(tx, systemContext(step.view(row).organizationId), { kind: step, row }, action, {}, { now, automatic: true });
}
