import type {
  CalendarMode,
  LimitDuration,
  ServiceLevel,
  ServiceStandard,
  TimeLimitChange,
  TimeLimitOverride,
} from '../../api/standards';
import { SERVICE_LEVELS } from '../../api/standards';

export type DurationUnit = 'minutes' | 'hours' | 'workingDays';

/** What the edit form holds for one time limit. */
export interface LimitFormValue {
  calendar: CalendarMode;
  /** Warning share in percent (1–99). */
  warn: number;
  levels: Record<`L${ServiceLevel}`, { amount: number; unit: DurationUnit }>;
}

/** Where a change came from, so a server error on `changes.N.*` lands on the right input. */
export interface ChangeOrigin {
  key: string;
  level: ServiceLevel;
}

interface Effective {
  duration: LimitDuration;
  calendar: CalendarMode;
  warnAtShare: number;
}

/** A limit as it applies at a level: base merged with the overrides of that level and below. */
export function effectiveLimit(standard: ServiceStandard, key: string, level: ServiceLevel): Effective {
  const base = standard.timeLimits.find((l) => l.key === key)!;
  let merged: Effective = { duration: base.duration, calendar: base.calendar, warnAtShare: base.warnAtShare };
  for (const l of SERVICE_LEVELS.filter((x) => x <= level)) {
    const o: TimeLimitOverride | undefined = standard.levelOverrides[l]?.[key];
    if (o) {
      merged = {
        duration: o.duration ?? merged.duration,
        calendar: o.calendar ?? merged.calendar,
        warnAtShare: o.warnAtShare ?? merged.warnAtShare,
      };
    }
  }
  return merged;
}

/** Form value of a duration: whole hours as hours, working days as days, else minutes. */
export function toFormDuration(duration: LimitDuration): { amount: number; unit: DurationUnit } {
  if ('workingDays' in duration) return { amount: duration.workingDays, unit: 'workingDays' };
  if (duration.minutes >= 60 && duration.minutes % 60 === 0) return { amount: duration.minutes / 60, unit: 'hours' };
  return { amount: duration.minutes, unit: 'minutes' };
}

export function fromFormDuration(value: { amount: number; unit: DurationUnit }): LimitDuration {
  if (value.unit === 'workingDays') return { workingDays: value.amount };
  return { minutes: value.unit === 'hours' ? value.amount * 60 : value.amount };
}

/** The form's starting values: each limit as it applies at each level of the version in effect. */
export function initialLimitValues(standard: ServiceStandard): Record<string, LimitFormValue> {
  return Object.fromEntries(
    standard.timeLimits.map((limit) => {
      const first = effectiveLimit(standard, limit.key, '1');
      const levels = Object.fromEntries(
        SERVICE_LEVELS.map((level) => [`L${level}`, toFormDuration(effectiveLimit(standard, limit.key, level).duration)]),
      ) as LimitFormValue['levels'];
      return [limit.key, { calendar: first.calendar, warn: Math.round(first.warnAtShare * 100), levels }];
    }),
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fewest changes that make every level read as the form says. Levels are cumulative, so a
 * change is made at the lowest level that differs: the base limit when level 1 has no override of
 * its own, else an override from that level up; higher levels are then compared again.
 */
export function computeChanges(
  standard: ServiceStandard,
  values: Record<string, LimitFormValue>,
): { changes: TimeLimitChange[]; origins: ChangeOrigin[] } {
  const working = structuredClone(standard);
  const changes: TimeLimitChange[] = [];
  const origins: ChangeOrigin[] = [];
  for (const limit of standard.timeLimits) {
    const wanted = values[limit.key];
    if (!wanted) continue;
    for (const level of SERVICE_LEVELS) {
      const current = effectiveLimit(working, limit.key, level);
      const desired: Effective = {
        duration: fromFormDuration(wanted.levels[`L${level}`]),
        calendar: wanted.calendar,
        warnAtShare: wanted.warn / 100,
      };
      const patch: Partial<Effective> = {};
      if (!same(current.duration, desired.duration)) patch.duration = desired.duration;
      if (current.calendar !== desired.calendar) patch.calendar = desired.calendar;
      if (Math.abs(current.warnAtShare - desired.warnAtShare) > 1e-9) patch.warnAtShare = desired.warnAtShare;
      if (Object.keys(patch).length === 0) continue;
      const onBase = level === '1' && !working.levelOverrides['1']?.[limit.key];
      if (onBase) {
        const index = working.timeLimits.findIndex((l) => l.key === limit.key);
        working.timeLimits[index] = { ...working.timeLimits[index]!, ...patch };
        changes.push({ key: limit.key, ...patch });
      } else {
        working.levelOverrides[level] ??= {};
        working.levelOverrides[level][limit.key] = { ...working.levelOverrides[level][limit.key], ...patch };
        changes.push({ key: limit.key, level, ...patch });
      }
      origins.push({ key: limit.key, level });
    }
  }
  return { changes, origins };
}

/**
 * The form field a server problem belongs to: `changes.N.<field>` through the change's origin,
 * `definition.timeLimits.I.*` and `definition.levelOverrides.L.KEY.*` through the definition.
 */
export function fieldForProblem(
  path: string,
  standard: ServiceStandard,
  origins: ChangeOrigin[],
): (string | number)[] | null {
  if (path === 'reason') return ['reason'];
  if (path === 'communityId') return ['scope'];
  const change = /^changes\.(\d+)(?:\.(\w+))?/.exec(path);
  if (change) {
    const origin = origins[Number(change[1])];
    if (!origin) return null;
    return fieldOf(origin.key, origin.level, change[2]);
  }
  const base = /^definition\.timeLimits\.(\d+)(?:\.(\w+))?/.exec(path);
  if (base) {
    const limit = standard.timeLimits[Number(base[1])];
    return limit ? fieldOf(limit.key, '1', base[2]) : null;
  }
  const override = /^definition\.levelOverrides\.([123])\.([a-z][a-z0-9_-]*)(?:\.(\w+))?/.exec(path);
  if (override) return fieldOf(override[2]!, override[1] as ServiceLevel, override[3]);
  return null;
}

function fieldOf(key: string, level: ServiceLevel, field: string | undefined): (string | number)[] {
  if (field === 'calendar') return ['limits', key, 'calendar'];
  if (field === 'warnAtShare') return ['limits', key, 'warn'];
  return ['limits', key, 'levels', `L${level}`, 'amount'];
}
