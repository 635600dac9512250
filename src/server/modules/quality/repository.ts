import { and, desc, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { hashDefinition } from '../standards';
import type { InspectionTemplate } from '../../../common/quality/template';
import { inspectionLibrary } from './library';
import { inspectionTemplateVersions, inspections, rectifications } from './tables';

export type TemplateVersionRow = typeof inspectionTemplateVersions.$inferSelect;
export type InspectionRow = typeof inspections.$inferSelect;
export type RectificationRow = typeof rectifications.$inferSelect;

export const INSPECTION_SUBJECT = 'inspection';
export const RECTIFICATION_SUBJECT = 'rectification';
export const INSPECTION_STANDARD = 'inspection';
export const RECTIFICATION_STANDARD = 'rectification';

export type TemplateScope = 'library' | 'company' | 'community';
export const templateScopeOf = (r: { organizationId: string | null; communityId: string | null }): TemplateScope => (!r.organizationId ? 'library' : r.communityId ? 'community' : 'company');

function scopeFilter(organizationId: string | null, communityId: string | null): SQL {
  const t = inspectionTemplateVersions;
  return and(organizationId ? eq(t.organizationId, organizationId) : isNull(t.organizationId), communityId ? eq(t.communityId, communityId) : isNull(t.communityId))!;
}

/** The newest version of a template in one scope, or null. */
export async function latestTemplateInScope(db: DbOrTx, key: string, organizationId: string | null, communityId: string | null): Promise<TemplateVersionRow | null> {
  const [row] = await db
    .select()
    .from(inspectionTemplateVersions)
    .where(and(eq(inspectionTemplateVersions.key, key), scopeFilter(organizationId, communityId)))
    .orderBy(desc(inspectionTemplateVersions.version))
    .limit(1);
  return row ?? null;
}

/**
 * The library's version of a shipped template as a stored row (recorded when it is first used or
 * when the shipped file changed, so inspections can pin it); null when the library has no such
 * template. Safe under concurrency: the unique index decides and the loser reads the winner's row.
 */
export async function libraryTemplateVersion(db: DbOrTx, key: string): Promise<TemplateVersionRow | null> {
  const shipped = inspectionLibrary().templates.get(key);
  const latest = await latestTemplateInScope(db, key, null, null);
  if (!shipped) return latest;
  const hash = hashDefinition(shipped);
  if (latest?.contentHash === hash) return latest;
  // ON CONFLICT DO NOTHING (not a caught error, which would abort a PostgreSQL transaction):
  // another process that recorded the same version first wins, and its row is read back.
  const version = (latest?.version ?? 0) + 1;
  const [row] = await db
    .insert(inspectionTemplateVersions)
    .values({ key, version, definition: { ...shipped, version }, contentHash: hash, authorName: 'Wuye', reason: 'Built-in inspection library' })
    .onConflictDoNothing()
    .returning();
  return row ?? latestTemplateInScope(db, key, null, null);
}

/** The template version new inspections of a community run under: the community's, else the company's, else the library's. */
export async function effectiveTemplate(db: DbOrTx, key: string, organizationId: string, communityId: string | null): Promise<TemplateVersionRow | null> {
  if (communityId) {
    const own = await latestTemplateInScope(db, key, organizationId, communityId);
    if (own) return own;
  }
  return (await latestTemplateInScope(db, key, organizationId, null)) ?? (await libraryTemplateVersion(db, key));
}

/** Versions of a template visible to an organization (library, company, the given communities), newest first. */
export async function templateVersions(db: DbOrTx, key: string, organizationId: string, communityIds: 'all' | string[]): Promise<TemplateVersionRow[]> {
  const t = inspectionTemplateVersions;
  const rows = await db
    .select()
    .from(t)
    .where(and(eq(t.key, key), or(isNull(t.organizationId), eq(t.organizationId, organizationId))))
    .orderBy(desc(t.createdAt), desc(t.version));
  return rows.filter((r) => !r.communityId || communityIds === 'all' || communityIds.includes(r.communityId));
}

/** A template version by id if the actor's organization may see it (library or their own, and a community they serve). */
export async function templateVersionFor(db: DbOrTx, actor: Actor, id: string): Promise<TemplateVersionRow | null> {
  const [row] = await db.select().from(inspectionTemplateVersions).where(eq(inspectionTemplateVersions.id, id));
  if (!row) return null;
  if (row.organizationId === null) return row;
  if (row.organizationId !== actor.organizationId) return null;
  if (row.communityId && actor.communityIds !== 'all' && !actor.communityIds.includes(row.communityId)) return null;
  return row;
}

/** A template version by id, no tenant check (the caller holds a row that pinned it). */
export async function pinnedTemplate(db: DbOrTx, id: string): Promise<InspectionTemplate> {
  const [row] = await db.select({ definition: inspectionTemplateVersions.definition }).from(inspectionTemplateVersions).where(eq(inspectionTemplateVersions.id, id));
  if (!row) throw new Error(`inspection template version ${id} not found`);
  return row.definition;
}

const inspectionScope = (actor: Actor) => tenantScope(actor, { organizationId: inspections.organizationId, communityId: inspections.communityId });
const rectificationScope = (actor: Actor) => tenantScope(actor, { organizationId: rectifications.organizationId, communityId: rectifications.communityId });

/** An inspection in the actor's company and communities; `lock` holds a row lock for the transaction. */
export async function findInspection(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<InspectionRow | null> {
  const q = db.select().from(inspections).where(and(eq(inspections.id, id), inspectionScope(actor)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** A rectification in the actor's company and communities; `lock` holds a row lock for the transaction. */
export async function findRectification(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<RectificationRow | null> {
  const q = db.select().from(rectifications).where(and(eq(rectifications.id, id), rectificationScope(actor)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export { inspectionScope, rectificationScope };
