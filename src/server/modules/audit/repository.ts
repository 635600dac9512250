import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import type { AuditQuery } from './schemas';
import { auditLog } from './tables';

/** One page of the audit trail visible to the actor, newest first. */
export async function listAudit(db: Db, actor: Actor, q: AuditQuery) {
  const where: SQL[] = [tenantScope(actor, { organizationId: auditLog.organizationId })];
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.actorId) where.push(eq(auditLog.actorUserId, q.actorId));
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lt(auditLog.at, new Date(q.to)));
  const filter = and(...where);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(filter)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(auditLog).where(filter),
  ]);
  return { rows, total: total?.n ?? 0 };
}
