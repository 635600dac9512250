import { and, asc, count, desc, eq, exists, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DrillPage, DrillQuery, QualityReport, ReportQuery } from '../../../common/quality/reports';
import { QUALITY_REPORT_MAX_DAYS } from '../../../common/quality/reports';
import type { InspectionText } from '../../../common/quality/template';
import type { Role } from '../../../common/roles';
import { hasRole } from '../../auth/policy';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { fieldError, forbidden, notFound } from '../../errors';
import { addLocalDays, localInstant } from '../../work/plans';
import { communityNames, staffNames, visibleCommunity } from '../registry';
import { pinnedStandard } from '../standards';
import { presentInspection } from './presenter';
import { inspectionScope } from './repository';
import { inspections, inspectionTemplateVersions, rectifications, type StoredAnswers } from './tables';

/** Who reads the score reports: the quality inspector, the project manager and company admins (of the communities they serve). */
const REPORT_ROLES: Role[] = ['company_admin', 'project_manager', 'quality_inspector'];
const DEFAULT_ZONE = 'Asia/Shanghai';

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Monday of the ISO week of a local date. */
export function weekStart(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addLocalDays(date, -((day + 6) % 7));
}

/** A mean and counts as the database summed them: the sum and number of scores (numeric, exact), submitted, missed. */
interface Sums {
  sum: string | null;
  scored: number;
  submitted: number;
  missed: number;
}
const figureOf = (r: Sums) => ({ average: r.scored ? round1(Number(r.sum) / r.scored) : null, submitted: r.submitted, missed: r.missed });

/**
 * The scope of a report: the caller's communities (or the one asked for, 404 outside them), the
 * local dates of the inspections' start in that community's zone (Asia/Shanghai across several),
 * at most a year. 403 for roles that do not read reports.
 */
async function reportScope(db: DbOrTx, actor: Actor, q: { communityId?: string; from: string; to: string }): Promise<{ where: SQL; zone: string }> {
  if (!hasRole(actor, ...REPORT_ROLES) || !actor.organizationId) throw forbidden();
  let zone = DEFAULT_ZONE;
  if (q.communityId) {
    const community = await visibleCommunity(db, actor, q.communityId, { active: false });
    if (!community) throw notFound('entity.community');
    zone = community.timeZone;
  }
  if (q.to < q.from) throw fieldError({ to: { key: 'field.endBeforeStart' } });
  const last = addLocalDays(q.from, QUALITY_REPORT_MAX_DAYS - 1);
  if (q.to > last) throw fieldError({ to: { key: 'field.range', params: { min: q.from, max: last } } });
  const where = and(
    inspectionScope(actor),
    q.communityId ? eq(inspections.communityId, q.communityId) : undefined,
    gte(inspections.startsAt, localInstant(zone, q.from, 0)),
    lt(inspections.startsAt, localInstant(zone, addLocalDays(q.to, 1), 0)),
  )!;
  return { where, zone };
}

/** A missed inspection: its window closed (a closed state) without a submission. */
const missedSql = and(isNull(inspections.submittedAt), eq(inspections.stateType, 'closed'))!;

/**
 * The score report of the caller's communities between two local dates: the mean score and the
 * missed inspections overall, per week or month (each community and all together), per community,
 * post and staff member inspected; the mean score of each category overall and per community (a
 * categories × communities matrix); the ten items failed most often. Every mean is over submitted
 * inspections with a score (all N/A leaves one out); a category's mean is over the inspections that
 * scored it. Scores are as they stand now (a passed re-inspection raised them).
 */
