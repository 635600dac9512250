// The audit contracts live in src/common/audit.ts (shared with the console).
export { auditActorsSchema, auditEntrySchema, auditFilterSchema, auditPageSchema, auditQuerySchema, type AuditFilter, type AuditQuery } from '../../../common/audit';
