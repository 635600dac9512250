import { z } from 'zod';

/**
 * Contracts of the fees ledger (issue #15), shared by server and web. Amounts are integer fen
 * everywhere (1 yuan = 100 fen); a positive entry is owed by the payer, a negative one is in
 * their favour.
 */

export const FEE_ITEM_KINDS = ['area', 'fixed', 'metered', 'one_off'] as const;
export type FeeItemKind = (typeof FEE_ITEM_KINDS)[number];
/** What other modules post to an item: `paid_repair` takes the charges of paid repairs (a one-off item, one per community). */
export const FEE_ITEM_PURPOSES = ['paid_repair'] as const;
export const ROUNDINGS = ['half_up', 'down', 'up'] as const;
export type Rounding = (typeof ROUNDINGS)[number];
export const BILLING_CYCLES = ['monthly', 'quarterly', 'yearly'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];
export const CYCLE_MONTHS: Readonly<Record<BillingCycle, number>> = { monthly: 1, quarterly: 3, yearly: 12 };
export const PROPERTY_TYPES = ['high_rise', 'multi_storey', 'villa', 'shop'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];
export const ACCOUNT_KINDS = ['unit', 'parking_space', 'contract'] as const;
export const ENTRY_KINDS = ['charge', 'payment', 'discount', 'late_fee', 'adjustment', 'refund', 'write_off', 'reversal'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
/** Entries a person posts by hand (charges come from bill runs or one-off items, payments from the desk). */
export const MANUAL_ENTRY_KINDS = ['charge', 'discount', 'late_fee', 'adjustment', 'refund', 'write_off'] as const;
export const PAYMENT_METHODS = ['cash', 'bank_card', 'transfer', 'wechat_pay', 'alipay'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const AGEING_BUCKETS = ['d0_30', 'd31_90', 'd91_180', 'd181_365', 'over_365'] as const;

/** Largest amount of one entry: 10 million yuan. */
export const MAX_FEN = 1_000_000_000;
const fen = z.number().int().min(0).max(MAX_FEN);
const localDate = z.iso.date().meta({ description: 'Local date YYYY-MM-DD' });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).meta({ description: 'A month YYYY-MM' });
const text = (max: number) => z.string().trim().min(1).max(max);

export const areaPricingSchema = z.object({
  kind: z.literal('area'),
  pricesByType: z
    .object({ high_rise: fen.optional(), multi_storey: fen.optional(), villa: fen.optional(), shop: fen.optional() })
    .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'price' })
    .meta({ description: 'Fen per m² of built area per month, per building type; a unit of a type without a price is not billed by this item (the dry run lists it)' }),
});
export const fixedPricingSchema = z.object({ kind: z.literal('fixed'), monthlyFen: fen.meta({ description: 'Fen per month' }) });
export const meteredPricingSchema = z.object({
  kind: z.literal('metered'),
  unitName: text(10).meta({ description: 'The metered unit, e.g. 吨 or 度' }),
  tiers: z
    .array(z.object({ upTo: z.number().int().positive().max(100_000_000).nullable().meta({ description: 'Upper bound of the tier in whole units per period; null for the last tier' }), priceFen: fen }))
    .min(1)
    .max(5)
    .meta({ description: 'Tiered prices in fen per unit; bounds ascending, only the last open' }),
});
export const oneOffPricingSchema = z.object({ kind: z.literal('one_off'), amountFen: fen.meta({ description: 'The usual amount; a charge may name another' }) });
export const pricingSchema = z.discriminatedUnion('kind', [areaPricingSchema, fixedPricingSchema, meteredPricingSchema, oneOffPricingSchema]);
export type Pricing = z.infer<typeof pricingSchema>;

export const feeItemInputSchema = z.object({
  communityId: z.uuid(),
  name: text(40),
  cycle: z.enum(BILLING_CYCLES).nullable().meta({ description: 'How often bill runs charge it (area and fixed items); null for metered and one-off items' }),
  rounding: z.enum(ROUNDINGS).meta({ description: 'How a computed amount is rounded to the fen: half up (四舍五入), down (舍去) or up (进位)' }),
  effectiveFrom: localDate.meta({ description: 'The first day the price applies' }),
  pricing: pricingSchema,
  purpose: z.enum(FEE_ITEM_PURPOSES).optional().meta({ description: 'One-off items only: `paid_repair` makes this the item a finished paid repair’s agreed quote is charged to (one per community)' }),
});
export type FeeItemInput = z.input<typeof feeItemInputSchema>;

export const feeItemVersionInputSchema = z.object({
  effectiveFrom: localDate.meta({ description: 'The first day the new price applies: today or later, never before a day already billed' }),
  pricing: pricingSchema,
});

