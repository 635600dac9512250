import type { z } from 'zod';
import type { auditEntrySchema } from './schemas';
import type { auditLog } from './tables';

/** Audit row -> API shape. */
export function presentAuditEntry(row: typeof auditLog.$inferSelect): z.infer<typeof auditEntrySchema> {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actorName ? { id: row.actorUserId, displayName: row.actorName } : null,
    entityType: row.entityType,
    entityId: row.entityId,
    action: row.action,
    summary: row.summary,
  };
}
