import { sql } from 'drizzle-orm';
import type { MessageParam } from '../../i18n/messages';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The staff inbox. A notification stores its message key and parameters, not rendered text,
 * so each reader sees it in their own language.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id'),
    userId: uuid('user_id').notNull(),
    /** assigned | due_soon | breached | owner_replied | escalated | ... */
    kind: text('kind').notNull(),
    messageKey: text('message_key').notNull(),
    params: jsonb('params').$type<Record<string, MessageParam>>().notNull().default({}),
    entityType: text('entity_type'),
    entityId: uuid('entity_id'),
    /** Deduplicates repeated raises of the same event for the same user (e.g. a sweeper retry). */
    dedupeKey: text('dedupe_key'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
  ],
);
