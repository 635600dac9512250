import { z } from 'zod';
import { ownerLateFeeSchema } from './fee-late';
import { MAX_FEN, PAYMENT_METHODS } from './fees';

/**
 * Contracts of the owner's side of the fees ledger (issue #15 items 8–10): how a community is
 * paid, the owner portal's bills, public disclosures and the fee reports. Amounts in integer fen.
 */

const fen = z.number().int().min(0).max(MAX_FEN);
const localDate = z.iso.date().meta({ description: 'Local date YYYY-MM-DD' });
const optionalText = (max: number) => z.string().trim().max(max);

export const payInfoInputSchema = z.object({
  bankName: optionalText(60),
  accountName: optionalText(60),
  accountNo: z.string().trim().max(40).regex(/^[0-9 -]*$/, { message: 'field.accountNo' }),
  referenceHint: optionalText(60),
  payNote: optionalText(300),
});
export type PayInfoInput = z.input<typeof payInfoInputSchema>;
export const payInfoSchema = payInfoInputSchema
  .extend({ communityId: z.uuid(), communityName: z.string(), updatedAt: z.string().nullable(), allowedActions: z.array(z.literal('update')) })
  .meta({ id: 'FeePayInfo' });
export type PayInfo = z.infer<typeof payInfoSchema>;

export const ownerBillSchema = z
  .object({
    unitId: z.uuid(),
    accountId: z.uuid(),
    label: z.string(),
    communityId: z.uuid(),
    communityName: z.string(),
    balanceFen: z.number().int(),
    arrearsFen: z.number().int().meta({ description: 'Already due and unpaid' }),
    notYetDueFen: z.number().int(),
    prepaymentFen: z.number().int(),
    dueNowFen: z.number().int().meta({ description: 'Everything open: arrears plus what falls due later, less prepaid credit (never negative)' }),
    open: z.array(
      z.object({
        entryId: z.uuid(),
        kind: z.string(),
        itemName: z.string().nullable(),
        periodStart: z.string().nullable(),
        periodEnd: z.string().nullable(),
        dueOn: z.string(),
        amountFen: z.number().int(),
        openFen: z.number().int(),
        overdue: z.boolean(),
        memo: z.string().nullable(),
      }),
    ),
    payInfo: payInfoSchema.omit({ allowedActions: true }),
    lateFees: z.array(ownerLateFeeSchema).meta({ description: 'Every late fee of the home, newest first, with the charge it belongs to and its basis (paid, open or waived)' }),
  })
  .meta({ id: 'OwnerFeeBill' });
export type OwnerBill = z.infer<typeof ownerBillSchema>;

export const DISCLOSURE_PERIODS = ['month', 'quarter', 'year'] as const;
export type DisclosurePeriod = (typeof DISCLOSURE_PERIODS)[number];
/** What a manager enters: spending by category, and each shared part's income and its costs. */
export const DISCLOSURE_LINE_KINDS = ['spending', 'shared_income', 'shared_cost'] as const;
export const SPENDING_CATEGORIES = ['staff', 'cleaning', 'greening', 'security', 'maintenance', 'utilities', 'insurance', 'admin', 'other'] as const;
export const SHARED_PARTS = ['advertising', 'parking', 'lockers', 'venue_rental', 'other'] as const;

export const disclosureLineSchema = z.object({
  kind: z.enum(DISCLOSURE_LINE_KINDS),
  category: z.enum([...SPENDING_CATEGORIES, ...SHARED_PARTS]),
  label: optionalText(60).meta({ description: 'Optional wording for the notice, e.g. “电梯年检”' }),
  amountFen: fen,
});
export type DisclosureLine = z.infer<typeof disclosureLineSchema>;

export const disclosureFiguresSchema = z.object({
  byItem: z.array(z.object({ itemId: z.uuid().nullable(), itemName: z.string(), billedFen: z.number().int(), collectedFen: z.number().int() })),
  billedFen: z.number().int().meta({ description: 'Charges of the period’s months, net of reversals' }),
  collectedFen: z.number().int().meta({ description: 'Paid of those charges (payments allocated to them)' }),
  collectionRate: z.number().nullable().meta({ description: 'collected / billed, 0..1; null when nothing was billed' }),
  households: z.object({ billed: z.number().int(), paidInFull: z.number().int() }),
  receivedFen: z.number().int().meta({ description: 'All fee money received in the period (valid receipts), whatever it paid' }),
  arrearsRecoveredFen: z.number().int().meta({ description: 'Received in the period for charges due before it' }),
});
export type DisclosureFigures = z.infer<typeof disclosureFiguresSchema>;

export const disclosureQuerySchema = z.object({
  communityId: z.uuid(),
  periodKind: z.enum(DISCLOSURE_PERIODS),
  period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/).meta({ description: '2026-03 (month), 2026-Q2 (quarter) or 2026 (year)' }),
});
export const disclosureInputSchema = disclosureQuerySchema.extend({
  lines: z.array(disclosureLineSchema).max(60),
  note: optionalText(1000).default(''),
  correctionReason: optionalText(200).optional().meta({ description: 'Required when a version of the period is already published' }),
});
export type DisclosureInput = z.input<typeof disclosureInputSchema>;

