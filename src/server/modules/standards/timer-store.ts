import { and, eq, inArray, max, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { CalendarConfig } from '../../standards/calendar';
import type { ServiceStandard, TimeLimitDefinition } from '../../standards/definition';
import type { TimerAction, TimerSnapshot } from '../../standards/engine';
import {
  cancelTimer,
  instantAtShare,
  pauseTimer,
  resumeTimer,
  retargetTimer,
  startTimer,
  stopTimer,
  type SlaTimer,
} from '../../standards/sla-clock';
import { slaTimers, type TimerEvent } from './tables';

export type TimerRow = typeof slaTimers.$inferSelect;

/** The work item whose promises the timers keep. */
export interface TimerSubject {
  type: string;
  id: string;
  organizationId: string;
  communityId: string;
  /** Shown in notifications, e.g. the work-order number. */
  label: string;
}

const ACTIVE = ['running', 'paused'] as const;

function toClock(row: TimerRow): SlaTimer {
  return {
    limitKey: row.limitKey,
    durationMs: row.durationMs,
    calendarMode: row.calendarMode,
    warnAtShare: row.warnAtShare,
    status: row.status,
    startedAt: row.startedAt,
    pausedAt: row.pausedAt,
    pausedWorkingMs: row.pausedWorkingMs,
    dueAt: row.dueAt,
    warnAt: row.warnAt,
    breachedAt: row.breachedAt,
    stoppedAt: row.stoppedAt,
    usedWorkingMs: row.usedWorkingMs,
  };
}

/** The instant an event of a running timer falls due (warn and breach use the stored instants). */
export function eventInstant(timer: SlaTimer, event: TimerEvent, calendar: CalendarConfig): Date | null {
  if (timer.status !== 'running') return null;
  if (event.key === 'warn') return timer.warnAt;
  if (event.key === 'breach') return timer.dueAt && new Date(timer.dueAt.getTime() + 1);
  return instantAtShare(timer, event.atShare, calendar);
}

/** The earliest instant at which an event of the timer is still to be raised; null if none. */
export function nextCheckAt(timer: SlaTimer, events: TimerEvent[], raised: string[], calendar: CalendarConfig): Date | null {
  let next: Date | null = null;
  for (const event of events) {
    if (raised.includes(event.key)) continue;
    const at = eventInstant(timer, event, calendar);
    if (at && (!next || at < next)) next = at;
  }
  return next;
}

/** The events a limit raises: its warning, its breach and the standard's further escalations. */
export function eventsOf(limit: TimeLimitDefinition, standard: ServiceStandard): TimerEvent[] {
  return [
    { key: 'warn', atShare: limit.warnAtShare, notify: limit.escalateOnWarn },
    { key: 'breach', atShare: 1, notify: limit.escalateOnBreach },
    ...standard.escalations
      .filter((e) => e.limit === limit.key)
      .map((e) => ({ key: `escalation:${e.key}`, atShare: e.atShare, notify: e.notify })),
  ];
}

/** Writes a clock state back to its row, with the next instant the sweeper must look at it. */
function rowValues(clock: SlaTimer, events: TimerEvent[], raised: string[], calendar: CalendarConfig) {
  return {
    status: clock.status,
    durationMs: clock.durationMs,
    startedAt: clock.startedAt,
    pausedAt: clock.pausedAt,
    pausedWorkingMs: clock.pausedWorkingMs,
    dueAt: clock.dueAt,
    warnAt: clock.warnAt,
    breachedAt: clock.breachedAt,
    stoppedAt: clock.stoppedAt,
    usedWorkingMs: clock.usedWorkingMs,
    nextCheckAt: nextCheckAt(clock, events, raised, calendar),
    updatedAt: new Date(),
  };
}

/** One clock step for a non-start action. */
function advance(clock: SlaTimer, action: Exclude<TimerAction, { action: 'start' }>, now: Date, calendar: CalendarConfig): SlaTimer {
  switch (action.action) {
    case 'stop':
      return stopTimer(clock, now, calendar);
    case 'pause':
      return pauseTimer(clock, now);
    case 'resume':
      return resumeTimer(clock, now, calendar);
    case 'cancel':
      return cancelTimer(clock, now);
    case 'retarget':
      return retargetTimer(clock, action.dueAt, now, calendar);
  }
}

/** All timers of a work item, oldest first. */
export async function timersOf(db: DbOrTx, subjectType: string, subjectId: string): Promise<TimerRow[]> {
  return db
    .select()
    .from(slaTimers)
    .where(and(eq(slaTimers.subjectType, subjectType), eq(slaTimers.subjectId, subjectId)))
    .orderBy(slaTimers.startedAt, slaTimers.limitKey);
}

/** The running timers of many work items of one kind (a list page's), for their due times. */
export async function runningTimersOf(db: DbOrTx, subjectType: string, subjectIds: readonly string[]): Promise<TimerRow[]> {
  if (!subjectIds.length) return [];
  return db
    .select()
    .from(slaTimers)
    .where(and(eq(slaTimers.subjectType, subjectType), inArray(slaTimers.subjectId, [...subjectIds]), eq(slaTimers.status, 'running')));
}

/** What the engine needs to know of the timers: the latest round of each limit. */
export function snapshots(rows: TimerRow[]): TimerSnapshot[] {
  const latest = new Map<string, TimerRow>();
  for (const r of rows) if ((latest.get(r.limitKey)?.round ?? 0) < r.round) latest.set(r.limitKey, r);
  return [...latest.values()].map((r) => ({ limitKey: r.limitKey, status: r.status }));
}

/**
 * Keeps a copy of a work item's earliest running due instant on its own row (so its list sorts
 * by due time on an index): called inside the transaction of `applyTimerActions`, after the
 * actions, with the subject's id. One per subject type; registering again replaces it.
 */
export type EarliestDueListener = (tx: DbOrTx, subjectId: string, earliestDue: SQL) => Promise<void>;
const earliestDueListeners = new Map<string, EarliestDueListener>();

/** Registers the listener of a subject type (see `EarliestDueListener`). */
export function onEarliestDueChange(subjectType: string, listener: EarliestDueListener): void {
  earliestDueListeners.set(subjectType, listener);
}

/** SQL expression: the earliest due instant of the subject's running timers (null if none runs). */
function earliestDueSql(subjectType: string, subjectId: string): SQL {
  return sql`(select min(${slaTimers.dueAt}) from ${slaTimers} where ${slaTimers.subjectType} = ${subjectType} and ${slaTimers.subjectId} = ${subjectId} and ${slaTimers.status} = 'running')`;
}

/**
 * Carries out the engine's timer actions for a work item, in order, inside the caller's
 * transaction: new rounds for started limits, pure clock arithmetic for the rest. Then tells the
 * subject type's `onEarliestDueChange` listener, if any, in the same transaction.
 * `newSubject`: the item was created in this transaction, so it has no timers yet; when every
 * action starts a limit (an opening), they are inserted as first rounds by one statement instead of
 * reading the item's timers per action.
 */
export async function applyTimerActions(
  tx: DbOrTx,
  subject: TimerSubject,
  standard: ServiceStandard,
  actions: TimerAction[],
  calendar: CalendarConfig,
  now: Date,
  options: { newSubject?: boolean } = {},
): Promise<void> {
  if (options.newSubject && actions.every((a) => a.action === 'start')) {
    const started = new Map<string, typeof slaTimers.$inferInsert>();
    for (const action of actions) {
      if (action.action !== 'start' || started.has(action.limitKey)) continue;
      started.set(action.limitKey, firstRound(subject, standard, action.limit, calendar, now));
    }
    if (!started.size) return;
    await tx.insert(slaTimers).values([...started.values()]);
    const listener = earliestDueListeners.get(subject.type);
    if (listener) await listener(tx, subject.id, earliestDueSql(subject.type, subject.id));
    return;
  }
  let changed = false;
  for (const action of actions) {
    const [active] = await tx
      .select()
      .from(slaTimers)
      .where(
        and(
          eq(slaTimers.subjectType, subject.type),
          eq(slaTimers.subjectId, subject.id),
          eq(slaTimers.limitKey, action.limitKey),
          inArray(slaTimers.status, [...ACTIVE]),
        ),
      );
    if (action.action === 'start') {
      if (active) continue;
      const [{ round } = { round: 0 }] = await tx
        .select({ round: max(slaTimers.round) })
        .from(slaTimers)
        .where(
          and(eq(slaTimers.subjectType, subject.type), eq(slaTimers.subjectId, subject.id), eq(slaTimers.limitKey, action.limitKey)),
        );
      await tx.insert(slaTimers).values({ ...firstRound(subject, standard, action.limit, calendar, now), round: (round ?? 0) + 1 });
      changed = true;
      continue;
    }
    if (!active) continue;
    const clock = toClock(active);
    const next = advance(clock, action, now, calendar);
    await tx.update(slaTimers).set(rowValues(next, active.events, active.raisedEvents, calendar)).where(eq(slaTimers.id, active.id));
    changed = true;
  }
  const listener = earliestDueListeners.get(subject.type);
  if (changed && listener) await listener(tx, subject.id, earliestDueSql(subject.type, subject.id));
}

/** The row of a limit started now (round 1; the caller numbers a later round). */
function firstRound(subject: TimerSubject, standard: ServiceStandard, limit: TimeLimitDefinition, calendar: CalendarConfig, now: Date): typeof slaTimers.$inferInsert {
  const clock = startTimer({ limitKey: limit.key, duration: limit.duration, calendarMode: limit.calendar, warnAtShare: limit.warnAtShare }, now, calendar);
  const events = eventsOf(limit, standard);
  return {
    organizationId: subject.organizationId,
    communityId: subject.communityId,
    subjectType: subject.type,
    subjectId: subject.id,
    subjectLabel: subject.label,
    limitKey: limit.key,
    limitName: limit.name,
    round: 1,
    calendarMode: limit.calendar,
    warnAtShare: limit.warnAtShare,
    events,
    ...rowValues(clock, events, [], calendar),
  };
}

/**
 * Gives a subject's timers the label its messages show (one statement), for a work item whose
 * number is taken at the very end of its opening transaction, after its timers started.
 */
export async function relabelTimers(tx: DbOrTx, subjectType: string, subjectId: string, label: string): Promise<void> {
  await tx.update(slaTimers).set({ subjectLabel: label }).where(and(eq(slaTimers.subjectType, subjectType), eq(slaTimers.subjectId, subjectId)));
}

/** Recomputes a row after the sweeper raised some of its events. */
export function afterRaise(row: TimerRow, raised: string[], calendar: CalendarConfig) {
  return { raisedEvents: raised, nextCheckAt: nextCheckAt(toClock(row), row.events, raised, calendar), updatedAt: new Date() };
}

/** Events of a row that are due at `now` and not yet raised. */
export function dueEvents(row: TimerRow, now: Date, calendar: CalendarConfig): TimerEvent[] {
  const clock = toClock(row);
  return row.events.filter((e) => {
    if (row.raisedEvents.includes(e.key)) return false;
    const at = eventInstant(clock, e, calendar);
    return at !== null && at <= now;
  });
}

/** The running timers of a subject (its qualified id column), as the `from ... where` of a subquery. */
function runningTimersSql(subjectType: string, subjectId: SQL): SQL {
  return sql`from ${slaTimers} where ${slaTimers.subjectType} = ${subjectType} and ${slaTimers.subjectId} = ${subjectId} and ${slaTimers.status} = 'running'`;
}

/** SQL expression: the earliest due instant of a subject's running timers (null when none runs). */
export function nextDueSql(subjectType: string, subjectId: SQL): SQL<Date | null> {
  return sql<Date | null>`(select min(${slaTimers.dueAt}) ${runningTimersSql(subjectType, subjectId)})`;
}

/** SQL expression: the worst phase of a subject's running timers at `now` (`breached`, `warning`, `ok`), null when none runs. */
export function timerPhaseSql(subjectType: string, subjectId: SQL, now: Date): SQL<'ok' | 'warning' | 'breached' | null> {
  return sql<'ok' | 'warning' | 'breached' | null>`(select case when count(*) = 0 then null when bool_or(${slaTimers.dueAt} < ${now.toISOString()}) then 'breached' when bool_or(${slaTimers.warnAt} <= ${now.toISOString()}) then 'warning' else 'ok' end ${runningTimersSql(subjectType, subjectId)})`;
}
