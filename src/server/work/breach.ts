import { eq } from 'drizzle-orm';
import { systemContext } from '../auth/context';
import type { DbOrTx } from '../db/client';
import { TERMINAL_STATE_TYPES } from '../standards/definition';
import { breachTransition } from '../standards/engine';
import { findKind, type SubjectType, type WorkKind } from './subjects';
import { runStep } from './take-step';
import { recordWorkEvent } from './timeline';

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

/**
 * What the kernel does when a warning, breach or escalation of a subject's time limit is raised,
 * inside the sweeper's transaction, for any registered kind: the event goes on the timeline when
 * the kind keeps them there, and a breach takes the step the limit names (`onBreach`) through
 * `takeBreachStep`. The sweeper has already told the limit's roles. Unknown kinds are left alone.
 */
export async function timerRaised(tx: DbOrTx, timer: RaisedTimer, event: { key: string; notify: readonly string[] }, now: Date): Promise<void> {
  const kind = findKind(timer.subjectType);
  if (!kind) return;
  if (kind.timerEventsOnTimeline) {
    const subject = { type: timer.subjectType as SubjectType, id: timer.subjectId, organizationId: timer.organizationId, communityId: timer.communityId };
    await recordWorkEvent(tx, null, subject, {
      kind: 'timer',
      action: event.key,
      channel: 'system',
      visibility: 'internal',
      automatic: true,
      data: { limitKey: timer.limitKey, limitName: timer.limitName, event: event.key, notified: event.notify, dueAt: timer.dueAt?.toISOString() ?? null },
      at: now,
    });
  }
  if (event.key === 'breach') await takeBreachStep(tx, kind, timer.subjectId, timer.limitKey, now);
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
