import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export interface AuditSummary {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/**
 * Append-only record of every write: who did what to which entity, with a before/after summary.
 * The actor's name is copied so the record stays readable after the account changes.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id'),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    action: text('action').notNull(),
    summary: jsonb('summary').$type<AuditSummary>().notNull().default({}),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_org_at_idx').on(t.organizationId, t.at),
    index('audit_entity_idx').on(t.entityType, t.entityId),
  ],
);