export const disclosureSchema = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    communityName: z.string(),
    periodKind: z.enum(DISCLOSURE_PERIODS),
    period: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    version: z.number().int(),
    latest: z.boolean().meta({ description: 'False when a later version corrects this one' }),
    figures: disclosureFiguresSchema,
    lines: z.array(disclosureLineSchema),
    spendingFen: z.number().int(),
    sharedIncomeFen: z.number().int(),
    sharedCostFen: z.number().int(),
    sharedNetFen: z.number().int(),
    note: z.string(),
    correctionReason: z.string().nullable(),
    publishedOn: z.string(),
    publishedByName: z.string(),
  })
  .meta({ id: 'FeeDisclosure' });
export type Disclosure = z.infer<typeof disclosureSchema>;
export const disclosurePreviewSchema = z.object({ periodStart: z.string(), periodEnd: z.string(), figures: disclosureFiguresSchema, publishedVersions: z.number().int() });

export const reportQuerySchema = z.object({
  communityId: z.uuid(),
  from: localDate,
  to: localDate,
  granularity: z.enum(['day', 'month']).default('month'),
});
export const AGE_KEYS = ['d0_30', 'd31_90', 'd91_180', 'd181_365', 'over_365'] as const;
export const feeReportSchema = z
  .object({
    communityId: z.uuid(),
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    collection: z.object({
      billedFen: z.number().int(),
      collectedFen: z.number().int(),
      rate: z.number().nullable(),
      households: z.object({ billed: z.number().int(), paidInFull: z.number().int(), rate: z.number().nullable() }),
      arrearsRecoveredFen: z.number().int(),
      receivedFen: z.number().int(),
    }),
    arrearsByBuilding: z.array(z.object({ buildingId: z.uuid().nullable(), buildingName: z.string(), households: z.number().int(), arrearsFen: z.number().int(), ageing: z.record(z.enum(AGE_KEYS), z.number().int()) })),
    incomeByItem: z.array(z.object({ itemId: z.uuid().nullable(), itemName: z.string(), amountFen: z.number().int() })),
    incomeByMethod: z.array(z.object({ method: z.enum(PAYMENT_METHODS), amountFen: z.number().int(), receipts: z.number().int() })),
    series: z.array(z.object({ bucket: z.string(), receivedFen: z.number().int(), receipts: z.number().int() })),
  })
  .meta({ id: 'FeeReport' });
export type FeeReport = z.infer<typeof feeReportSchema>;

export const drillQuerySchema = z.object({
  communityId: z.uuid(),
  from: localDate.optional(),
  to: localDate.optional(),
  figure: z.enum(['arrears', 'received', 'item', 'method']),
  buildingId: z.uuid().optional(),
  age: z.enum(AGE_KEYS).optional(),
  itemId: z.uuid().optional(),
  method: z.enum(PAYMENT_METHODS).optional(),
  bucket: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/).optional(),
});
export const drillSchema = z.object({
  accounts: z.array(z.object({ accountId: z.uuid(), unitId: z.uuid().nullable(), label: z.string(), arrearsFen: z.number().int(), ageing: z.record(z.enum(AGE_KEYS), z.number().int()) })),
  receipts: z.array(z.object({ paymentId: z.uuid(), receiptNo: z.string(), accountLabel: z.string(), paidOn: z.string(), amountFen: z.number().int(), methods: z.array(z.enum(PAYMENT_METHODS)) })),
});
export type FeeDrill = z.infer<typeof drillSchema>;

export const reminderSettingsInputSchema = z.object({
  remindersEnabled: z.boolean(),
  reminderAfterDays: z.number().int().min(1).max(365).meta({ description: 'First reminder once the oldest unpaid charge is this many days overdue' }),
  reminderEveryDays: z.number().int().min(1).max(365).meta({ description: 'At least this many days between two reminders of one home' }),
  reminderMaxPerYear: z.number().int().min(1).max(12).meta({ description: 'At most this many reminders of one home in 365 days' }),
  reminderSms: z.boolean().meta({ description: 'Also text the owners through the outbox' }),
});
export type ReminderSettingsInput = z.input<typeof reminderSettingsInputSchema>;
export const reminderSettingsSchema = reminderSettingsInputSchema.extend({ communityId: z.uuid(), allowedActions: z.array(z.literal('update')) }).meta({ id: 'FeeReminderSettings' });
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export const reminderSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  unitId: z.uuid().nullable(),
  label: z.string(),
  remindOn: z.string(),
  arrearsFen: z.number().int(),
  overdueDays: z.number().int(),
  channels: z.array(z.string()),
});
export type FeeReminder = z.infer<typeof reminderSchema>;

export const arrearsLetterSchema = z
  .object({
    accountId: z.uuid(),
    communityName: z.string(),
    label: z.string(),
    date: z.string(),
    arrearsFen: z.number().int(),
    lines: z.array(z.object({ itemName: z.string().nullable(), kind: z.string(), periodStart: z.string().nullable(), periodEnd: z.string().nullable(), dueOn: z.string(), openFen: z.number().int() })),
    payInfo: payInfoInputSchema,
  })
  .meta({ id: 'FeeArrearsLetter' });
export type ArrearsLetter = z.infer<typeof arrearsLetterSchema>;
