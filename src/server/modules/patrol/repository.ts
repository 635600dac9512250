import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { visibleCommunity } from '../registry';
import { patrolCheckpoints, patrolRounds, patrolRoutes, patrolVisits } from './tables';

export type RoundRow = typeof patrolRounds.$inferSelect;
export type VisitRow = typeof patrolVisits.$inferSelect;
export type RouteRow = typeof patrolRoutes.$inferSelect;
export type CheckpointRow = typeof patrolCheckpoints.$inferSelect;

/** Subject type of patrol-round SLA timers. */
export const ROUND_SUBJECT = 'patrol_round';

/** A community the actor may see (not archived). */
export async function findCommunity(db: DbOrTx, actor: Actor, id: string) {
  return visibleCommunity(db, actor, id, { active: true });
}

/** A visible round; `lock` takes a row lock for the rest of the transaction. */
export async function findRound(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<RoundRow | null> {
  const q = db.select().from(patrolRounds).where(and(eq(patrolRounds.id, id), tenantScope(actor, { organizationId: patrolRounds.organizationId, communityId: patrolRounds.communityId })));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** A visible, not archived route with its checkpoints in walking order. */
export async function findRoute(db: DbOrTx, actor: Actor, id: string): Promise<{ route: RouteRow; checkpoints: CheckpointRow[] } | null> {
  const [route] = await db
    .select()
    .from(patrolRoutes)
    .where(and(eq(patrolRoutes.id, id), sql`${patrolRoutes.archivedAt} is null`, tenantScope(actor, { organizationId: patrolRoutes.organizationId, communityId: patrolRoutes.communityId })));
  if (!route) return null;
  return { route, checkpoints: await checkpointsOf(db, route.id) };
}

export function checkpointsOf(db: DbOrTx, routeId: string): Promise<CheckpointRow[]> {
  return db.select().from(patrolCheckpoints).where(eq(patrolCheckpoints.routeId, routeId)).orderBy(asc(patrolCheckpoints.seq));
}

export function visitsOf(db: DbOrTx, roundIds: string[]): Promise<VisitRow[]> {
  if (!roundIds.length) return Promise.resolve([]);
  return db.select().from(patrolVisits).where(inArray(patrolVisits.roundId, roundIds)).orderBy(asc(patrolVisits.seq));
}
