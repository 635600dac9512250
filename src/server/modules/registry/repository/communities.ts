import { and, count, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { tenantScope, type Actor } from '../../../db/scope';
import type { CommunityQuery } from '../schemas';
import { communities } from '../tables';
import { archivedFilter, contains, orderBy, qualified, type Window } from './query-helpers';

/** Communities the actor may see: their organization (staff: served communities; residents: their own). */
export const communityScope = (actor: Actor): SQL =>
  tenantScope(actor, { organizationId: communities.organizationId, communityId: communities.id });

const columns = {
  community: communities,
  buildingCount: sql<number>`(select count(*)::int from buildings b where b.community_id = ${qualified('communities', 'id')} and b.archived_at is null)`,
  unitCount: sql<number>`(select count(*)::int from units u where u.community_id = ${qualified('communities', 'id')} and u.archived_at is null)`,
};
export type CommunityRow = { community: typeof communities.$inferSelect; buildingCount: number; unitCount: number };

function filters(actor: Actor, q: Omit<CommunityQuery, 'page' | 'pageSize'>): SQL | undefined {
  const where: (SQL | undefined)[] = [communityScope(actor), archivedFilter(communities.archivedAt, q.archived)];
  if (q.q) where.push(or(contains(communities.name, q.q), contains(communities.address, q.q)));
  return and(...where);
}

/** One window of the communities visible to the actor, with building and unit counts. */
export async function listCommunities(db: DbOrTx, actor: Actor, q: Omit<CommunityQuery, 'page' | 'pageSize'>, w: Window) {
  const where = filters(actor, q);
  const [rows, [total]] = await Promise.all([
    db
      .select(columns)
      .from(communities)
      .where(where)
      .orderBy(...orderBy(q.sort, { name: communities.name, createdAt: communities.createdAt }, communities.id))
      .limit(w.limit)
      .offset(w.offset),
    db.select({ n: count() }).from(communities).where(where),
  ]);
  return { rows: rows as CommunityRow[], total: total?.n ?? 0 };
}

/** One community visible to the actor, archived or not; null when it is not theirs to see. */
export async function findCommunity(db: DbOrTx, actor: Actor, id: string): Promise<CommunityRow | null> {
  const [row] = await db.select(columns).from(communities).where(and(eq(communities.id, id), communityScope(actor)));
  return (row as CommunityRow | undefined) ?? null;
}

/** Active communities of the actor's scope with the given ids (for name lookups and checks). */
export async function communitiesByIds(db: DbOrTx, actor: Actor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .where(and(communityScope(actor), inArray(communities.id, ids)));
}
