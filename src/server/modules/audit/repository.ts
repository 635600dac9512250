import { and, count, desc, eq, gte, isNotNull, lt, max, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { auditEntityKind, auditEntityTypes } from './entities';
import type { AuditFilter } from './schemas';
import { auditLog } from './tables';

/**
 * Records about a community: the community itself and every registered entity that belongs to
 * it, each type through its owner's id subquery (nothing is copied onto the records).
 */
function aboutCommunity(communityId: string): SQL {
  const parts: SQL[] = [];
  for (const type of auditEntityTypes()) {
    const ids = auditEntityKind(type)!.idsInCommunity(type, communityId);
    if (ids) parts.push(and(eq(auditLog.entityType, type), sql`${auditLog.entityId} in (${ids})`)!);
  }
  return parts.length ? or(...parts)! : sql`false`;
}

/** The filter of a list or export, always inside the actor's scope. */
export function auditWhere(actor: Actor, q: AuditFilter): SQL {
  const where: SQL[] = [tenantScope(actor, { organizationId: auditLog.organizationId })];
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.actorId) where.push(eq(auditLog.actorUserId, q.actorId));
  if (q.communityId) where.push(aboutCommunity(q.communityId));
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lt(auditLog.at, new Date(q.to)));
  return and(...where)!;
}

/** Records matching a filter, newest first, a window at a time. */
export async function auditRows(db: DbOrTx, where: SQL, limit: number, offset: number) {
  return db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit).offset(offset);
}

/** How many records match a filter. */
export async function countAudit(db: DbOrTx, where: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog).where(where);
  return row?.n ?? 0;
}

/** One page of the audit trail visible to the actor, newest first. */
export async function listAudit(db: DbOrTx, actor: Actor, q: AuditFilter & { page: number; pageSize: number }) {
  const where = auditWhere(actor, q);
  const [rows, total] = await Promise.all([auditRows(db, where, q.pageSize, (q.page - 1) * q.pageSize), countAudit(db, where)]);
  return { rows, total };
}

/**
 * The people who acted in the actor's log, most recent first, with the name they last had there
 * (for the person filter; the system itself has no account and is left out).
 */
export async function auditActors(db: DbOrTx, actor: Actor, limit = 500) {
  const last = max(auditLog.at);
  const rows = await db
    .select({ id: auditLog.actorUserId, name: sql<string>`(array_agg(${auditLog.actorName} order by ${auditLog.at} desc))[1]`, last })
    .from(auditLog)
    .where(and(tenantScope(actor, { organizationId: auditLog.organizationId }), isNotNull(auditLog.actorUserId)))
    .groupBy(auditLog.actorUserId)
    .orderBy(desc(last))
    .limit(limit);
  return rows.map((r) => ({ id: r.id!, displayName: r.name ?? '' }));
}
