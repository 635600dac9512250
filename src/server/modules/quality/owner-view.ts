import { and, desc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { OWNER_VIEW_MONTHS, OWNER_VIEW_RECTIFICATIONS, type OwnerQuality, type QualitySettings, type qualitySettingsInputSchema } from '../../../common/quality/owner-view';
import type { InspectionText } from '../../../common/quality/template';
import type { RequestContext } from '../../auth/context';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { notFound } from '../../errors';
import { localDateIn } from '../../work/numbering';
import { localInstant } from '../../work/plans';
import { recordAudit } from '../audit';
import { visibleCommunity } from '../registry';
import { qualityCommunitySettings } from './owner-view-tables';
import { qualityOwnerViewPolicy } from './policy';
import { inspections, rectifications } from './tables';

// The owners' view (issue #13 item 9): a per-community setting, off by default, that publishes the
// community's monthly quality score and the rectifications done to its owners in the portal.

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A community the actor may see, as a policy record; 404 otherwise (ids outside the caller's scope look absent). */
async function communityFor(db: DbOrTx, actor: Actor, id: string, action: 'readSettings' | 'configure' | 'readPublished') {
  const community = await visibleCommunity(db, actor, id, { active: false });
  const record = community ? { organizationId: community.organizationId, communityId: community.id } : null;
  if (!community || !record || !qualityOwnerViewPolicy.can(actor, 'readPublished', record)) throw notFound('entity.community');
  qualityOwnerViewPolicy.assert(actor, action, record);
  return community;
}

async function publishes(db: DbOrTx, communityId: string): Promise<boolean> {
  const [row] = await db.select({ on: qualityCommunitySettings.publishToOwners }).from(qualityCommunitySettings).where(eq(qualityCommunitySettings.communityId, communityId));
  return row?.on ?? false;
}

const present = (actor: Actor, community: { id: string; organizationId: string }, publishToOwners: boolean): QualitySettings => ({
  communityId: community.id,
  publishToOwners,
  allowedActions: qualityOwnerViewPolicy.can(actor, 'configure', { organizationId: community.organizationId, communityId: community.id }) ? ['update'] : [],
});

export async function readQualitySettings(db: Db, actor: Actor, communityId: string): Promise<QualitySettings> {
  const community = await communityFor(db, actor, communityId, 'readSettings');
  return present(actor, community, await publishes(db, community.id));
}

/** Turns the owners' view on or off; audited in the same transaction. */
export async function saveQualitySettings(db: Db, ctx: RequestContext, communityId: string, input: z.output<typeof qualitySettingsInputSchema>): Promise<QualitySettings> {
  return inTransaction(db, async (tx) => {
    const community = await communityFor(tx, ctx.actor, communityId, 'configure');
    const before = await publishes(tx, community.id);
    const values = { publishToOwners: input.publishToOwners, updatedBy: ctx.actor.userId, updatedAt: new Date() };
    await tx
      .insert(qualityCommunitySettings)
      .values({ communityId: community.id, organizationId: community.organizationId, ...values })
      .onConflictDoUpdate({ target: qualityCommunitySettings.communityId, set: values });
    if (before !== input.publishToOwners) {
      await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'quality_settings', entityId: community.id, action: 'update', before: { publishToOwners: before }, after: { publishToOwners: input.publishToOwners } });
    }
    return present(ctx.actor, community, input.publishToOwners);
  });
}

/** First day of the month `n` months before the month of `date` (YYYY-MM-DD). */
function monthsBack(date: string, n: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * What the owners of a community see of its quality: the mean score of each of the last twelve
 * months and the rectifications closed after a passed re-inspection, without staff names. Nothing
 * but `published: false` while the community does not publish; 404 outside the caller's communities.
 */
export async function ownerQuality(db: Db, actor: Actor, communityId: string): Promise<OwnerQuality> {
  const community = await communityFor(db, actor, communityId, 'readPublished');
  const base = { communityId: community.id, communityName: community.name, months: [], rectifications: [] };
  if (!(await publishes(db, community.id))) return { ...base, published: false };
  const zone = community.timeZone;
  const first = monthsBack(localDateIn(zone, new Date()), OWNER_VIEW_MONTHS - 1);
  const month = sql<string>`to_char(${inspections.startsAt} at time zone ${zone}, 'YYYY-MM')`;
  const [scores, done] = await Promise.all([
    db
      .select({ month, average: sql<number | null>`avg(${inspections.score})`.mapWith((v) => (v === null ? null : Number(v))), inspections: sql<number>`count(*)`.mapWith(Number) })
      .from(inspections)
      .where(and(eq(inspections.communityId, community.id), isNotNull(inspections.submittedAt), gte(inspections.startsAt, localInstant(zone, first, 0))))
      // By position: the zone is a bound parameter, so the same expression in GROUP BY would not match the select's.
      .groupBy(sql`1`),
    db
      .select({ id: rectifications.id, itemText: rectifications.itemText, place: rectifications.place, foundAt: inspections.startsAt, closedAt: rectifications.closedAt })
      .from(rectifications)
      .innerJoin(inspections, eq(inspections.id, rectifications.inspectionId))
      .where(and(eq(rectifications.communityId, community.id), eq(rectifications.stateType, 'closed'), isNotNull(rectifications.closedAt), isNotNull(rectifications.rectifiedAt)))
      .orderBy(desc(rectifications.closedAt), desc(rectifications.id))
      .limit(OWNER_VIEW_RECTIFICATIONS),
  ]);
  const byMonth = new Map(scores.map((s) => [s.month, s]));
  const months = Array.from({ length: OWNER_VIEW_MONTHS }, (_, i) => monthsBack(first, -i).slice(0, 7)).map((m) => {
    const s = byMonth.get(m);
    return { month: m, average: s?.average == null ? null : round1(s.average), inspections: s?.inspections ?? 0 };
  });
  return {
    ...base,
    published: true,
    months,
    rectifications: done.map((r) => ({ id: r.id, itemText: r.itemText as InspectionText, place: r.place, foundOn: localDateIn(zone, r.foundAt), doneOn: localDateIn(zone, r.closedAt!) })),
  };
}
