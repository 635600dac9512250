import type { AuditEntry } from '../../../common/audit';
import type { AuditEntityName } from './entities';
import type { auditLog } from './tables';

/** Audit row -> API shape, with the entity's name today and, for a step of a standard, the step's name. */
export function presentAuditEntry(row: typeof auditLog.$inferSelect, names: ReadonlyMap<string, AuditEntityName>): AuditEntry {
  const entity = row.entityId ? names.get(`${row.entityType}:${row.entityId}`) : undefined;
  const step = entity?.stepNames?.get(row.action);
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actorName ? { id: row.actorUserId, displayName: row.actorName } : null,
    entityType: row.entityType,
    entityId: row.entityId,
    entity: entity ? { label: entity.label, communityId: entity.communityId } : null,
    action: row.action,
    actionName: step ? { 'zh-CN': step['zh-CN'], 'en-US': step['en-US'] } : null,
    summary: row.summary,
  };
}
