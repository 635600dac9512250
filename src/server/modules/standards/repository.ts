import { and, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { WEEKDAY_KEYS} from '../../standards/calendar';
import { calendarSchema, type CalendarConfig } from '../../standards/calendar';
import { serviceStandardSchema, type ServiceStandard } from '../../standards/definition';
import { communityById, type Community } from '../registry';
import { library } from './library-cache';
import { businessCalendars, standardVersions } from './tables';

export type StandardScope = 'library' | 'company' | 'community';

export interface StandardVersionRow {
  id: string;
  key: string;
  version: number;
  scope: StandardScope;
  organizationId: string | null;
  communityId: string | null;
  definition: ServiceStandard;
  contentHash: string;
  authorName: string;
  reason: string;
  createdAt: Date;
}

/** Which scope a version row belongs to. */
export function scopeOf(row: { organizationId: string | null; communityId: string | null }): StandardScope {
  if (!row.organizationId) return 'library';
  return row.communityId ? 'community' : 'company';
}

/**
 * Versions read so far, by id, parsed. A saved version never changes (saving makes a new one), so
 * a process-wide cache is always right; it spares every intake and step the schema's parse of a
 * whole standard. Bounded: past the size the oldest entries go.
 */
const parsedVersions = new Map<string, StandardVersionRow>();
const PARSED_VERSIONS_MAX = 1000;

function toRow(r: typeof standardVersions.$inferSelect): StandardVersionRow {
  const hit = parsedVersions.get(r.id);
  if (hit) return hit;
  // Versions stored before records were typed are upgraded as they are read (`upgradeLegacyRecord`).
  const row: StandardVersionRow = { ...r, definition: serviceStandardSchema.parse(r.definition), scope: scopeOf(r) };
  if (parsedVersions.size >= PARSED_VERSIONS_MAX) parsedVersions.delete(parsedVersions.keys().next().value!);
  parsedVersions.set(r.id, row);
  return row;
}

/** Rows of exactly one scope (library, a company, or a community of it). */
function scopeFilter(organizationId: string | null, communityId: string | null): SQL {
  return and(
    organizationId ? eq(standardVersions.organizationId, organizationId) : isNull(standardVersions.organizationId),
    communityId ? eq(standardVersions.communityId, communityId) : isNull(standardVersions.communityId),
  )!;
}

/** The newest version of a standard in one scope, or null. */
export async function latestInScope(
  db: DbOrTx,
  key: string,
  organizationId: string | null,
  communityId: string | null,
): Promise<StandardVersionRow | null> {
  const [row] = await db
    .select()
    .from(standardVersions)
    .where(and(eq(standardVersions.key, key), scopeFilter(organizationId, communityId)))
    .orderBy(desc(standardVersions.version))
    .limit(1);
  return row ? toRow(row) : null;
}

/**
 * The standard new work of a community runs under: the community's newest version, else the
 * company's, else the built-in library's.
 */
export async function effectiveStandard(
  db: DbOrTx,
  key: string,
  organizationId: string,
  communityId: string | null,
): Promise<StandardVersionRow | null> {
  // One statement: the newest version of the narrowest scope that has one; read whole only when
  // this process has not parsed that version yet.
  const [effective] = await db
    .select({ id: standardVersions.id })
    .from(standardVersions)
    .where(
      and(
        eq(standardVersions.key, key),
        or(communityId ? scopeFilter(organizationId, communityId) : undefined, scopeFilter(organizationId, null), scopeFilter(null, null)),
      ),
    )
    .orderBy(desc(sql`${standardVersions.communityId} is not null`), desc(sql`${standardVersions.organizationId} is not null`), desc(standardVersions.version))
    .limit(1);
  if (!effective) return null;
  return parsedVersions.get(effective.id) ?? standardVersionById(db, effective.id);
}

/** One version by id (no tenant check: callers check the organization). */
export async function standardVersionById(db: DbOrTx, id: string): Promise<StandardVersionRow | null> {
  const [row] = await db.select().from(standardVersions).where(eq(standardVersions.id, id));
  return row ? toRow(row) : null;
}

/**
 * Versions of a standard visible to an organization: the library's, the company's and those of
 * the given communities, newest first.
 */
export async function listVersions(
  db: DbOrTx,
  key: string,
  organizationId: string,
  communityIds: 'all' | string[],
): Promise<StandardVersionRow[]> {
  const rows = await db
    .select()
    .from(standardVersions)
    .where(
      and(
        eq(standardVersions.key, key),
        or(isNull(standardVersions.organizationId), eq(standardVersions.organizationId, organizationId)),
      ),
    )
    .orderBy(desc(standardVersions.createdAt), desc(standardVersions.version));
  return rows
    .map(toRow)
    .filter((r) => !r.communityId || communityIds === 'all' || communityIds.includes(r.communityId));
}

const ISO_TO_WEEKDAY: Record<string, (typeof WEEKDAY_KEYS)[number]> = {
  '1': 'mon',
  '2': 'tue',
  '3': 'wed',
  '4': 'thu',
  '5': 'fri',
  '6': 'sat',
  '7': 'sun',
};

type CalendarSettingsRow = typeof businessCalendars.$inferSelect;

async function calendarSettings(db: DbOrTx, organizationId: string, communityId: string | null): Promise<CalendarSettingsRow[]> {
  return db
    .select()
    .from(businessCalendars)
    .where(
      and(
        eq(businessCalendars.organizationId, organizationId),
        communityId ? or(isNull(businessCalendars.communityId), eq(businessCalendars.communityId, communityId)) : isNull(businessCalendars.communityId),
      ),
    );
}

/**
 * Layers calendar settings: the library's, then the company's, then the community's; holidays
 * and make-up days are replaced year by year, weekly hours come from the community's desk hours
 * when it has any.
 */
function mergeCalendar(
  settings: CalendarSettingsRow[],
  timeZone: string,
  deskHours: Record<string, { start: string; end: string }[]> | undefined,
): CalendarConfig {
  const company = settings.find((s) => !s.communityId)?.config;
  const own = settings.find((s) => s.communityId)?.config;
  const base = library().calendar;
  const weeklyHours =
    deskHours && Object.values(deskHours).some((d) => d.length)
      ? Object.fromEntries(Object.entries(deskHours).map(([iso, hours]) => [ISO_TO_WEEKDAY[iso]!, hours]))
      : (company?.weeklyHours ?? base.weeklyHours);
  return calendarSchema.parse({
    timeZone,
    mode: 'business',
    weeklyHours,
    makeUpDayHours: own?.makeUpDayHours ?? company?.makeUpDayHours ?? base.makeUpDayHours,
    years: { ...base.years, ...company?.years, ...own?.years },
  });
}

/**
 * The business calendar timers of a community run on (its own time zone and desk hours). Given the
 * community's row (a caller that has just read it), the community is not read again.
 */
export async function effectiveCalendar(db: DbOrTx, communityOrId: string | Pick<Community, 'id' | 'organizationId' | 'timeZone' | 'deskHours'>): Promise<CalendarConfig> {
  const community = typeof communityOrId === 'string' ? await communityById(db, communityOrId) : communityOrId;
  if (!community) throw new Error(`community ${String(communityOrId)} not found`);
  const communityId = community.id;
  const settings = await calendarSettings(db, community.organizationId, communityId);
  return mergeCalendar(settings, community.timeZone, community.deskHours?.weekly);
}

/** The company's default calendar: the library's with the company's settings over it. */
export async function effectiveCompanyCalendar(db: DbOrTx, organizationId: string): Promise<CalendarConfig> {
  return mergeCalendar(await calendarSettings(db, organizationId, null), library().calendar.timeZone, undefined);
}
