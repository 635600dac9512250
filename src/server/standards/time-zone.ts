/**
 * Exact UTC-offset arithmetic for IANA time zones on top of the built-in Intl API.
 *
 * Intl only answers "what does the wall clock read at instant t". Everything else (offsets,
 * transitions, wall clock -> instant) is derived from it once per zone and year: the offset is
 * sampled every six hours and every change is bisected to the millisecond, so after warm-up
 * no Intl call is needed. The one assumption, shared by every date library built on Intl, is
 * that a zone never changes its offset twice within six hours and back again.
 */

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const SAMPLE_STEP_MS = 6 * MS_PER_HOUR;

/** First instant the calendar functions accept (1900-01-01T00:00Z). */
export const MIN_SUPPORTED_INSTANT = Date.UTC(1900, 0, 1);
/** First instant the calendar functions no longer accept (3000-01-01T00:00Z). */
export const MAX_SUPPORTED_INSTANT = Date.UTC(3000, 0, 1);

/** A change of a zone's UTC offset at instant `at` (epoch ms). Offsets are in ms, east positive. */
export interface OffsetTransition {
  at: number;
  before: number;
  after: number;
}

interface YearTable {
  startOffset: number;
  transitions: OffsetTransition[];
}

interface ZoneData {
  format: Intl.DateTimeFormat;
  years: Map<number, YearTable>;
}

const zones = new Map<string, ZoneData>();

/** Zone names found valid (a few hundred exist): building an Intl formatter per check was a hot spot of every intake. */
const validZones = new Set<string>();

/** True when the runtime knows the IANA zone name. */
export function isValidTimeZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    validZones.add(zone);
    return true;
  } catch {
    return false;
  }
}

function zoneData(zone: string): ZoneData {
  let data = zones.get(zone);
  if (!data) {
    if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`);
    data = {
      format: new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
      years: new Map(),
    };
    zones.set(zone, data);
  }
  return data;
}

/** Offset straight from Intl (whole seconds, which is the resolution of every tz rule). */
function intlOffset(format: Intl.DateTimeFormat, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  // en-US with h23 reads "M/D/YYYY, HH:MM:SS"; format() is several times faster than formatToParts().
  const [month = 1, day = 1, year = 1970, hour = 0, minute = 0, second = 0] = (format.format(whole).match(/\d+/g) ?? []).map(Number);
  return Date.UTC(year, month - 1, day, hour, minute, second) - whole;
}

function yearTable(data: ZoneData, year: number): YearTable {
  let table = data.years.get(year);
  if (table) return table;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const startOffset = intlOffset(data.format, start);
  const transitions: OffsetTransition[] = [];
  let prevAt = start;
  let prevOffset = startOffset;
  while (prevAt < end) {
    const at = Math.min(prevAt + SAMPLE_STEP_MS, end);
    const offset = intlOffset(data.format, at);
    if (offset !== prevOffset) {
      // Bisect to the first millisecond that shows a different offset.
      let lo = prevAt;
      let hi = at;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffset(data.format, mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      if (hi < end) transitions.push({ at: hi, before: prevOffset, after: intlOffset(data.format, hi) });
    }
    prevAt = at;
    prevOffset = offset;
  }
  table = { startOffset, transitions };
  data.years.set(year, table);
  return table;
}

function assertSupported(ms: number): void {
  if (!Number.isFinite(ms) || ms < MIN_SUPPORTED_INSTANT - 2 * MS_PER_DAY || ms >= MAX_SUPPORTED_INSTANT + 2 * MS_PER_DAY) {
    throw new RangeError('Instant outside the supported range (years 1900 to 2999)');
  }
}

/** UTC offset (ms, east positive) of `zone` at the instant `ms`. */
export function offsetAt(zone: string, ms: number): number {
  assertSupported(ms);
  const table = yearTable(zoneData(zone), new Date(ms).getUTCFullYear());
  let offset = table.startOffset;
  for (const t of table.transitions) {
    if (t.at > ms) break;
    offset = t.after;
  }
  return offset;
}

/** Offset transitions of `zone` with `from <= at < to`, in order. */
export function transitionsBetween(zone: string, from: number, to: number): OffsetTransition[] {
  if (to <= from) return [];
  assertSupported(from);
  assertSupported(to - 1);
  const data = zoneData(zone);
  const out: OffsetTransition[] = [];
  const lastYear = new Date(to - 1).getUTCFullYear();
  for (let year = new Date(from).getUTCFullYear(); year <= lastYear; year++) {
    for (const t of yearTable(data, year).transitions) {
      if (t.at >= from && t.at < to) out.push(t);
    }
  }
  return out;
}

/** First offset transition at or after `from` and before `limit`, or null. */
export function nextTransition(zone: string, from: number, limit: number): OffsetTransition | null {
  if (limit <= from) return null;
  assertSupported(from);
  const data = zoneData(zone);
  const lastYear = new Date(Math.min(limit, MAX_SUPPORTED_INSTANT + MS_PER_DAY) - 1).getUTCFullYear();
  for (let year = new Date(from).getUTCFullYear(); year <= lastYear; year++) {
    for (const t of yearTable(data, year).transitions) {
      if (t.at >= from) return t.at < limit ? t : null;
    }
  }
  return null;
}

/**
 * The earliest instant at which the wall clock of `zone` reads `localMs` or later.
 *
 * `localMs` is a wall-clock reading encoded as if it were UTC epoch ms. For a reading that
 * happens twice (clocks turned back) this is its first occurrence; for a reading that never
 * happens (clocks turned forward) it is the instant of the jump. The mapping is monotonic,
 * which is what lets opening hours become disjoint, ordered intervals in any zone.
 */
export function localToInstant(zone: string, localMs: number): number {
  // Real offsets stay well within +-2 days, so instants before `scanFrom` read earlier.
  const scanFrom = localMs - 2 * MS_PER_DAY;
  let segmentStart = scanFrom;
  let offset = offsetAt(zone, scanFrom);
  for (const t of transitionsBetween(zone, scanFrom + 1, localMs + 2 * MS_PER_DAY)) {
    const candidate = Math.max(segmentStart, localMs - offset);
    if (candidate < t.at) return candidate;
    segmentStart = t.at;
    offset = t.after;
  }
  return Math.max(segmentStart, localMs - offset);
}

/** The wall-clock reading of `zone` at instant `ms`, encoded as UTC epoch ms. */
export function instantToLocal(zone: string, ms: number): number {
  return ms + offsetAt(zone, ms);
}
