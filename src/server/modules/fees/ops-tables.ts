import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { feeItems } from './tables';

/*
 * The fee desk's operations around the ledger (docs/fees.md): meters and their readings, and the
 * cashier's shift close. Meter values are integer thousandths of the item's unit (a reading of
 * 1234.5 m³ is 1234500), so usage is exact and prices through `pricing.ts: meteredCharge`.
 */

/** A meter of one metered fee item (water, electricity, gas) in one unit. A replaced meter keeps its end reading. */
export const feeMeters = pgTable(
  'fee_meters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    itemId: uuid('item_id').notNull().references(() => feeItems.id),
    serialNo: text('serial_no').notNull(),
    startMilli: bigint('start_milli', { mode: 'number' }).notNull(),
    installedOn: date('installed_on').notNull(),
    status: text('status', { enum: ['active', 'replaced'] }).notNull().default('active'),
    endMilli: bigint('end_milli', { mode: 'number' }),
    replacedOn: date('replaced_on'),
    replacedById: uuid('replaced_by_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fee_meters_active_uq').on(t.unitId, t.itemId).where(sql`${t.status} = 'active'`),
    index('fee_meters_community_idx').on(t.communityId),
  ],
);

/**
 * One reading of a meter. `accepted` readings are billed (the charge entry is linked, unique, so a
 * reading is charged once); `held` ones wait for a reviewer (lower than the last, or far above the
 * unit's usual use); `rejected` ones are kept with the reviewer's note and never billed.
 */
export const feeMeterReadings = pgTable(
  'fee_meter_readings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    meterId: uuid('meter_id').notNull().references(() => feeMeters.id),
    unitId: uuid('unit_id').notNull(),
    itemId: uuid('item_id').notNull(),
    readOn: date('read_on').notNull(),
    valueMilli: bigint('value_milli', { mode: 'number' }).notNull(),
    previousMilli: bigint('previous_milli', { mode: 'number' }).notNull(),
    previousOn: date('previous_on').notNull(),
    usageMilli: bigint('usage_milli', { mode: 'number' }).notNull(),
    /** Average usage of the last accepted readings when this one was taken (null: no history). */
    averageMilli: bigint('average_milli', { mode: 'number' }),
    status: text('status', { enum: ['accepted', 'held', 'rejected'] }).notNull(),
    heldFor: text('held_for', { enum: ['lower', 'spike'] }),
    source: text('source', { enum: ['walk', 'import', 'replacement'] }).notNull(),
    chargeEntryId: uuid('charge_entry_id'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fee_meter_readings_day_uq').on(t.meterId, t.readOn).where(sql`${t.status} <> 'rejected'`),
    uniqueIndex('fee_meter_readings_charge_uq').on(t.chargeEntryId),
    index('fee_meter_readings_meter_idx').on(t.meterId, t.seq),
    index('fee_meter_readings_community_idx').on(t.communityId, t.status, t.readOn),
  ],
);

/** When a reading is held for review, per community (defaults apply without a row). */
export const feeMeterRules = pgTable('fee_meter_rules', {
  communityId: uuid('community_id').primaryKey(),
  organizationId: uuid('organization_id').notNull(),
  /** A usage above this many tenths of the average is held (30 = 3×). */
  spikeFactorTenths: integer('spike_factor_tenths').notNull(),
  /** How many accepted readings the average looks back over. */
  lookback: integer('lookback').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface ShiftCloseLine {
  method: 'cash' | 'bank_card' | 'transfer' | 'wechat_pay' | 'alipay';
  expectedFen: number;
  countedFen: number;
  reason: string | null;
}

/** A cashier's drawer closed at the end of a shift: expected (their payments since their last close) vs counted, per method. */
export const feeShiftCloses = pgTable(
  'fee_shift_closes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    cashierUserId: uuid('cashier_user_id').notNull(),
    cashierName: text('cashier_name').notNull(),
    /** The previous close's `closedAt` (exclusive); null for the cashier's first close. */
    fromAt: timestamp('from_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),
    /** The community's date of the close (the manager's daily view). */
    closedOn: date('closed_on').notNull(),
    lines: jsonb('lines').$type<ShiftCloseLine[]>().notNull(),
    paymentCount: integer('payment_count').notNull(),
    voidCount: integer('void_count').notNull(),
    expectedFen: bigint('expected_fen', { mode: 'number' }).notNull(),
    countedFen: bigint('counted_fen', { mode: 'number' }).notNull(),
  },
  (t) => [index('fee_shift_closes_cashier_idx').on(t.communityId, t.cashierUserId, t.closedAt), index('fee_shift_closes_day_idx').on(t.communityId, t.closedOn)],
);
