import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DisclosureFigures, DisclosureLine } from '../../../common/fee-owner';

/*
 * The owner's side of the fees ledger (docs/fees.md): how a community is paid (bank account and
 * payment reference, shown in the owner portal) and its published fee disclosures. A disclosure
 * version is written once and never changed: the trigger of its migration refuses UPDATE and
 * DELETE; a correction is a new version.
 */

/** How owners pay a community: its bank account and what to write as the payment reference. */
export const feeCommunitySettings = pgTable('fee_community_settings', {
  communityId: uuid('community_id').primaryKey(),
  organizationId: uuid('organization_id').notNull(),
  bankName: text('bank_name').notNull().default(''),
  accountName: text('account_name').notNull().default(''),
  accountNo: text('account_no').notNull().default(''),
  /** What the owner writes as the transfer's reference, e.g. “房号+业主姓名”. */
  referenceHint: text('reference_hint').notNull().default(''),
  /** Desk hours or other ways to pay, as free text. */
  payNote: text('pay_note').notNull().default(''),
  /** Arrears reminders (docs/fees.md): off until a manager turns them on. */
  remindersEnabled: boolean('reminders_enabled').notNull().default(false),
  /** First reminder once the oldest unpaid charge is this many days overdue. */
  reminderAfterDays: integer('reminder_after_days').notNull().default(30),
  /** Cadence: at least this many days between two reminders of one account. */
  reminderEveryDays: integer('reminder_every_days').notNull().default(30),
  /** Cap: at most this many reminders of one account in any 365 days. */
  reminderMaxPerYear: integer('reminder_max_per_year').notNull().default(4),
  /** Also text the owners (through the outbox), besides the portal notice. */
  reminderSms: boolean('reminder_sms').notNull().default(false),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A published version of a community's fee disclosure for a month, quarter or year. Immutable. */
export const feeDisclosures = pgTable(
  'fee_disclosures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    periodKind: text('period_kind', { enum: ['month', 'quarter', 'year'] }).notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    version: integer('version').notNull(),
    /** Figures derived from the ledger when the version was published. */
    figures: jsonb('figures').$type<DisclosureFigures>().notNull(),
    /** Spending by category and shared-part income with its costs, entered by the manager. */
    lines: jsonb('lines').$type<DisclosureLine[]>().notNull(),
    spendingFen: bigint('spending_fen', { mode: 'number' }).notNull(),
    sharedIncomeFen: bigint('shared_income_fen', { mode: 'number' }).notNull(),
    sharedCostFen: bigint('shared_cost_fen', { mode: 'number' }).notNull(),
    note: text('note').notNull().default(''),
    /** What this version corrects (its reason), for versions after the first. */
    correctionReason: text('correction_reason'),
    publishedOn: date('published_on').notNull(),
    publishedBy: uuid('published_by').notNull(),
    publishedByName: text('published_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fee_disclosures_version_uq').on(t.communityId, t.periodKind, t.periodStart, t.version),
    index('fee_disclosures_community_idx').on(t.communityId, t.periodStart),
  ],
);

/** One arrears reminder of an account on a day (at most one a day: the unique key makes the job idempotent). */
export const feeReminders = pgTable(
  'fee_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    accountId: uuid('account_id').notNull(),
    remindOn: date('remind_on').notNull(),
    arrearsFen: bigint('arrears_fen', { mode: 'number' }).notNull(),
    /** Days the oldest unpaid charge was overdue. */
    overdueDays: integer('overdue_days').notNull(),
    /** How it reached the owners: `portal`, `sms`. */
    channels: jsonb('channels').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fee_reminders_account_day_uq').on(t.accountId, t.remindOn), index('fee_reminders_community_idx').on(t.communityId, t.remindOn)],
);
