import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Pricing } from '../../../common/fees';

/*
 * The fees ledger (docs/fees.md). `fee_entries` and `fee_allocations` are append-only: a trigger
 * (migration 0015) refuses UPDATE and DELETE on both, on PGlite and PostgreSQL alike. Everything
 * an account shows (balance, arrears, ageing, prepayment, paid-through dates) is computed from them.
 */

/** A fee item of a community (物业费, 停车费, 水费 ...): its kind, cycle and rounding. Prices live in versions. */
export const feeItems = pgTable(
  'fee_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['area', 'fixed', 'metered', 'one_off'] }).notNull(),
    cycle: text('cycle', { enum: ['monthly', 'quarterly', 'yearly'] }),
    rounding: text('rounding', { enum: ['half_up', 'down', 'up'] }).notNull(),
    /** What other modules post to this item: `paid_repair` takes the charges of paid repairs (one per community). */
    purpose: text('purpose', { enum: ['paid_repair'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    index('fee_items_community_idx').on(t.communityId),
    uniqueIndex('fee_items_community_name_uq').on(t.communityId, t.name).where(sql`${t.archivedAt} is null`),
    uniqueIndex('fee_items_community_purpose_uq').on(t.communityId, t.purpose).where(sql`${t.archivedAt} is null and ${t.purpose} is not null`),
  ],
);

/** A price of an item from a date on; the version in force on a day prices that day. Never edited. */
export const feeItemVersions = pgTable(
  'fee_item_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    itemId: uuid('item_id').notNull().references(() => feeItems.id),
    effectiveFrom: date('effective_from').notNull(),
    pricing: jsonb('pricing').$type<Pricing>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fee_item_versions_item_from_uq').on(t.itemId, t.effectiveFrom)],
);

/** A payer account: a unit today; parking spaces and contracts later. Locked by every write to it. */
export const feeAccounts = pgTable(
  'fee_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    kind: text('kind', { enum: ['unit', 'parking_space', 'contract'] }).notNull(),
    unitId: uuid('unit_id'),
    /** Building and unit number when the account was opened, e.g. 1栋 101. */
    label: text('label').notNull(),
    /**
     * Σ of the account's entries in fen (positive: owed; negative: credit), moved by the ledger's
     * one writer (`commands/ledger-write.ts`) in the transaction of every entry, under the
     * account's lock. Every write settles its account, so a negative balance is unallocated credit.
     */
    balanceFen: bigint('balance_fen', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fee_accounts_unit_uq').on(t.unitId).where(sql`${t.kind} = 'unit'`), index('fee_accounts_community_idx').on(t.communityId)],
);

/** One ledger entry. Positive amounts are owed by the payer, negative ones are in their favour. */
export const feeEntries = pgTable(
  'fee_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order (ties on dates when allocating). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    accountId: uuid('account_id').notNull().references(() => feeAccounts.id),
    kind: text('kind', { enum: ['charge', 'payment', 'discount', 'late_fee', 'adjustment', 'refund', 'write_off', 'reversal'] }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    entryDate: date('entry_date').notNull(),
    dueOn: date('due_on').notNull(),
    itemId: uuid('item_id').references(() => feeItems.id),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    billRunId: uuid('bill_run_id'),
    paymentId: uuid('payment_id'),
    reversesId: uuid('reverses_id'),
    /** The paid repair this charge is for (work orders hand their agreed quote to the ledger once). */
    workOrderId: uuid('work_order_id'),
    memo: text('memo'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fee_entries_account_idx').on(t.accountId, t.seq),
    index('fee_entries_community_date_idx').on(t.communityId, t.entryDate),
    index('fee_entries_run_idx').on(t.billRunId),
    uniqueIndex('fee_entries_reverses_uq').on(t.reversesId),
    uniqueIndex('fee_entries_work_order_uq').on(t.workOrderId).where(sql`${t.kind} = 'charge'`),
  ],
);

/** Credit -> debit allocation; a negative row releases an earlier one. Append-only like entries. */
export const feeAllocations = pgTable(
  'fee_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    organizationId: uuid('organization_id').notNull(),
    accountId: uuid('account_id').notNull().references(() => feeAccounts.id),
    creditId: uuid('credit_id').notNull().references(() => feeEntries.id),
    debitId: uuid('debit_id').notNull().references(() => feeEntries.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('fee_allocations_account_idx').on(t.accountId, t.seq), index('fee_allocations_debit_idx').on(t.debitId), index('fee_allocations_credit_idx').on(t.creditId)],
);

/** A bill run: the charges of one cycle's items for one period in one community. */
export const feeBillRuns = pgTable(
  'fee_bill_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    cycle: text('cycle', { enum: ['monthly', 'quarterly', 'yearly'] }).notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    status: text('status', { enum: ['posted', 'reversed'] }).notNull(),
    chargeCount: integer('charge_count').notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    summary: jsonb('summary').$type<{ byBuilding: unknown[]; skipped: unknown[] }>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
    reversedBy: uuid('reversed_by'),
  },
  (t) => [index('fee_bill_runs_community_idx').on(t.communityId, t.periodStart)],
);

/** A closed period of a community: entries dated on or before `through` are refused. */
export const feePeriodCloses = pgTable(
  'fee_period_closes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    through: date('through').notNull(),
    closedBy: uuid('closed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('fee_period_closes_community_idx').on(t.communityId, t.through)],
);

export interface PaymentLine {
  method: 'cash' | 'bank_card' | 'transfer' | 'wechat_pay' | 'alipay';
  amountFen: number;
  reference: string | null;
  tenderedFen: number | null;
  changeFen: number | null;
}

/** A payment taken at the desk and its receipt. The money is the payment entry; this is the document. */
export const feePayments = pgTable(
  'fee_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    accountId: uuid('account_id').notNull().references(() => feeAccounts.id),
    receiptNo: text('receipt_no').notNull(),
    entryId: uuid('entry_id').notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    lines: jsonb('lines').$type<PaymentLine[]>().notNull(),
    payerName: text('payer_name'),
    memo: text('memo'),
    cashierUserId: uuid('cashier_user_id').notNull(),
    cashierName: text('cashier_name').notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['valid', 'void'] }).notNull().default('valid'),
    voidReason: text('void_reason'),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidedBy: uuid('voided_by'),
    voidEntryId: uuid('void_entry_id'),
    replacesPaymentId: uuid('replaces_payment_id'),
    printCount: integer('print_count').notNull().default(0),
    /** Random code in the receipt's QR link; the verification page shows the receipt's facts by it. */
    verifyCode: text('verify_code').notNull(),
  },
  (t) => [
    uniqueIndex('fee_payments_receipt_uq').on(t.communityId, t.receiptNo),
    uniqueIndex('fee_payments_verify_uq').on(t.verifyCode),
    index('fee_payments_account_idx').on(t.accountId),
    index('fee_payments_community_paid_idx').on(t.communityId, t.paidAt),
  ],
);
