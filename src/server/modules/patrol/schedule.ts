import { minutesOfDay } from '../../standards/calendar';
import { instantToLocal, localToInstant } from '../../standards/time-zone';
import type { PeakWindow } from './tables';

const MS_PER_DAY = 86_400_000;

/** The local date ('YYYY-MM-DD') of an instant in a time zone. */
export function localDateOf(zone: string, at: Date): string {
  return new Date(instantToLocal(zone, at.getTime())).toISOString().slice(0, 10);
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The instant at which a local date's clock reads `minutes` past midnight (may run into the next day). */
export function localInstant(zone: string, date: string, minutes: number): Date {
  return new Date(localToInstant(zone, Date.parse(`${date}T00:00:00Z`) + minutes * 60_000));
}

export interface PlanTimes {
  startTime: string;
  endTime: string;
  everyMinutes: number;
  peakWindows: PeakWindow[];
}

/**
 * Start instants of a plan's rounds on one local date: every `everyMinutes` from the start time
 * up to and including the end time (an end before the start runs past midnight), plus every
 * `everyMinutes` of each peak window from its start while before its end; in order, without repeats.
 */
export function roundStarts(plan: PlanTimes, date: string, zone: string): Date[] {
  const marks = new Set<number>();
  const start = minutesOfDay(plan.startTime);
  let end = minutesOfDay(plan.endTime);
  if (end < start) end += 1440;
  for (let m = start; m <= end; m += plan.everyMinutes) marks.add(m);
  for (const w of plan.peakWindows) {
    const ws = minutesOfDay(w.start);
    let we = minutesOfDay(w.end);
    if (we <= ws) we += 1440;
    for (let m = ws; m < we; m += w.everyMinutes) marks.add(m);
  }
  return [...marks].sort((a, b) => a - b).map((m) => localInstant(zone, date, m));
}

/** A local reading for messages: 'MM-DD HH:MM' in the community's time zone. */
export function formatInstant(at: Date, zone: string): string {
  const iso = new Date(instantToLocal(zone, at.getTime())).toISOString();
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}
