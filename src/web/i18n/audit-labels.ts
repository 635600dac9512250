// The audit log's names live with its contracts (src/common/audit.ts): the Excel export speaks the same words.
export { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS, auditActionName, auditLabel, auditValueText } from '../../common/audit';
