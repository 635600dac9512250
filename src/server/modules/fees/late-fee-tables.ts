import { bigint, bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LateFeeBasis } from '../../../common/fee-late';

/*
 * Late fees (docs/fees.md, "Late fees"): the rules a manager sets, as dated versions never edited,
 * and the accruals the daily job posts. An accrual is one `late_fee` entry of the ledger for one
 * charge on one day (unique), with the basis it was computed on, so the job run twice on a day
 * (or by two processes) posts once, and a waived (reversed) late fee is never posted again.
 */

/** A late-fee rule of a community (itemId null) or of one fee item, from a date on. */
export const feeLateFeeRules = pgTable(
  'fee_late_fee_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Creation order: of two versions starting on the same day, the later one holds. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    itemId: uuid('item_id'),
    effectiveFrom: date('effective_from').notNull(),
    mode: text('mode', { enum: ['off', 'daily_rate', 'fixed'] }).notNull(),
    /** Daily rate in hundredths of ‰ (0.5‰ = 50), i.e. per 100,000 of the principal. */
    dailyRatePer100k: integer('daily_rate_per_100k'),
    fixedFen: bigint('fixed_fen', { mode: 'number' }),
    periodDays: integer('period_days'),
    graceDays: integer('grace_days'),
    capPercent: integer('cap_percent'),
    capFen: bigint('cap_fen', { mode: 'number' }),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('fee_late_fee_rules_community_idx').on(t.communityId, t.effectiveFrom)],
);

/** One posting of late fees on one charge: the ledger entry, the late days it covers and its basis. */
export const feeLateFeeAccruals = pgTable(
  'fee_late_fee_accruals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** The charge (principal) the late fee accrues on. */
    chargeId: uuid('charge_id').notNull(),
    /** The `late_fee` entry posted. */
    entryId: uuid('entry_id').notNull(),
    /** The day the job posted it (the entry's date). */
    accruedOn: date('accrued_on').notNull(),
    fromDay: date('from_day').notNull(),
    throughDay: date('through_day').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** The charge's total late fee through `throughDay` (the sum of its postings up to this one). */
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    basis: jsonb('basis').$type<LateFeeBasis>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fee_late_fee_accruals_charge_day_uq').on(t.chargeId, t.accruedOn),
    uniqueIndex('fee_late_fee_accruals_entry_uq').on(t.entryId),
    index('fee_late_fee_accruals_account_idx').on(t.accountId),
  ],
);
