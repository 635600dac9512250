import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { inspections, rectifications } from './tables';

/**
 * What inspections tell other modules (staff appraisal, improvement measures): submitted
 * inspections with a score and the staff member inspected, failures of one item, the mean score.
 */

interface Scope {
  organizationId: string;
  communityIds: readonly string[];
  from: Date;
  to: Date;
}

/** Submitted, scored inspections in the period (by submission), with the staff member inspected. */
export async function scoredInspections(db: DbOrTx, q: Scope) {
  if (!q.communityIds.length) return [];
  const rows = await db
    .select({ id: inspections.id, number: inspections.number, place: inspections.place, score: inspections.score, at: inspections.submittedAt, staffId: inspections.inspectedStaffId })
    .from(inspections)
    .where(
      and(
        eq(inspections.organizationId, q.organizationId),
        inArray(inspections.communityId, [...q.communityIds]),
        isNotNull(inspections.score),
        gte(inspections.submittedAt, q.from),
        lt(inspections.submittedAt, q.to),
      ),
    );
  return rows.map((r) => ({ ...r, score: r.score!, at: r.at! }));
}

/** How often an item (`category.item`) failed in a community in the period, by the inspections' submission (one rectification per failure). */
export async function itemFailures(db: DbOrTx, q: { organizationId: string; communityId: string; categoryKey: string; itemKey: string; from: Date; to: Date }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rectifications)
    .innerJoin(inspections, eq(inspections.id, rectifications.inspectionId))
    .where(
      and(
        eq(rectifications.organizationId, q.organizationId),
        eq(rectifications.communityId, q.communityId),
        eq(rectifications.categoryKey, q.categoryKey),
        eq(rectifications.itemKey, q.itemKey),
        gte(inspections.submittedAt, q.from),
        lt(inspections.submittedAt, q.to),
      ),
    );
  return row?.n ?? 0;
}

/** The text of an item as its latest failure named it, or null when it never failed there. */
export async function failedItemText(db: DbOrTx, q: { organizationId: string; communityId: string; categoryKey: string; itemKey: string }) {
  const [row] = await db
    .select({ text: rectifications.itemText })
    .from(rectifications)
    .where(and(eq(rectifications.organizationId, q.organizationId), eq(rectifications.communityId, q.communityId), eq(rectifications.categoryKey, q.categoryKey), eq(rectifications.itemKey, q.itemKey)))
    .orderBy(sql`${rectifications.createdAt} desc`)
    .limit(1);
  return row?.text ?? null;
}

/** The items that failed most often in a community since `from` (most first), for raising an improvement measure. */
export async function mostFailedItems(db: DbOrTx, q: { organizationId: string; communityId: string; from: Date; limit: number }) {
  const n = sql<number>`count(*)::int`;
  return db
    .select({ categoryKey: rectifications.categoryKey, itemKey: rectifications.itemKey, failures: n })
    .from(rectifications)
    .innerJoin(inspections, eq(inspections.id, rectifications.inspectionId))
    .where(and(eq(rectifications.organizationId, q.organizationId), eq(rectifications.communityId, q.communityId), gte(inspections.submittedAt, q.from)))
    .groupBy(rectifications.categoryKey, rectifications.itemKey)
    .orderBy(sql`count(*) desc`, rectifications.categoryKey, rectifications.itemKey)
    .limit(q.limit);
}
