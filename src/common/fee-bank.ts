import { z } from 'zod';

/**
 * Contracts of the bank-statement import and the Excel import of meter readings (issue #15
 * items 4 and 5). A statement is the CSV or xlsx a bank's online banking exports; the columns a
 * community's bank uses are saved once as its mapping (column headers, matched loosely).
 */

const header = z.string().trim().min(1).max(40);

export const bankMappingInputSchema = z
  .object({
    dateColumn: header.meta({ description: 'Header of the transaction date column, e.g. 交易日期' }),
    amountColumn: header.meta({ description: 'Header of the incoming amount (贷方发生额, 收入金额), or of a signed amount column' }),
    counterpartyColumn: header.optional().meta({ description: 'Header of the payer’s name (对方户名)' }),
    referenceColumns: z.array(header).min(1).max(3).meta({ description: 'Headers of the reference and remark columns (摘要, 附言, 用途), searched for the unit' }),
    transactionIdColumn: header.optional().meta({ description: 'Header of the bank’s transaction number (流水号); without it a line is known by its date, amount, payer and remark' }),
  });
export type BankMappingInput = z.input<typeof bankMappingInputSchema>;

export const bankMappingSchema = bankMappingInputSchema
  .extend({ communityId: z.uuid(), saved: z.boolean().meta({ description: 'False: no mapping saved yet (the answer shows common headers)' }) });
export type BankMapping = z.infer<typeof bankMappingSchema>;

/** Why a statement row was not matched to one payer account. */
export const BANK_UNMATCHED_REASONS = ['no_unit', 'several_units', 'amount_above_due'] as const;
export type BankUnmatchedReason = (typeof BANK_UNMATCHED_REASONS)[number];
/** Rows that are not an incoming transfer, or were imported before. */
export const BANK_SKIP_REASONS = ['not_transaction', 'not_credit', 'already_imported'] as const;

export const bankRowSchema = z.object({
  row: z.number().int().meta({ description: 'Row number in the file' }),
  status: z.enum(['matched', 'unmatched', 'skipped']),
  reason: z.enum([...BANK_UNMATCHED_REASONS, ...BANK_SKIP_REASONS]).nullable(),
  /** The reason in the caller's language. */
  reasonText: z.string().nullable(),
  valueDate: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  counterparty: z.string(),
  reference: z.string(),
  accountId: z.uuid().nullable(),
  accountLabel: z.string().nullable(),
  /** What the matched account owed when the file was read (before this row). */
  dueFen: z.number().int().nullable(),
  /** After commit: the receipt of a posted row. */
  paymentId: z.uuid().nullable(),
  receiptNo: z.string().nullable(),
});
export type BankRow = z.infer<typeof bankRowSchema>;

export const bankImportResultSchema = z
  .object({
    ok: z.boolean(),
    mode: z.enum(['dry-run', 'commit']),
    headers: z.array(z.string()).meta({ description: 'The header row found in the file' }),
    rows: z.array(bankRowSchema),
    matched: z.number().int(),
    matchedFen: z.number().int(),
    unmatched: z.number().int(),
    skipped: z.number().int(),
    posted: z.number().int().meta({ description: 'Payments written (0 on a dry run)' }),
    errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
  });
export type BankImportResult = z.infer<typeof bankImportResultSchema>;

export const BANK_LINE_STATUSES = ['open', 'posted', 'assigned', 'dismissed'] as const;

export const bankLineSchema = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    status: z.enum(BANK_LINE_STATUSES),
    reason: z.enum(BANK_UNMATCHED_REASONS).nullable(),
    reasonText: z.string().nullable(),
    valueDate: z.string(),
    amountFen: z.number().int(),
    counterparty: z.string(),
    reference: z.string(),
    fileName: z.string(),
    importedAt: z.string(),
    accountId: z.uuid().nullable(),
    accountLabel: z.string().nullable(),
    paymentId: z.uuid().nullable(),
    receiptNo: z.string().nullable(),
    note: z.string().nullable(),
  });
export type BankLine = z.infer<typeof bankLineSchema>;

export const bankLineAssignSchema = z.object({ accountId: z.uuid().meta({ description: 'The payer account the desk found for the transfer' }) });
export const bankLineDismissSchema = z.object({ note: z.string().trim().min(1).max(200).meta({ description: 'Why it is no fee (a refund from a supplier, a wrong transfer returned)' }) });

export const meterImportRowSchema = z.object({
  row: z.number().int(),
  serialNo: z.string(),
  unitLabel: z.string(),
  reading: z.number(),
  readOn: z.string(),
  usage: z.number(),
  status: z.enum(['accepted', 'held']),
  heldFor: z.enum(['lower', 'spike']).nullable(),
  chargeFen: z.number().int().nullable(),
});

export const meterImportResultSchema = z
  .object({
    ok: z.boolean(),
    mode: z.enum(['dry-run', 'commit']),
    rows: z.array(meterImportRowSchema),
    accepted: z.number().int(),
    held: z.number().int(),
    created: z.number().int().meta({ description: 'Readings written (0 on a dry run or on any error)' }),
    errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
  });
export type MeterImportResult = z.infer<typeof meterImportResultSchema>;
