import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A record another module adds to a handover: its type, id and the facts shown with it. */
export interface HandoverInclude {
  type: string;
  id: string;
  facts: Record<string, string | number | null>;
}

export type PostKind = 'gate' | 'patrol' | 'control_room' | 'fee' | 'parking';

/** An item counted at every handover of a post, with the count the post should hold. */
export interface ChecklistItem {
  key: string;
  name: string;
  expected: number;
}

/** A count taken at a handover; `note` explains a difference. */
export interface ItemCount {
  key: string;
  name: string;
  expected: number;
  count: number;
  note: string | null;
}

/** A duty post of a community (gate, patrol, control room, fee post ...) and who holds it now. */
export const dutyPosts = pgTable(
  'duty_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<PostKind>().notNull(),
    checklist: jsonb('checklist').$type<ChecklistItem[]>().notNull(),
    onDutyUserId: uuid('on_duty_user_id'),
    onDutyName: text('on_duty_name'),
    onDutySince: timestamp('on_duty_since', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('duty_posts_community_idx').on(t.communityId)],
);

/**
 * A shift handover: the outgoing guard counts, lists open matters and signs; the incoming guard
 * counts, explains differences and signs, and only then holds the post. One open handover per post.
 */
export const shiftHandovers = pgTable(
  'shift_handovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    postId: uuid('post_id').notNull(),
    status: text('status').$type<'awaiting_incoming' | 'completed'>().notNull(),
    outgoingUserId: uuid('outgoing_user_id').notNull(),
    outgoingName: text('outgoing_name').notNull(),
    outgoingCounts: jsonb('outgoing_counts').$type<ItemCount[]>().notNull(),
    openMatters: text('open_matters'),
    outgoingSignatureId: uuid('outgoing_signature_id').notNull(),
    handedAt: timestamp('handed_at', { withTimezone: true }).notNull(),
    incomingUserId: uuid('incoming_user_id'),
    incomingName: text('incoming_name'),
    incomingCounts: jsonb('incoming_counts').$type<ItemCount[]>(),
    incomingSignatureId: uuid('incoming_signature_id'),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    /** What other modules add to the handover (a fee post: the cashier's shift close); see handover-includes.ts. */
    included: jsonb('included').$type<HandoverInclude[]>().notNull().default([]),
  },
  (t) => [
    index('shift_handovers_post_idx').on(t.postId, t.handedAt),
    uniqueIndex('shift_handovers_open_uq').on(t.postId).where(sql`${t.status} = 'awaiting_incoming'`),
  ],
);
