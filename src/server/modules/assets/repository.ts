import { and, asc, count, eq, ilike, inArray, ne, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { assetQuerySchema } from '../../../common/assets';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { assetPolicy, isStaff } from './policy';
import { assets } from './tables';

export type AssetRow = typeof assets.$inferSelect;
export type AssetFilter = Omit<z.output<typeof assetQuerySchema>, 'page' | 'pageSize' | 'format'>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The assets of the communities the actor serves (staff only), filtered; by community, then code. */
export async function listAssets(db: DbOrTx, actor: Actor, q: AssetFilter, w: { limit: number; offset: number }) {
  if (!isStaff(actor)) return { rows: [] as AssetRow[], total: 0 };
  const like = q.q ? `%${escapeLike(q.q)}%` : null;
  const where = and(
    tenantScope(actor, { organizationId: assets.organizationId, communityId: assets.communityId }),
    q.communityId ? eq(assets.communityId, q.communityId) : undefined,
    q.category ? eq(assets.category, q.category) : undefined,
    q.status ? eq(assets.status, q.status) : ne(assets.status, 'retired'),
    q.buildingId ? eq(assets.buildingId, q.buildingId) : undefined,
    like ? or(ilike(assets.code, like), ilike(assets.name, like), ilike(assets.place, like)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(assets).where(where).orderBy(asc(assets.communityId), asc(assets.code), asc(assets.id)).limit(w.limit).offset(w.offset),
    db.select({ n: count() }).from(assets).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** An asset the actor may read, or null (another community's or company's reads like a random id). */
export async function findAsset(db: DbOrTx, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<AssetRow | null> {
  if (!isStaff(actor)) return null;
  const query = db
    .select()
    .from(assets)
    .where(and(eq(assets.id, id), tenantScope(actor, { organizationId: assets.organizationId, communityId: assets.communityId })));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row && assetPolicy.can(actor, 'read', row) ? row : null;
}

/** Codes of a community's register that are already taken (of those asked). */
export async function takenCodes(db: DbOrTx, communityId: string, codes: readonly string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db
    .select({ code: assets.code })
    .from(assets)
    .where(and(eq(assets.communityId, communityId), inArray(assets.code, [...codes])));
  return new Set(rows.map((r) => r.code));
}
