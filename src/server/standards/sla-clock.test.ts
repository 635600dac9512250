import { describe, expect, it } from 'vitest';
import { calendarSchema, type DayHours } from './calendar';
import {
  cancelTimer,
  instantAtShare,
  pauseTimer,
  remainingWorkingTime,
  resolveDurationMs,
  resumeTimer,
  retargetTimer,
  startTimer,
  stopTimer,
  timerPhase,
  usedWorkingTime,
  type TimerSpec,
} from './sla-clock';

const MIN = 60_000;
const HOUR = 60 * MIN;
const hours: DayHours = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const cal = calendarSchema.parse({
  weeklyHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
  years: { '2025': { holidays: ['2025-01-01'] } },
});
const sh = (local: string) => new Date(`${local}+08:00`);

const firstReply: TimerSpec = { limitKey: 'first_reply', duration: { minutes: 60 }, calendarMode: 'business', warnAtShare: 0.8 };

describe('SLA clock', () => {
  it('starts with due and warning instants on the business calendar', () => {
    const t = startTimer(firstReply, sh('2025-01-03T11:30'), cal);
    expect(t.status).toBe('running');
    expect(t.durationMs).toBe(HOUR);
    expect(t.dueAt).toEqual(sh('2025-01-03T13:30'));
    expect(t.warnAt).toEqual(sh('2025-01-03T13:18'));
  });

  it('a 24x7 timer ignores the calendar', () => {
    const t = startTimer({ ...firstReply, calendarMode: '24x7', duration: { minutes: 30 } }, sh('2025-01-04T23:50'), cal);
    expect(t.dueAt).toEqual(sh('2025-01-05T00:20'));
    expect(t.warnAt).toEqual(sh('2025-01-05T00:14'));
  });

  it('reports the phase and remaining time', () => {
    const t = startTimer(firstReply, sh('2025-01-03T11:30'), cal);
    expect(timerPhase(t, sh('2025-01-03T11:40'), cal)).toBe('ok');
    expect(remainingWorkingTime(t, sh('2025-01-03T11:40'), cal)).toBe(50 * MIN);
    expect(remainingWorkingTime(t, sh('2025-01-03T12:40'), cal)).toBe(30 * MIN);
    expect(timerPhase(t, sh('2025-01-03T13:18'), cal)).toBe('warning');
    expect(timerPhase(t, sh('2025-01-03T13:30'), cal)).toBe('warning');
    expect(timerPhase(t, new Date(sh('2025-01-03T13:30').getTime() + 1), cal)).toBe('breached');
    expect(remainingWorkingTime(t, sh('2025-01-03T14:00'), cal)).toBe(-30 * MIN);
  });

  it('stopping at the due instant is met, one millisecond later breached', () => {
    const t = startTimer(firstReply, sh('2025-01-03T11:30'), cal);
    const met = stopTimer(t, sh('2025-01-03T13:30'), cal);
    expect(met).toMatchObject({ status: 'met', usedWorkingMs: HOUR, dueAt: null });
    const late = stopTimer(t, new Date(sh('2025-01-03T13:30').getTime() + 1), cal);
    expect(late).toMatchObject({ status: 'breached', usedWorkingMs: HOUR + 1, breachedAt: sh('2025-01-03T13:30') });
  });

  it('stopping after the due instant in closed hours is still breached', () => {
    const t = startTimer(firstReply, sh('2025-01-03T16:30'), cal);
    expect(t.dueAt).toEqual(sh('2025-01-06T08:30'));
    const stop = stopTimer({ ...t, dueAt: sh('2025-01-03T17:00'), durationMs: 30 * MIN }, sh('2025-01-04T10:00'), cal);
    expect(stop.status).toBe('breached');
    expect(stop.usedWorkingMs).toBe(30 * MIN);
  });

  it('pause excludes the working time spent paused and resume recomputes the due instant', () => {
    let t = startTimer({ ...firstReply, duration: { minutes: 120 } }, sh('2025-01-03T09:00'), cal);
    expect(t.dueAt).toEqual(sh('2025-01-03T11:00'));
    t = pauseTimer(t, sh('2025-01-03T10:00'));
    expect(t).toMatchObject({ status: 'paused', dueAt: null, warnAt: null });
    expect(usedWorkingTime(t, sh('2025-01-06T10:00'), cal)).toBe(HOUR);
    expect(timerPhase(t, sh('2025-01-06T10:00'), cal)).toBe('ok');
    t = resumeTimer(t, sh('2025-01-06T09:00'), cal);
    // Paused Friday 10:00 to Monday 09:00: 6 working hours Friday, 1 on Monday.
    expect(t.pausedWorkingMs).toBe(7 * HOUR);
    expect(t.dueAt).toEqual(sh('2025-01-06T10:00'));
    expect(t.warnAt).toEqual(sh('2025-01-06T09:36'));
    const stopped = stopTimer(t, sh('2025-01-06T09:30'), cal);
    expect(stopped).toMatchObject({ status: 'met', usedWorkingMs: 90 * MIN });
  });

  it('a timer paused after its due instant stays breached', () => {
    let t = startTimer(firstReply, sh('2025-01-03T09:00'), cal);
    t = pauseTimer(t, sh('2025-01-03T10:30'));
    expect(t.breachedAt).toEqual(sh('2025-01-03T10:00'));
    expect(timerPhase(t, sh('2025-01-03T11:00'), cal)).toBe('breached');
    t = resumeTimer(t, sh('2025-01-03T11:00'), cal);
    expect(t.dueAt).toEqual(sh('2025-01-03T11:00'));
    expect(stopTimer(t, sh('2025-01-03T11:00'), cal).status).toBe('breached');
  });

  it('a timer whose budget ran out exactly at the pause is due at the resume', () => {
    let t = startTimer(firstReply, sh('2025-01-03T09:00'), cal);
    t = pauseTimer(t, sh('2025-01-03T10:00'));
    expect(timerPhase(t, sh('2025-01-03T10:30'), cal)).toBe('warning');
    t = resumeTimer(t, sh('2025-01-03T14:00'), cal);
    expect(t.dueAt).toEqual(sh('2025-01-03T14:00'));
    expect(stopTimer(t, sh('2025-01-03T14:00'), cal).status).toBe('met');
    expect(stopTimer(t, sh('2025-01-03T14:01'), cal).status).toBe('breached');
  });

  it('a paused timer can be stopped', () => {
    const t = pauseTimer(startTimer(firstReply, sh('2025-01-03T09:00'), cal), sh('2025-01-03T09:20'));
    expect(stopTimer(t, sh('2025-01-06T09:00'), cal)).toMatchObject({ status: 'met', usedWorkingMs: 20 * MIN });
  });

  it('cancels, and refuses actions that make no sense', () => {
    const t = startTimer(firstReply, sh('2025-01-03T09:00'), cal);
    const cancelled = cancelTimer(t, sh('2025-01-03T09:10'));
    expect(cancelled.status).toBe('cancelled');
    expect(timerPhase(cancelled, sh('2025-01-03T12:00'), cal)).toBe('ok');
    expect(() => stopTimer(cancelled, sh('2025-01-03T09:20'), cal)).toThrow(/cancelled/);
    expect(() => resumeTimer(stopTimer(t, sh('2025-01-03T09:20'), cal), sh('2025-01-03T09:30'), cal)).toThrow(/met/);
    expect(pauseTimer(pauseTimer(t, sh('2025-01-03T09:10')), sh('2025-01-03T09:20')).pausedAt).toEqual(sh('2025-01-03T09:10'));
  });

  it('converts working days into a working-time budget', () => {
    // Friday 15:00 + 2 working days = close of Tuesday: 2 h Friday + 8 h Monday + 8 h Tuesday.
    expect(resolveDurationMs({ workingDays: 2 }, 'business', sh('2025-01-03T15:00'), cal)).toBe(18 * HOUR);
    const t = startTimer({ ...firstReply, duration: { workingDays: 2 } }, sh('2025-01-03T15:00'), cal);
    expect(t.dueAt).toEqual(sh('2025-01-07T17:00'));
    // Across New Year's Day.
    expect(startTimer({ ...firstReply, duration: { workingDays: 2 } }, sh('2024-12-31T10:00'), cal).dueAt).toEqual(
      sh('2025-01-03T17:00'),
    );
  });

  it('retargets the deadline to an agreed appointment', () => {
    const spec: TimerSpec = { limitKey: 'arrival', duration: { minutes: 1440 }, calendarMode: '24x7', warnAtShare: 0.8 };
    const t = startTimer(spec, sh('2025-01-03T09:00'), cal);
    const moved = retargetTimer(t, sh('2025-01-05T10:00'), sh('2025-01-03T09:30'), cal);
    expect(moved.dueAt).toEqual(sh('2025-01-05T10:00'));
    expect(moved.durationMs).toBe(49 * HOUR);
    const paused = retargetTimer(pauseTimer(t, sh('2025-01-03T09:10')), sh('2025-01-04T09:00'), sh('2025-01-03T09:20'), cal);
    expect(paused.dueAt).toBeNull();
    expect(resumeTimer(paused, sh('2025-01-03T09:20'), cal).dueAt).toEqual(sh('2025-01-04T09:10'));
  });

  it('computes instants for escalation shares', () => {
    const t = startTimer(firstReply, sh('2025-01-03T11:30'), cal);
    expect(instantAtShare(t, 1, cal)).toEqual(t.dueAt);
    expect(instantAtShare(t, 1.5, cal)).toEqual(sh('2025-01-03T14:00'));
    expect(instantAtShare(pauseTimer(t, sh('2025-01-03T11:40')), 1.5, cal)).toBeNull();
  });
});