export const feeItemVersionSchema = z.object({ id: z.uuid(), effectiveFrom: z.string(), pricing: pricingSchema, createdAt: z.string() });
export const feeItemSchema = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    name: z.string(),
    kind: z.enum(FEE_ITEM_KINDS),
    cycle: z.enum(BILLING_CYCLES).nullable(),
    rounding: z.enum(ROUNDINGS),
    purpose: z.enum(FEE_ITEM_PURPOSES).nullable(),
    current: feeItemVersionSchema.nullable().meta({ description: 'The version in effect today (null when the first one starts later)' }),
    versions: z.array(feeItemVersionSchema),
    allowedActions: z.array(z.enum(['update'])),
  })
  .meta({ id: 'FeeItem' });
export type FeeItem = z.infer<typeof feeItemSchema>;

export const manualEntryInputSchema = z.object({
  kind: z.enum(MANUAL_ENTRY_KINDS),
  amountFen: z.number().int().min(1).max(MAX_FEN).meta({ description: 'Positive fen; the kind decides the direction (discount and write-off reduce what is owed; adjustment uses `direction`)' }),
  direction: z.enum(['debit', 'credit']).optional().meta({ description: 'Adjustments only: debit raises what is owed, credit lowers it' }),
  itemId: z.uuid().optional().meta({ description: 'The fee item (charges, and optionally discounts and late fees)' }),
  quantity: z.number().positive().max(100_000_000).optional().meta({ description: 'Metered items: the units used; the amount is then priced from the tiers' }),
  entryDate: localDate.optional().meta({ description: 'The accounting date (default today); refused on or before the closed date' }),
  periodStart: localDate.optional(),
  periodEnd: localDate.optional(),
  memo: text(200).optional(),
});
export type ManualEntryInput = z.input<typeof manualEntryInputSchema>;

export const reversalInputSchema = z.object({ reason: text(200) });

export const paymentLineSchema = z.object({
  method: z.enum(PAYMENT_METHODS),
  amountFen: z.number().int().min(1).max(MAX_FEN),
  reference: z.string().trim().min(1).max(64).optional().meta({ description: 'Bank, WeChat Pay or Alipay transaction reference (required for those methods)' }),
  tenderedFen: z.number().int().min(1).max(MAX_FEN).optional().meta({ description: 'Cash only: what the payer handed over; the change is computed' }),
});
export const paymentInputSchema = z.object({
  accountId: z.uuid(),
  lines: z.array(paymentLineSchema).min(1).max(5),
  chargeIds: z.array(z.uuid()).max(200).optional().meta({ description: 'The charges the payer chooses to settle, in order; without them the oldest open charges are settled first. What is left stays as prepayment.' }),
  payerName: text(40).optional(),
  memo: text(200).optional(),
  replacesPaymentId: z.uuid().optional().meta({ description: 'A voided receipt this payment re-issues' }),
});
export type PaymentInput = z.input<typeof paymentInputSchema>;
export const voidInputSchema = z.object({ reason: text(200) });

export const entrySchema = z.object({
  id: z.uuid(),
  kind: z.enum(ENTRY_KINDS),
  amountFen: z.number().int(),
  entryDate: z.string(),
  dueOn: z.string(),
  itemId: z.uuid().nullable(),
  itemName: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  openFen: z.number().int().meta({ description: 'Debits: what is still owed; credits: what is not yet allocated' }),
  reversesId: z.uuid().nullable(),
  reversedById: z.uuid().nullable(),
  billRunId: z.uuid().nullable(),
  paymentId: z.uuid().nullable(),
  memo: z.string().nullable(),
  createdAt: z.string(),
  allowedActions: z.array(z.enum(['reverse'])),
});
export type LedgerEntry = z.infer<typeof entrySchema>;

export const allocationSchema = z.object({ id: z.uuid(), creditId: z.uuid(), debitId: z.uuid(), amountFen: z.number().int(), createdAt: z.string() });

export const ageingSchema = z.object({ d0_30: z.number().int(), d31_90: z.number().int(), d91_180: z.number().int(), d181_365: z.number().int(), over_365: z.number().int() });
export const accountSchema = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    kind: z.enum(ACCOUNT_KINDS),
    unitId: z.uuid().nullable(),
    label: z.string(),
    balanceFen: z.number().int().meta({ description: 'Sum of all entries: positive is owed, negative is credit' }),
    arrearsFen: z.number().int().meta({ description: 'Open debits already due' }),
    notYetDueFen: z.number().int(),
    prepaymentFen: z.number().int().meta({ description: 'Credit not yet allocated to any charge' }),
    ageing: ageingSchema,
    paidThrough: z.array(z.object({ itemId: z.uuid(), itemName: z.string(), date: z.string().nullable() })),
    closedThrough: z.string().nullable(),
    entries: z.array(entrySchema),
    allocations: z.array(allocationSchema),
    allowedActions: z.array(z.enum(['pay', 'post', 'reverse'])),
  })
  .meta({ id: 'FeeAccount' });
