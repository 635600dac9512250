import type { RecurrenceRule } from '../../../common/work/plans';
import { instantToLocal } from '../../standards/time-zone';
import { addLocalDays, localDateAt, localInstant as localInstantOf, slotsOn } from '../../work/plans';
import type { PeakWindow } from './tables';

/** The local date ('YYYY-MM-DD') of an instant in a time zone. */
export function localDateOf(zone: string, at: Date): string {
  return localDateAt(zone, at);
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return addLocalDays(date, days);
}

/** The instant at which a local date's clock reads `minutes` past midnight (may run into the next day). */
export function localInstant(zone: string, date: string, minutes: number): Date {
  return localInstantOf(zone, date, minutes);
}

export interface PlanTimes {
  startTime: string;
  endTime: string;
  everyMinutes: number;
  peakWindows: PeakWindow[];
}

/** A patrol plan's times as a work-kernel recurrence: every day, from the start to the end time. */
export function patrolTimes(plan: PlanTimes): RecurrenceRule['times'] {
  return { kind: 'interval', startTime: plan.startTime, endTime: plan.endTime, everyMinutes: plan.everyMinutes, peakWindows: plan.peakWindows };
}

/**
 * Start instants of a plan's rounds on one local date: every `everyMinutes` from the start time
 * up to and including the end time (an end before the start runs past midnight), plus every
 * `everyMinutes` of each peak window from its start while before its end; in order, without repeats.
 */
export function roundStarts(plan: PlanTimes, date: string, zone: string): Date[] {
  return slotsOn(patrolTimes(plan), date, zone);
}

/** A local reading for messages: 'MM-DD HH:MM' in the community's time zone. */
export function formatInstant(at: Date, zone: string): string {
  const iso = new Date(instantToLocal(zone, at.getTime())).toISOString();
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}
