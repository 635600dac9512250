import { bigint, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/*
 * Bank-statement import (docs/fees.md, "Bank statements"): the column mapping a community saves
 * for its bank's export, and every incoming line read from a committed statement. A line is known
 * by its key (the bank's transaction number, or a digest of its date, amount, payer and remark),
 * unique per community, so a statement imported twice posts nothing new.
 */

/** Which columns of the community's bank export hold the date, amount, payer and remarks. */
export const feeBankMappings = pgTable('fee_bank_mappings', {
  communityId: uuid('community_id').primaryKey(),
  organizationId: uuid('organization_id').notNull(),
  dateColumn: text('date_column').notNull(),
  amountColumn: text('amount_column').notNull(),
  counterpartyColumn: text('counterparty_column'),
  referenceColumns: jsonb('reference_columns').$type<string[]>().notNull(),
  transactionIdColumn: text('transaction_id_column'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An incoming transfer of a committed statement: posted to an account, or open for the desk. */
export const feeBankLines = pgTable(
  'fee_bank_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    lineKey: text('line_key').notNull(),
    status: text('status', { enum: ['open', 'posted', 'assigned', 'dismissed'] }).notNull(),
    reason: text('reason', { enum: ['no_unit', 'several_units', 'amount_above_due'] }),
    valueDate: date('value_date').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    counterparty: text('counterparty').notNull(),
    reference: text('reference').notNull(),
    fileName: text('file_name').notNull(),
    accountId: uuid('account_id'),
    paymentId: uuid('payment_id'),
    note: text('note'),
    importedBy: uuid('imported_by').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('fee_bank_lines_key_uq').on(t.communityId, t.lineKey), index('fee_bank_lines_community_idx').on(t.communityId, t.status, t.valueDate)],
);
