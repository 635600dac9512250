import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Kinds of entries on a timeline: the opening, a transition of the standard, a step recorded
 * without one (a check-in, a worker added), a comment, a timer's effect, a link to other work.
 */
export type WorkEventKind = 'created' | 'transition' | 'step' | 'comment' | 'timer' | 'linked';

/**
 * The one append-only timeline of every kind of work (work orders, passes, slips, decorations,
 * patrol rounds ...), keyed by `(subject_type, subject_id)`. Replaces work_order_events and
 * gate_events (migration 0005 copied their rows).
 */
export const workEvents = pgTable(
  'work_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    /** A registered subject type (src/server/work/subjects.ts). */
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    kind: text('kind').$type<WorkEventKind>().notNull(),
    /** The transition key, `created`, or a module's own step name (check_in, add_worker ...). */
    action: text('action'),
    /** Null for automatic steps (sweeper, jobs). Names are copied so they stay readable. */
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    /** How a step reached the system (phone, visit, app ...), where the module records it. */
    channel: text('channel'),
    fromState: text('from_state'),
    toState: text('to_state'),
    /** `owner` entries are shown to residents; `internal` ones to staff only. */
    visibility: text('visibility').$type<'internal' | 'owner'>().notNull().default('owner'),
    automatic: boolean('automatic').notNull().default(false),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Write order: entries of one step share `at`, and the timeline must keep them in order. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [index('work_events_subject_idx').on(t.subjectType, t.subjectId, t.at), index('work_events_community_idx').on(t.communityId, t.at)],
);

/**
 * An uploaded file serving a subject: a work order's photos, a released slip's guard signature, a
 * decoration worker's certificate copy, a patrol check-in photo, a handover signature. Whoever may
 * read any subject a file is linked to may read the file (src/server/work/attachment-links.ts).
 */
export const attachmentLinks = pgTable(
  'attachment_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    attachmentId: uuid('attachment_id').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The record it serves on the subject: intake, before, after, owner, guard_signature, certificate ... */
    purpose: text('purpose').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('attachment_links_uq').on(t.attachmentId, t.subjectType, t.subjectId),
    index('attachment_links_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

/**
 * Idempotency keys of requests that keep their key inside their own transaction (work-order
 * intake, and the steps of every kind of work through `stepOnce`), per organization and user: the
 * first response is stored and returned to every retry. The unique index makes a concurrent retry
 * wait for the first. Other creating requests use the HTTP layer's `request_keys`.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('idempotency_keys_uq').on(t.organizationId, t.userId, t.key)],
);