export async function qualityReport(db: DbOrTx, actor: Actor, q: ReportQuery): Promise<QualityReport> {
  const { where, zone } = await reportScope(db, actor, q);
  const submitted = isNotNull(inspections.submittedAt);
  const missed = missedSql;
  // Each inspection once, summed in the database into every breakdown at once (grouping sets),
  // so only the groups travel: the total, the trend per bucket (all and per community), per
  // community, post and staff member. Still-open inspections are neither scored nor missed.
  const bucket = sql<string>`to_char(date_trunc(${q.period}, ${inspections.startsAt} at time zone ${zone}), 'YYYY-MM-DD')`;
  const rows = db
    .select({
      bucket: bucket.as('bucket'),
      communityId: inspections.communityId,
      place: inspections.place,
      staffId: inspections.inspectedStaffId,
      submitted: sql<boolean>`${submitted}`.as('is_submitted'),
      missed: sql<boolean>`${missed}`.as('is_missed'),
      score: sql<string | null>`${inspections.score}::numeric`.as('score'),
      failedCount: inspections.failedCount,
    })
    .from(inspections)
    .where(and(where, or(submitted, missed)))
    .as('rows');
  const figures = db
    .select({
      set: sql<number>`grouping(${rows.bucket}, ${rows.communityId}, ${rows.place}, ${rows.staffId})::int`,
      bucket: rows.bucket,
      communityId: rows.communityId,
      place: rows.place,
      staffId: rows.staffId,
      sum: sql<string | null>`sum(${rows.score}) filter (where ${rows.submitted})`,
      scored: sql<number>`count(${rows.score}) filter (where ${rows.submitted})::int`,
      submitted: sql<number>`count(*) filter (where ${rows.submitted})::int`,
      missed: sql<number>`count(*) filter (where ${rows.missed})::int`,
      failedItems: sql<number>`coalesce(sum(${rows.failedCount}) filter (where ${rows.submitted}), 0)::int`,
    })
    .from(rows)
    .groupBy(sql`grouping sets ((), (${rows.bucket}), (${rows.bucket}, ${rows.communityId}), (${rows.communityId}), (${rows.communityId}, ${rows.place}), (${rows.staffId}))`);
  // Each category's mean over the submitted inspections that scored it, overall and per community.
  const scores = sql`jsonb_each(${inspections.categoryScores}) as cs(key, value)`;
  const categoryRows = db
    .select({
      key: sql<string>`cs.key`,
      communityId: sql<string | null>`case when grouping(${inspections.communityId}) = 0 then ${inspections.communityId} end`,
      sum: sql<string>`sum((cs.value)::numeric)`,
      n: sql<number>`count(*)::int`,
      versions: sql<string[]>`case when grouping(${inspections.communityId}) = 1 then array_agg(distinct ${inspections.templateVersionId}) end`,
    })
    .from(sql`${inspections} cross join ${scores}`)
    .where(and(where, submitted, sql`jsonb_typeof(cs.value) = 'number'`))
    .groupBy(sql`grouping sets ((cs.key), (cs.key, ${inspections.communityId}))`);

  const [groups, cats, worst, [open]] = await Promise.all([
    figures,
    categoryRows,
    db
      .select({ categoryKey: rectifications.categoryKey, itemKey: rectifications.itemKey, text: sql<string>`min(${rectifications.itemText}::text)`, failures: count() })
      .from(rectifications)
      .innerJoin(inspections, eq(inspections.id, rectifications.inspectionId))
      .where(where)
      .groupBy(rectifications.categoryKey, rectifications.itemKey)
      .orderBy(desc(count()), asc(rectifications.categoryKey), asc(rectifications.itemKey))
      .limit(10),
    db
      .select({ n: count() })
      .from(rectifications)
      .innerJoin(inspections, eq(inspections.id, rectifications.inspectionId))
      .where(and(where, sql`${rectifications.stateType} <> 'closed'`)),
  ]);
  // grouping() has a bit per column, highest first: bucket 8, community 4, place 2, staff 1 (a set bit: not grouped by it).
  const setOf = (bucketed: boolean, community: boolean, place: boolean, staff: boolean) => (bucketed ? 0 : 8) + (community ? 0 : 4) + (place ? 0 : 2) + (staff ? 0 : 1);
  const inSet = (set: number) => groups.filter((g) => g.set === set);
  const total = inSet(setOf(false, false, false, false))[0] ?? { sum: null, scored: 0, submitted: 0, missed: 0, failedItems: 0 };
  const byCommunity = inSet(setOf(false, true, false, false));
  const byStaff = inSet(setOf(false, false, false, true)).filter((g) => g.staffId !== null);
  const versions = [...new Set(cats.flatMap((c) => c.versions ?? []))];
  const [names, people, categoryNames] = await Promise.all([
    communityNames(db, byCommunity.map((g) => g.communityId!)),
    staffNames(db, byStaff.map((g) => g.staffId!)),
    categoryNamesOf(db, versions),
  ]);
  const byFigure = (a: { average: number | null }, b: { average: number | null }) => (a.average ?? 101) - (b.average ?? 101);
  return {
    from: q.from,
    to: q.to,
    period: q.period,
    total: { ...figureOf(total), failedItems: total.failedItems, openRectifications: open?.n ?? 0 },
    trend: [...inSet(setOf(true, false, false, false)), ...inSet(setOf(true, true, false, false))]
      .map((g) => ({ period: g.bucket!, communityId: g.communityId ?? null, ...figureOf(g) }))
      .sort((a, b) => a.period.localeCompare(b.period) || (a.communityId ?? '').localeCompare(b.communityId ?? '')),
    communities: byCommunity.map((g) => ({ communityId: g.communityId!, name: names.get(g.communityId!)?.name ?? '', ...figureOf(g) })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    categories: cats
      .filter((c) => c.communityId === null)
      .map((c) => ({ key: c.key, name: categoryNames.get(c.key) ?? { 'zh-CN': c.key, 'en-US': c.key }, average: round1(Number(c.sum) / c.n), scored: c.n }))
      .sort(byFigure),
    matrix: cats.filter((c) => c.communityId !== null).map((c) => ({ categoryKey: c.key, communityId: c.communityId!, average: round1(Number(c.sum) / c.n), scored: c.n })),
    posts: inSet(setOf(false, true, true, false))
      .map((g) => ({ communityId: g.communityId!, place: g.place!, ...figureOf(g) }))
      .sort(byFigure),
    staff: byStaff.map((g) => ({ staffId: g.staffId!, name: people.get(g.staffId!) ?? '', ...figureOf(g) })).sort(byFigure),
    worstItems: worst.map((w) => ({ categoryKey: w.categoryKey, itemKey: w.itemKey, text: JSON.parse(w.text) as InspectionText, failures: w.failures })),
  };
}

/** Category names from the template versions the inspections pinned (a company's own categories included). */
async function categoryNamesOf(db: DbOrTx, versionIds: string[]): Promise<Map<string, InspectionText>> {
  const out = new Map<string, InspectionText>();
  if (!versionIds.length) return out;
  const rows = await db.select({ definition: inspectionTemplateVersions.definition }).from(inspectionTemplateVersions).where(inArray(inspectionTemplateVersions.id, versionIds));
  for (const r of rows) for (const c of r.definition.categories) if (!out.has(c.key)) out.set(c.key, c.name);
  return out;
}

/**
 * The inspections behind a figure of the report: the same scope and dates, narrowed to a week or
 * month, a post, a staff member, a category scored or an item failed; submitted ones (or the
 * missed ones), lowest score first. `limit` overrides paging (the export).
 */
export async function drillInspections(db: DbOrTx, actor: Actor, q: DrillQuery, limit?: number): Promise<DrillPage> {
  const { where, zone } = await reportScope(db, actor, q);
  const parts: (SQL | undefined)[] = [where, q.missed === 'true' ? missedSql : isNotNull(inspections.submittedAt)];
  if (q.period && q.periodType) {
    const start = q.periodType === 'week' ? weekStart(q.period) : `${q.period.slice(0, 7)}-01`;
    const end = q.periodType === 'week' ? addLocalDays(start, 7) : nextMonth(start);
    parts.push(gte(inspections.startsAt, localInstant(zone, start, 0)), lt(inspections.startsAt, localInstant(zone, end, 0)));
  }
  if (q.place) parts.push(eq(inspections.place, q.place));
  if (q.staffId) parts.push(eq(inspections.inspectedStaffId, q.staffId));
  if (q.category) parts.push(sql`(${inspections.categoryScores} ->> ${q.category}) is not null`);
  if (q.failedItem) {
    const [cat, item] = q.failedItem.split('.') as [string, string];
    parts.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(rectifications)
          .where(and(eq(rectifications.inspectionId, inspections.id), eq(rectifications.categoryKey, cat), eq(rectifications.itemKey, item))),
      ),
    );
  }
  const filter = and(...parts);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(inspections).where(filter);
  const size = limit ?? q.pageSize;
  const rows = await db
    .select()
    .from(inspections)
    .where(filter)
    .orderBy(sql`${inspections.score} asc nulls last`, desc(inspections.startsAt), asc(inspections.number))
    .limit(size)
    .offset(limit ? 0 : (q.page - 1) * q.pageSize);
  const standards = new Map<string, Awaited<ReturnType<typeof pinnedStandard>>['definition']>();
  for (const id of new Set(rows.map((r) => r.standardVersionId))) standards.set(id, (await pinnedStandard(db, id)).definition);
  return {
    items: rows.map((r) => ({ ...presentInspection(r, standards.get(r.standardVersionId)!), categoryScores: r.categoryScores, photos: failurePhotos(r.answers) })),
    total,
    page: limit ? 1 : q.page,
    pageSize: size,
  };
}

/** The photos the inspector took of an inspection's items (on failures: the phone offers photos only there; a failure put right keeps them). */
function failurePhotos(answers: StoredAnswers): { item: string; id: string }[] {
  return Object.entries(answers).flatMap(([category, items]) =>
    Object.entries(items).flatMap(([item, a]) => (a.photoIds ?? []).map((id) => ({ item: `${category}.${item}`, id }))),
  );
}

function nextMonth(first: string): string {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