export type FeeAccount = z.infer<typeof accountSchema>;

export const paymentSchema = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    accountId: z.uuid(),
    accountLabel: z.string(),
    receiptNo: z.string(),
    totalFen: z.number().int(),
    lines: z.array(z.object({ method: z.enum(PAYMENT_METHODS), amountFen: z.number().int(), reference: z.string().nullable(), tenderedFen: z.number().int().nullable(), changeFen: z.number().int().nullable() })),
    allocations: z.array(z.object({ chargeId: z.uuid(), itemName: z.string().nullable(), periodStart: z.string().nullable(), periodEnd: z.string().nullable(), amountFen: z.number().int() })),
    prepaymentFen: z.number().int().meta({ description: 'Part of this payment not allocated to a charge when it was taken' }),
    payerName: z.string().nullable(),
    cashierName: z.string(),
    paidAt: z.string(),
    status: z.enum(['valid', 'void']),
    voidReason: z.string().nullable(),
    voidedAt: z.string().nullable(),
    replacesPaymentId: z.uuid().nullable(),
    printCount: z.number().int(),
    verifyCode: z.string().meta({ description: 'Printed in the QR code: opens the public verification page' }),
    allowedActions: z.array(z.enum(['void', 'print'])),
  })
  .meta({ id: 'FeePayment' });
export type FeePayment = z.infer<typeof paymentSchema>;

export const billRunInputSchema = z.object({
  communityId: z.uuid(),
  cycle: z.enum(BILLING_CYCLES),
  periodStart: month.meta({ description: 'First month of the period; a quarter starts in Jan/Apr/Jul/Oct, a year in January' }),
  dryRun: z.boolean().default(false),
});
export type BillRunInput = z.input<typeof billRunInputSchema>;
export const billRunSchema = z
  .object({
    id: z.uuid().nullable().meta({ description: 'Null for a dry run or a run that found nothing new' }),
    communityId: z.uuid(),
    cycle: z.enum(BILLING_CYCLES),
    periodStart: z.string(),
    periodEnd: z.string(),
    dryRun: z.boolean(),
    status: z.enum(['preview', 'posted', 'reversed', 'nothing_new']),
    chargeCount: z.number().int(),
    totalFen: z.number().int(),
    byBuilding: z.array(z.object({ buildingId: z.uuid(), buildingName: z.string(), itemId: z.uuid(), itemName: z.string(), units: z.number().int(), totalFen: z.number().int() })),
    skipped: z.array(z.object({ unitId: z.uuid(), label: z.string(), itemName: z.string(), reason: z.enum(['no_area', 'no_price_for_type', 'no_owner']) })),
    allowedActions: z.array(z.enum(['reverse'])),
  })
  .meta({ id: 'FeeBillRun' });
export type BillRun = z.infer<typeof billRunSchema>;

/** The single run's input for many communities at once. */
export const billRunBatchInputSchema = billRunInputSchema.omit({ communityId: true }).extend({
  communityIds: z
    .array(z.uuid())
    .min(1)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'field.duplicate' })
    .meta({ description: 'The communities to bill (at most 500, each once); every one must be one the caller sees (400) and may bill (403), or nothing runs' }),
});
export type BillRunBatchInput = z.input<typeof billRunBatchInputSchema>;
export const billRunBatchSchema = z
  .object({
    cycle: z.enum(BILLING_CYCLES),
    periodStart: z.string(),
    periodEnd: z.string(),
    dryRun: z.boolean(),
    chargeCount: z.number().int().meta({ description: 'Charges of the communities that did not fail (planned for a dry run, written for a run)' }),
    totalFen: z.number().int(),
    failed: z.number().int().meta({ description: 'Communities whose run failed; the others ran (each is its own transaction), and a second call bills only what is still unbilled' }),
    communities: z.array(
      z.object({
        communityId: z.uuid(),
        communityName: z.string(),
        status: z.enum(['preview', 'posted', 'nothing_new', 'failed']),
        runId: z.uuid().nullable(),
        chargeCount: z.number().int(),
        totalFen: z.number().int(),
        skipped: z.number().int().meta({ description: 'Units and items that could not be priced (the community\'s own run lists them)' }),
        error: z.string().nullable().meta({ description: 'Why the community\'s run failed, in the caller\'s language' }),
      }),
    ),
  })
  .meta({ id: 'FeeBillRunBatch' });
export type BillRunBatch = z.infer<typeof billRunBatchSchema>;

export const periodCloseInputSchema = z.object({ communityId: z.uuid(), through: localDate.meta({ description: 'Last day of the closed period (usually a month end); entries dated on or before it are refused' }) });
