import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/**
 * The running counters of the numbering service (numbering.ts): per organization, scope (a
 * community, usually), period (a local day 'YYYY-MM-DD' or a year 'YYYY') and prefix, the last
 * value handed out. One row per key; `nextNumber` increments it with one upsert.
 */
export const workCounters = pgTable(
  'work_counters',
  {
    organizationId: uuid('organization_id').notNull(),
    scopeId: uuid('scope_id').notNull(),
    periodKey: text('period_key').notNull(),
    prefix: text('prefix').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.scopeId, t.periodKey, t.prefix] })],
);
