import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditLog } from './tables';

/**
 * Removes personal-data keys from the before/after summaries of the named entities' audit
 * records, keeping who did what and when (retention and erasure under PIPL: the trail stays,
 * the person's name and phone leave it). Returns how many records were touched.
 */
export async function redactAuditSummaries(
  tx: DbOrTx,
  target: { organizationId: string; entityType: string; entityIds: string[]; keys: string[] },
): Promise<number> {
  if (!target.entityIds.length || !target.keys.length) return 0;
  const keys = sql`array[${sql.join(target.keys.map((k) => sql`${k}`), sql`, `)}]::text[]`;
  const withoutBefore = sql`case when ${auditLog.summary} ? 'before' then jsonb_set(${auditLog.summary}, '{before}', (${auditLog.summary} -> 'before') - ${keys}) else ${auditLog.summary} end`;
  const rows = await tx
    .update(auditLog)
    .set({
      summary: sql`case when ${auditLog.summary} ? 'after' then jsonb_set(${withoutBefore}, '{after}', (${auditLog.summary} -> 'after') - ${keys}) else ${withoutBefore} end`,
    })
    .where(and(eq(auditLog.organizationId, target.organizationId), eq(auditLog.entityType, target.entityType), inArray(auditLog.entityId, target.entityIds)))
    .returning({ id: auditLog.id });
  return rows.length;
}

/** Audit records the erased person made carry `name` instead of theirs; what they did stays. */
export async function eraseActorFromAudit(tx: DbOrTx, organizationId: string, userIds: string[], name: string): Promise<void> {
  if (!userIds.length) return;
  await tx.update(auditLog).set({ actorName: name }).where(and(eq(auditLog.organizationId, organizationId), inArray(auditLog.actorUserId, userIds)));
}
