import { z } from 'zod';
import { MAX_FEN, PAYMENT_METHODS } from './fees';

/**
 * Contracts of the fee desk's operations (issue #15 items 4 and 6): meters, their readings and
 * review, and the cashier's shift close. Readings are decimal numbers of the item's unit (吨, 度,
 * m³) with at most three decimals; amounts are integer fen.
 */

const localDate = z.iso.date().meta({ description: 'Local date YYYY-MM-DD' });
const text = (max: number) => z.string().trim().min(1).max(max);
const reading = z
  .number()
  .min(0)
  .max(100_000_000)
  .refine((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6, { message: 'At most three decimals' })
  .meta({ description: 'A meter value in the item’s unit, at most three decimals' });

export const READING_STATUSES = ['accepted', 'held', 'rejected'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];
export const HELD_FOR = ['lower', 'spike'] as const;

export const meterInputSchema = z.object({
  unitId: z.uuid(),
  itemId: z.uuid().meta({ description: 'A metered fee item of the unit’s community' }),
  serialNo: text(40),
  startReading: reading,
  installedOn: localDate.optional().meta({ description: 'Default today' }),
});
export type MeterInput = z.input<typeof meterInputSchema>;

export const meterReplaceInputSchema = z.object({
  endReading: reading.meta({ description: 'The old meter’s last value; billed like any reading' }),
  newSerialNo: text(40),
  newStartReading: reading,
  replacedOn: localDate.optional().meta({ description: 'Default today' }),
});
export type MeterReplaceInput = z.input<typeof meterReplaceInputSchema>;

const lastReading = z.object({ id: z.uuid(), readOn: z.string(), reading: z.number(), status: z.enum(READING_STATUSES) });

export const meterSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  unitId: z.uuid(),
  unitLabel: z.string().meta({ description: 'Building and unit number' }),
  itemId: z.uuid(),
  itemName: z.string(),
  unitName: z.string().meta({ description: 'The item’s unit (吨, 度, m³)' }),
  serialNo: z.string(),
  startReading: z.number(),
  installedOn: z.string(),
  status: z.enum(['active', 'replaced']),
  endReading: z.number().nullable(),
  replacedOn: z.string().nullable(),
  /** What the next reading is compared with: the last accepted reading, or the start reading. */
  previous: z.object({ reading: z.number(), readOn: z.string() }),
  /** The latest reading that is not rejected (it may be held for review). */
  latest: lastReading.nullable(),
  allowedActions: z.array(z.enum(['read', 'replace'])),
});
export type Meter = z.infer<typeof meterSchema>;

export const readingInputSchema = z.object({
  meterId: z.uuid(),
  reading,
  readOn: localDate.optional().meta({ description: 'Default today; not in the future, not before the last reading' }),
});
export type ReadingInput = z.input<typeof readingInputSchema>;

export const readingReviewInputSchema = z.object({
  decision: z.enum(['accept', 'reject']),
  note: z.string().trim().max(200).optional().meta({ description: 'Required when rejecting' }),
});

export const readingSchema = z.object({
  id: z.uuid(),
  meterId: z.uuid(),
  serialNo: z.string(),
  unitId: z.uuid(),
  unitLabel: z.string(),
  itemId: z.uuid(),
  itemName: z.string(),
  unitName: z.string(),
  readOn: z.string(),
  reading: z.number(),
  previous: z.number(),
  previousOn: z.string(),
  usage: z.number(),
  average: z.number().nullable().meta({ description: 'Average usage of the last accepted readings when this one was taken' }),
  status: z.enum(READING_STATUSES),
  heldFor: z.enum(HELD_FOR).nullable(),
  source: z.enum(['walk', 'import', 'replacement']),
  chargeEntryId: z.uuid().nullable(),
  chargeFen: z.number().int().nullable(),
  reviewNote: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  allowedActions: z.array(z.enum(['accept', 'reject'])),
});
export type MeterReading = z.infer<typeof readingSchema>;

export const meterRulesSchema = z.object({
  communityId: z.uuid(),
  spikeFactor: z.number().min(1.5).max(20).multipleOf(0.1).meta({ description: 'A usage above this many times the average is held (default 3)' }),
  lookback: z.number().int().min(1).max(12).meta({ description: 'How many accepted readings the average looks back over (default 3)' }),
});
export type MeterRules = z.infer<typeof meterRulesSchema>;

export const shiftCloseInputSchema = z.object({
  communityId: z.uuid(),
  counts: z
    .array(z.object({ method: z.enum(PAYMENT_METHODS), countedFen: z.number().int().min(0).max(MAX_FEN), reason: z.string().trim().max(200).optional() }))
    .max(PAYMENT_METHODS.length)
    .meta({ description: 'What the cashier counted per method (cash in the drawer, card and transfer slips, WeChat Pay and Alipay totals); every method with an expected amount must be counted, and a difference needs a reason' }),
});
export type ShiftCloseInput = z.input<typeof shiftCloseInputSchema>;

const closeLine = z.object({ method: z.enum(PAYMENT_METHODS), expectedFen: z.number().int(), countedFen: z.number().int(), differenceFen: z.number().int(), reason: z.string().nullable() });

export const shiftDrawerSchema = z.object({
  communityId: z.uuid(),
  since: z.string().nullable().meta({ description: 'The cashier’s last close (null: never closed)' }),
  paymentCount: z.number().int(),
  voidCount: z.number().int().meta({ description: 'Receipts of the shift voided since (not expected in the drawer)' }),
  expected: z.array(z.object({ method: z.enum(PAYMENT_METHODS), expectedFen: z.number().int() })),
});
export type ShiftDrawer = z.infer<typeof shiftDrawerSchema>;

export const shiftCloseSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  cashierName: z.string(),
  fromAt: z.string().nullable(),
  closedAt: z.string(),
  closedOn: z.string(),
  lines: z.array(closeLine),
  paymentCount: z.number().int(),
  voidCount: z.number().int(),
  expectedFen: z.number().int(),
  countedFen: z.number().int(),
  differenceFen: z.number().int(),
});
export type ShiftClose = z.infer<typeof shiftCloseSchema>;
