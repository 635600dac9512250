// The audit module's public surface: the only file other modules import (docs/notes-lint.md).
export { auditRoutes } from './routes';
export { recordAudit, summarizeChange, type AuditEntry } from './record-audit';
export { eraseActorFromAudit, redactAuditSummaries } from './redact';
export { registerAuditEntities, type AuditEntityKind, type AuditEntityName } from './entities';
