import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every message to a person outside the console (owners): queued inside the transaction that
 * caused it, then handed to the configured channel. In development the channel only records it.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id'),
    channel: text('channel').$type<'email' | 'sms' | 'wechat'>().notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /**
     * True for a message carrying a secret (a sign-in code): `body` holds the text with the secret
     * masked; the clear text lives only in the memory of the process that queued it, until sent.
     */
    redacted: boolean('redacted').notNull().default(false),
    status: text('status').$type<'pending' | 'sent' | 'recorded' | 'failed'>().notNull().default('pending'),
    /** smtp | outbox | ... */
    provider: text('provider').notNull().default(''),
    error: text('error'),
    entityType: text('entity_type'),
    entityId: uuid('entity_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbound_messages_org_idx').on(t.organizationId, t.createdAt), index('outbound_messages_status_idx').on(t.status)],
);
