import {
  ALWAYS_OPEN,
  addWorkingDays,
  addWorkingTime,
  workingTimeBetween,
  type CalendarConfig,
  type CalendarMode,
} from './calendar';
import type { LimitDuration } from './definition';

/**
 * Pure SLA timer arithmetic. A timer holds a working-time budget on a calendar; pausing
 * excludes the working time spent paused; the due and warning instants are stored on the timer
 * (as Zammad does) so a sweeper needs a single indexed column and no calendar math.
 *
 * Rules: a running timer is in warning from `warnAt` on and breached once an instant after
 * `dueAt` is reached; stopping at or before `dueAt` is met. Paused timers have no due instant.
 */

export const TIMER_STATUSES = ['running', 'paused', 'met', 'breached', 'cancelled'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

export interface SlaTimer {
  limitKey: string;
  /** Working-time budget in ms. */
  durationMs: number;
  calendarMode: CalendarMode;
  /** Share of the budget at which the warning falls, 0 < share < 1. */
  warnAtShare: number;
  status: TimerStatus;
  startedAt: Date;
  /** Set while paused. */
  pausedAt: Date | null;
  /** Working ms that passed while the timer was paused (excluded from the used time). */
  pausedWorkingMs: number;
  /** Instant the budget runs out while running; null when paused or stopped. */
  dueAt: Date | null;
  /** Instant of the warning while running; null when paused or stopped. */
  warnAt: Date | null;
  /** The due instant that had already passed when the timer was paused or stopped. */
  breachedAt: Date | null;
  stoppedAt: Date | null;
  /** Working ms used, recorded when the timer is met or breached. */
  usedWorkingMs: number | null;
}

/** What a timer is started with. */
export interface TimerSpec {
  limitKey: string;
  duration: LimitDuration;
  calendarMode: CalendarMode;
  warnAtShare: number;
}

export type TimerPhase = 'ok' | 'warning' | 'breached';

const MS_PER_MINUTE = 60_000;

/** The calendar a timer runs on: the community's for business timers, always-open otherwise. */
export function timerCalendar(mode: CalendarMode, calendar: CalendarConfig): CalendarConfig {
  return mode === '24x7' ? ALWAYS_OPEN : calendar;
}

/**
 * The working-time budget of a limit starting at `at`. Minutes convert directly; working days
 * become the working time from `at` to the close of the n-th following working day, after which
 * the timer pauses and resumes like any other.
 */
export function resolveDurationMs(duration: LimitDuration, mode: CalendarMode, at: Date, calendar: CalendarConfig): number {
  if ('minutes' in duration) return duration.minutes * MS_PER_MINUTE;
  const cal = timerCalendar(mode, calendar);
  return workingTimeBetween(cal, at, addWorkingDays(cal, at, duration.workingDays));
}

function schedule(timer: SlaTimer, calendar: CalendarConfig, notBefore: Date): SlaTimer {
  const cal = timerCalendar(timer.calendarMode, calendar);
  const warnBudget = Math.ceil(timer.durationMs * timer.warnAtShare);
  const due = addWorkingTime(cal, timer.startedAt, timer.durationMs + timer.pausedWorkingMs);
  const warn = addWorkingTime(cal, timer.startedAt, warnBudget + timer.pausedWorkingMs);
  // A budget used up before a resume is due at the resume itself, not in the past.
  return {
    ...timer,
    dueAt: new Date(Math.max(due.getTime(), notBefore.getTime())),
    warnAt: new Date(Math.max(warn.getTime(), notBefore.getTime())),
  };
}

/** Starts a timer at `at`. */
export function startTimer(spec: TimerSpec, at: Date, calendar: CalendarConfig): SlaTimer {
  const timer: SlaTimer = {
    limitKey: spec.limitKey,
    durationMs: resolveDurationMs(spec.duration, spec.calendarMode, at, calendar),
    calendarMode: spec.calendarMode,
    warnAtShare: spec.warnAtShare,
    status: 'running',
    startedAt: at,
    pausedAt: null,
    pausedWorkingMs: 0,
    dueAt: null,
    warnAt: null,
    breachedAt: null,
    stoppedAt: null,
    usedWorkingMs: null,
  };
  return schedule(timer, calendar, at);
}

function assertStatus(timer: SlaTimer, allowed: TimerStatus[], action: string): void {
  if (!allowed.includes(timer.status)) throw new Error(`Cannot ${action} a ${timer.status} timer (${timer.limitKey})`);
}

function passedDue(timer: SlaTimer, at: Date): Date | null {
  if (timer.breachedAt) return timer.breachedAt;
  return timer.dueAt && at.getTime() > timer.dueAt.getTime() ? timer.dueAt : null;
}

/** Pauses a running timer at `at`; a paused timer is returned unchanged. */
export function pauseTimer(timer: SlaTimer, at: Date): SlaTimer {
  if (timer.status === 'paused') return timer;
  assertStatus(timer, ['running'], 'pause');
  return { ...timer, status: 'paused', pausedAt: at, breachedAt: passedDue(timer, at), dueAt: null, warnAt: null };
}

/** Resumes a paused timer at `at` and recomputes its due and warning instants. */
export function resumeTimer(timer: SlaTimer, at: Date, calendar: CalendarConfig): SlaTimer {
  if (timer.status === 'running') return timer;
  assertStatus(timer, ['paused'], 'resume');
  const cal = timerCalendar(timer.calendarMode, calendar);
  const pausedWorkingMs = timer.pausedWorkingMs + workingTimeBetween(cal, timer.pausedAt!, at);
  return schedule({ ...timer, status: 'running', pausedAt: null, pausedWorkingMs }, calendar, at);
}

/** Working ms the timer has used by `now` (frozen while paused, final once stopped). */
export function usedWorkingTime(timer: SlaTimer, now: Date, calendar: CalendarConfig): number {
  if (timer.usedWorkingMs !== null) return timer.usedWorkingMs;
  if (timer.status === 'cancelled') return 0;
  const until = timer.status === 'paused' && timer.pausedAt ? timer.pausedAt : now;
  const cal = timerCalendar(timer.calendarMode, calendar);
  return Math.max(0, workingTimeBetween(cal, timer.startedAt, until) - timer.pausedWorkingMs);
}

/** Working ms left of the budget at `now`; negative once overdue. */
export function remainingWorkingTime(timer: SlaTimer, now: Date, calendar: CalendarConfig): number {
  return timer.durationMs - usedWorkingTime(timer, now, calendar);
}

/** Stops a running or paused timer at `at` as met or breached, recording the working time used. */
export function stopTimer(timer: SlaTimer, at: Date, calendar: CalendarConfig): SlaTimer {
  assertStatus(timer, ['running', 'paused'], 'stop');
  const usedWorkingMs = usedWorkingTime(timer, at, calendar);
  const breachedAt = timer.status === 'paused' ? timer.breachedAt : passedDue(timer, at);
  return {
    ...timer,
    status: breachedAt ? 'breached' : 'met',
    breachedAt,
    stoppedAt: at,
    usedWorkingMs,
    pausedAt: null,
    dueAt: null,
    warnAt: null,
  };
}

/** Cancels a timer (the work was cancelled or closed before the limit mattered). */
export function cancelTimer(timer: SlaTimer, at: Date): SlaTimer {
  if (timer.status === 'cancelled') return timer;
  assertStatus(timer, ['running', 'paused'], 'cancel');
  return { ...timer, status: 'cancelled', stoppedAt: at, pausedAt: null, dueAt: null, warnAt: null };
}

/**
 * Moves the deadline of a running or paused timer to `dueAt` (e.g. the appointment agreed with
 * the owner), by setting the budget to the working time from the start to that instant.
 */
export function retargetTimer(timer: SlaTimer, dueAt: Date, at: Date, calendar: CalendarConfig): SlaTimer {
  assertStatus(timer, ['running', 'paused'], 'retarget');
  const cal = timerCalendar(timer.calendarMode, calendar);
  const durationMs = Math.max(0, workingTimeBetween(cal, timer.startedAt, dueAt) - timer.pausedWorkingMs);
  const updated = { ...timer, durationMs };
  return timer.status === 'paused' ? updated : schedule(updated, calendar, at);
}

/** Whether the timer is fine, in warning or breached at `now`. */
export function timerPhase(timer: SlaTimer, now: Date, calendar: CalendarConfig): TimerPhase {
  if (timer.status === 'breached') return 'breached';
  if (timer.status === 'met' || timer.status === 'cancelled') return 'ok';
  if (timer.status === 'running') {
    if (timer.dueAt && now.getTime() > timer.dueAt.getTime()) return 'breached';
    return timer.warnAt && now.getTime() >= timer.warnAt.getTime() ? 'warning' : 'ok';
  }
  if (timer.breachedAt) return 'breached';
  return usedWorkingTime(timer, now, calendar) >= Math.ceil(timer.durationMs * timer.warnAtShare) ? 'warning' : 'ok';
}

/**
 * The instant a running timer reaches `share` of its budget (1 = due, 1.5 = half again), for
 * escalation rules beyond the breach; null unless running.
 */
export function instantAtShare(timer: SlaTimer, share: number, calendar: CalendarConfig): Date | null {
  if (timer.status !== 'running') return null;
  const cal = timerCalendar(timer.calendarMode, calendar);
  return addWorkingTime(cal, timer.startedAt, Math.ceil(timer.durationMs * share) + timer.pausedWorkingMs);
}
