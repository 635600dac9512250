import { and, asc, count, desc, eq, exists, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
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
const bucketOf = (date: string, period: 'week' | 'month') => (period === 'week' ? weekStart(date) : `${date.slice(0, 7)}-01`);

/** A running mean and counts. */
class Tally {
  sum = 0;
  scored = 0;
  submitted = 0;
  missed = 0;
  add(r: { score: number | null; submitted: boolean; missed: boolean }) {
    if (r.submitted) this.submitted++;
    if (r.missed) this.missed++;
    if (r.submitted && r.score !== null) {
      this.sum += r.score;
      this.scored++;
    }
  }
  get figure() {
    return { average: this.scored ? round1(this.sum / this.scored) : null, submitted: this.submitted, missed: this.missed };
  }
}

function tallyOf<K>(map: Map<K, Tally>, key: K): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = new Tally()));
  return t;
}

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
  const rows = await db
    .select({
      communityId: inspections.communityId,
      place: inspections.place,
      day: sql<string>`to_char(${inspections.startsAt} at time zone ${zone}, 'YYYY-MM-DD')`,
      score: inspections.score,
      categoryScores: inspections.categoryScores,
      staffId: inspections.inspectedStaffId,
      submittedAt: inspections.submittedAt,
      stateType: inspections.stateType,
      failedCount: inspections.failedCount,
      templateVersionId: inspections.templateVersionId,
    })
    .from(inspections)
    .where(where);

  const total = new Tally();
  const trend = new Map<string, Tally>();
  const byCommunity = new Map<string, Tally>();
  const byPost = new Map<string, Tally>();
  const byStaff = new Map<string, Tally>();
  const categories = new Map<string, { sum: number; n: number }>();
  const matrix = new Map<string, { sum: number; n: number }>();
  let failedItems = 0;
  const versions = new Set<string>();
  for (const r of rows) {
    const submitted = r.submittedAt !== null;
    const f = { score: r.score, submitted, missed: !submitted && r.stateType === 'closed' };
    if (!f.submitted && !f.missed) continue; // still open: neither scored nor missed yet
    const bucket = bucketOf(r.day, q.period);
    total.add(f);
    tallyOf(trend, `${bucket}|`).add(f);
    tallyOf(trend, `${bucket}|${r.communityId}`).add(f);
    tallyOf(byCommunity, r.communityId).add(f);
    tallyOf(byPost, `${r.communityId}|${r.place}`).add(f);
    if (r.staffId) tallyOf(byStaff, r.staffId).add(f);
    if (!submitted) continue;
    failedItems += r.failedCount;
    versions.add(r.templateVersionId);
    for (const [key, score] of Object.entries(r.categoryScores)) {
      if (score === null) continue;
      const c = categories.get(key) ?? { sum: 0, n: 0 };
      categories.set(key, { sum: c.sum + score, n: c.n + 1 });
      const cell = matrix.get(`${key}|${r.communityId}`) ?? { sum: 0, n: 0 };
      matrix.set(`${key}|${r.communityId}`, { sum: cell.sum + score, n: cell.n + 1 });
    }
  }

  const [names, people, categoryNames, worst, [open]] = await Promise.all([
    communityNames(db, [...byCommunity.keys()]),
    staffNames(db, [...byStaff.keys()]),
    categoryNamesOf(db, [...versions]),
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
  const byFigure = (a: { average: number | null }, b: { average: number | null }) => (a.average ?? 101) - (b.average ?? 101);
  return {
    from: q.from,
    to: q.to,
    period: q.period,
    total: { ...total.figure, failedItems, openRectifications: open?.n ?? 0 },
    trend: [...trend.entries()]
      .map(([k, t]) => {
        const [period, communityId] = k.split('|') as [string, string];
        return { period, communityId: communityId || null, ...t.figure };
      })
      .sort((a, b) => a.period.localeCompare(b.period) || (a.communityId ?? '').localeCompare(b.communityId ?? '')),
    communities: [...byCommunity.entries()].map(([id, t]) => ({ communityId: id, name: names.get(id)?.name ?? '', ...t.figure })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    categories: [...categories.entries()]
      .map(([key, c]) => ({ key, name: categoryNames.get(key) ?? { 'zh-CN': key, 'en-US': key }, average: round1(c.sum / c.n), scored: c.n }))
      .sort(byFigure),
    matrix: [...matrix.entries()].map(([k, c]) => {
      const [categoryKey, communityId] = k.split('|') as [string, string];
      return { categoryKey, communityId, average: round1(c.sum / c.n), scored: c.n };
    }),
    posts: [...byPost.entries()]
      .map(([k, t]) => {
        const i = k.indexOf('|');
        return { communityId: k.slice(0, i), place: k.slice(i + 1), ...t.figure };
      })
      .sort(byFigure),
    staff: [...byStaff.entries()].map(([id, t]) => ({ staffId: id, name: people.get(id) ?? '', ...t.figure })).sort(byFigure),
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
