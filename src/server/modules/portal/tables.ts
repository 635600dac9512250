import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { UNIT_REQUEST_STATUSES } from '../../../common/portal';
import { RELATION_VALUES } from '../../../common/registry';

/**
 * One-time sign-in codes sent to a phone, each for one company's portal. Only a salted SHA-256 of the code is kept; a code
 * lives 5 minutes and dies after 5 wrong tries or its first successful use. Rows double as the
 * send log the resend and hourly limits count (per phone and per address).
 */
export const otpChallenges = pgTable(
  'otp_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    /** The company whose portal asked for the code: the code signs in to that company's account only. */
    organizationId: uuid('organization_id'),
    /** The community the portal was opened for, when it said; the code must be used for the same one. */
    communityId: uuid('community_id'),
    codeHash: text('code_hash').notNull(),
    ip: text('ip'),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('otp_challenges_phone_idx').on(t.phone, t.createdAt), index('otp_challenges_ip_idx').on(t.ip, t.createdAt)],
);

export type UnitRequestStatus = (typeof UNIT_REQUEST_STATUSES)[number];

/**
 * A resident's own request to be bound to a unit (from the owner portal). While pending, the
 * binding exists with `approved = false` and grants nothing; the desk approves it (the binding
 * becomes active) or rejects it with a reason (the binding is removed, the request kept).
 */
export const unitRequests = pgTable(
  'unit_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** The pending binding; null once rejected. */
    bindingId: uuid('binding_id'),
    relation: text('relation', { enum: RELATION_VALUES }).notNull(),
    status: text('status').$type<UnitRequestStatus>().notNull().default('pending'),
    reason: text('reason'),
    requestedByUserId: uuid('requested_by_user_id').notNull(),
    decidedByUserId: uuid('decided_by_user_id'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('unit_requests_community_status_idx').on(t.communityId, t.status, t.createdAt),
    index('unit_requests_resident_idx').on(t.residentId),
  ],
);

/**
 * The phone each portal account proved with a sign-in code. Links a person who has not yet
 * registered as a resident (an account with no organization and no roles) to their phone.
 */
export const portalAccounts = pgTable(
  'portal_accounts',
  {
    userId: uuid('user_id').primaryKey(),
    phone: text('phone').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('portal_accounts_phone_idx').on(t.phone)],
);

/**
 * Each acceptance of the portal's privacy notice (`PRIVACY_NOTICE` in src/common): the account,
 * the version of the notice it accepted and when. A new version asks everyone again; the rows of
 * earlier versions stay as the record of what was accepted when.
 */
export const portalPrivacyConsents = pgTable(
  'portal_privacy_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    noticeVersion: text('notice_version').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('portal_privacy_consents_user_version_uq').on(t.userId, t.noticeVersion)],
);
