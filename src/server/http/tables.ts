import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Idempotency keys of creating requests (http/idempotency.ts), per user: the claim is written
 * before the handler runs, the first response when it answers. A key is kept a day; a claim whose
 * request never answered is given up after a few minutes. Work-order intake and steps keep their
 * own keys inside their transaction (the kernel's `idempotency_keys`, work/idempotency.ts).
 */
export const requestKeys = pgTable(
  'request_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    /** Null for a signed-in person without an organization yet (owner-portal registration). */
    organizationId: uuid('organization_id'),
    /** SHA-256 of method, route, path parameters and the JSON body as sent. */
    requestHash: text('request_hash').notNull(),
    /** Null while the first request is in flight. */
    statusCode: integer('status_code'),
    response: text('response'),
    contentType: text('content_type'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('request_keys_created_idx').on(t.createdAt)],
);
