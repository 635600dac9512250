import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { meterInputSchema, meterReplaceInputSchema, meterRulesSchema, readingInputSchema, readingReviewInputSchema } from '../../../../common/fee-ops';
import type { RequestContext } from '../../../auth/context';
import type { Db, Tx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { AppError, fieldError, notFound, type FieldProblem } from '../../../errors';
import { recordAudit } from '../../audit';
import { activeUnitPlace } from '../../registry';
import { fromMilli, liveReadings, meterRulesOf, previousOf, toMilli, visibleMeter, visibleReading, type MeterRow, type ReadingRow } from '../meters';
import { meterPolicy } from '../ops-policy';
import { feeMeterReadings, feeMeterRules, feeMeters } from '../ops-tables';
import { meteredCharge } from '../pricing';
import { communityToday } from '../repository';
import { feeAccounts, feeItems, feeItemVersions } from '../tables';
import { appendEntries, assertOpenDate, settleAccount } from './ledger-write';

type ReadingSource = 'walk' | 'import' | 'replacement';

/**
 * Whether a reading is billed or held: lower than the previous one, or a usage above `factor` ×
 * the average usage of the last `lookback` accepted readings (no history: never a spike).
 */
export function judgeReading(usageMilli: number, history: readonly number[], rules: { spikeFactorTenths: number; lookback: number }): { heldFor: 'lower' | 'spike' | null; averageMilli: number | null } {
  const recent = history.slice(0, rules.lookback);
  const averageMilli = recent.length ? Math.round(recent.reduce((s, u) => s + u, 0) / recent.length) : null;
  if (usageMilli < 0) return { heldFor: 'lower', averageMilli };
  if (averageMilli !== null && averageMilli > 0 && usageMilli * 10 > rules.spikeFactorTenths * averageMilli) return { heldFor: 'spike', averageMilli };
  return { heldFor: null, averageMilli };
}

/**
 * Posts the metered charge of an accepted reading on the unit's ledger: priced by the tiers of the
 * item's version in force on the reading's date, dated today, for the days since the previous
 * reading. The reading row is locked by the caller and links the entry (unique), so a reading is
 * charged once. A usage that prices to 0 fen posts nothing.
 */
async function chargeReading(tx: Tx, ctx: RequestContext, reading: ReadingRow, meter: MeterRow): Promise<ReadingRow> {
  if (reading.chargeEntryId || reading.status !== 'accepted') return reading;
  const [item] = await tx.select().from(feeItems).where(eq(feeItems.id, reading.itemId));
  const versions = await tx.select().from(feeItemVersions).where(eq(feeItemVersions.itemId, reading.itemId));
  const version = versions.filter((v) => v.effectiveFrom <= reading.readOn).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  if (!item || !version || version.pricing.kind !== 'metered') throw fieldError({ readOn: { key: 'field.noPriceOn', params: { date: reading.readOn } } });
  const amount = meteredCharge(version.pricing.tiers, reading.usageMilli, item.rounding);
  if (amount === 0) return reading;
  const today = await communityToday(tx, reading.communityId);
  await assertOpenDate(tx, reading.communityId, today);
  const unit = await activeUnitPlace(tx, reading.organizationId, reading.unitId);
  if (!unit) throw notFound('entity.unit');
  await tx
    .insert(feeAccounts)
    .values({ organizationId: reading.organizationId, communityId: reading.communityId, kind: 'unit', unitId: reading.unitId, label: `${unit.building} ${unit.number}` })
    .onConflictDoNothing();
  const [account] = await tx.select().from(feeAccounts).where(and(eq(feeAccounts.kind, 'unit'), eq(feeAccounts.unitId, reading.unitId))).for('update');
  const unitName = version.pricing.unitName;
  const [entry] = await appendEntries(tx, account!, [
    {
      kind: 'charge',
      amountFen: amount,
      entryDate: today,
      dueOn: today,
      itemId: item.id,
      periodStart: reading.previousOn,
      periodEnd: reading.readOn,
      memo: `${meter.serialNo}: ${fromMilli(reading.previousMilli)} → ${fromMilli(reading.valueMilli)} ${unitName}`.slice(0, 200),
      createdBy: ctx.actor.userId,
    },
  ]);
  await settleAccount(tx, account!);
  const [row] = await tx.update(feeMeterReadings).set({ chargeEntryId: entry!.id }).where(eq(feeMeterReadings.id, reading.id)).returning();
  await recordAudit(tx, ctx, { organizationId: reading.organizationId, entityType: 'fee_entry', entityId: entry!.id, action: 'post_metered_charge', after: { account: account!.label, readingId: reading.id, usage: fromMilli(reading.usageMilli), amountFen: amount } });
  return row!;
}

/**
 * Records a reading on a locked meter. The same value on the same day again answers the reading
 * already taken (a phone that resends after a lost answer); another value that day, a date before
 * the last reading or in the future, and a new reading while one is held are refused.
 */
async function readMeter(tx: Tx, ctx: RequestContext, meter: MeterRow, valueMilli: number, readOn: string, source: ReadingSource): Promise<{ reading: ReadingRow; created: boolean }> {
  const today = await communityToday(tx, meter.communityId);
  const live = await liveReadings(tx, meter.id);
  const sameDay = live.find((r) => r.readOn === readOn);
  if (sameDay && sameDay.valueMilli === valueMilli && source !== 'replacement') return { reading: sameDay, created: false };
  const problems: Record<string, FieldProblem> = {};
  const prev = previousOf(meter, live);
  if (readOn > today) problems.readOn = { key: 'field.readingFuture', params: { today } };
  else if (sameDay) problems.readOn = { key: 'field.readingSameDay', params: { reading: fromMilli(sameDay.valueMilli) } };
  else if (readOn < prev.on || (live[0] && readOn < live[0].readOn)) problems.readOn = { key: 'field.readingBeforeLast', params: { date: live[0]?.readOn ?? prev.on } };
  if (Object.keys(problems).length) throw fieldError(problems);
  if (live.some((r) => r.status === 'held')) throw new AppError('CONFLICT', 'error.readingHeld');
  const history = live.filter((r) => r.status === 'accepted').map((r) => r.usageMilli);
  const usageMilli = valueMilli - prev.milli;
  const { heldFor, averageMilli } = judgeReading(usageMilli, history, await meterRulesOf(tx, meter.communityId));
  const [row] = await tx
    .insert(feeMeterReadings)
    .values({
      organizationId: meter.organizationId,
      communityId: meter.communityId,
      meterId: meter.id,
      unitId: meter.unitId,
      itemId: meter.itemId,
      readOn,
      valueMilli,
      previousMilli: prev.milli,
      previousOn: prev.on,
      usageMilli,
      averageMilli,
      status: heldFor ? 'held' : 'accepted',
      heldFor,
      source,
      createdBy: ctx.actor.userId,
    })
    .returning();
  const reading = await chargeReading(tx, ctx, row!, meter);
  await recordAudit(tx, ctx, { organizationId: meter.organizationId, entityType: 'fee_meter_reading', entityId: row!.id, action: heldFor ? 'hold' : 'read', after: { meter: meter.serialNo, readOn, reading: fromMilli(valueMilli), usage: fromMilli(usageMilli), heldFor, source } });
  return { reading, created: true };
}

/** Enters one reading (the walk, unit by unit). */
export async function enterReading(db: Db, ctx: RequestContext, input: z.output<typeof readingInputSchema>, source: ReadingSource = 'walk'): Promise<{ reading: ReadingRow; created: boolean }> {
  return inTransaction(db, (tx) => enterReadingIn(tx, ctx, input, source));
}

/** As `enterReading`, inside the caller's transaction (the Excel import writes all rows in one). */
export async function enterReadingIn(tx: Tx, ctx: RequestContext, input: z.output<typeof readingInputSchema>, source: ReadingSource): Promise<{ reading: ReadingRow; created: boolean }> {
  const meter = await visibleMeter(tx, ctx.actor, input.meterId, true);
  if (!meter) throw fieldError({ meterId: { key: 'error.notFound', params: { entity: 'entity.meter' } } });
  meterPolicy.assert(ctx.actor, 'enter', meter);
  if (meter.status !== 'active') throw new AppError('CONFLICT', 'error.meterReplaced');
  return readMeter(tx, ctx, meter, toMilli(input.reading), input.readOn ?? (await communityToday(tx, meter.communityId)), source);
}

/** A reviewer accepts a held spike (it is billed now) or rejects a held reading with a note (never billed). */
export async function reviewReading(db: Db, ctx: RequestContext, readingId: string, input: z.output<typeof readingReviewInputSchema>): Promise<ReadingRow> {
  return inTransaction(db, async (tx) => {
    const found = await visibleReading(tx, ctx.actor, readingId);
    if (!found) throw notFound('entity.meterReading');
    const meter = (await visibleMeter(tx, ctx.actor, found.meterId, true))!;
    const reading = (await visibleReading(tx, ctx.actor, readingId, true))!;
    meterPolicy.assert(ctx.actor, 'review', reading);
    if (reading.status !== 'held') throw new AppError('CONFLICT', 'error.readingNotHeld');
    if (input.decision === 'reject' && !input.note) throw fieldError({ note: { key: 'field.rejectNote' } });
    if (input.decision === 'accept' && reading.heldFor === 'lower') throw new AppError('CONFLICT', 'error.lowerNotAcceptable');
    const [row] = await tx
      .update(feeMeterReadings)
      .set({ status: input.decision === 'accept' ? 'accepted' : 'rejected', reviewedBy: ctx.actor.userId, reviewedAt: new Date(), reviewNote: input.note ?? null })
      .where(eq(feeMeterReadings.id, reading.id))
      .returning();
    const result = await chargeReading(tx, ctx, row!, meter);
    await recordAudit(tx, ctx, { organizationId: reading.organizationId, entityType: 'fee_meter_reading', entityId: reading.id, action: input.decision, after: { meter: meter.serialNo, heldFor: reading.heldFor, note: input.note } });
    return result;
  });
}

/** Sets up a meter of a metered item in a unit (one active meter per unit and item). */
export async function createMeter(db: Db, ctx: RequestContext, input: z.output<typeof meterInputSchema>): Promise<MeterRow> {
  return inTransaction(db, async (tx) => {
    const orgId = ctx.actor.organizationId;
    const place = orgId ? await activeUnitPlace(tx, orgId, input.unitId) : null;
    if (!place) throw fieldError({ unitId: { key: 'error.notFound', params: { entity: 'entity.unit' } } });
    const record = { organizationId: place.organizationId, communityId: place.communityId };
    if (!meterPolicy.can(ctx.actor, 'read', record)) throw fieldError({ unitId: { key: 'error.notFound', params: { entity: 'entity.unit' } } });
    meterPolicy.assert(ctx.actor, 'manage', record);
    const [item] = await tx.select().from(feeItems).where(and(eq(feeItems.id, input.itemId), eq(feeItems.communityId, place.communityId)));
    if (!item) throw fieldError({ itemId: { key: 'error.notFound', params: { entity: 'entity.feeItem' } } });
    if (item.kind !== 'metered') throw fieldError({ itemId: { key: 'field.itemNotMetered' } });
    const [active] = await tx.select({ id: feeMeters.id }).from(feeMeters).where(and(eq(feeMeters.unitId, input.unitId), eq(feeMeters.itemId, item.id), eq(feeMeters.status, 'active')));
    if (active) throw fieldError({ itemId: { key: 'field.meterExists' } });
    const today = await communityToday(tx, place.communityId);
    const installedOn = input.installedOn ?? today;
    if (installedOn > today) throw fieldError({ installedOn: { key: 'field.readingFuture', params: { today } } });
    const [row] = await tx
      .insert(feeMeters)
      .values({ ...record, unitId: input.unitId, itemId: item.id, serialNo: input.serialNo, startMilli: toMilli(input.startReading), installedOn, createdBy: ctx.actor.userId })
      .returning();
    await recordAudit(tx, ctx, { organizationId: place.organizationId, entityType: 'fee_meter', entityId: row!.id, action: 'create', after: { unit: `${place.building} ${place.number}`, item: item.name, serialNo: input.serialNo, startReading: input.startReading } });
    return row!;
  });
}

/**
 * Replaces a meter: the old one's end reading is taken (billed, or held, like any reading), the
 * old meter is marked replaced, and the new one starts from its own start reading.
 */
export async function replaceMeter(db: Db, ctx: RequestContext, meterId: string, input: z.output<typeof meterReplaceInputSchema>): Promise<{ old: MeterRow; replacement: MeterRow; endReading: ReadingRow }> {
  return inTransaction(db, async (tx) => {
    const meter = await visibleMeter(tx, ctx.actor, meterId, true);
    if (!meter) throw notFound('entity.meter');
    meterPolicy.assert(ctx.actor, 'manage', meter);
    if (meter.status !== 'active') throw new AppError('CONFLICT', 'error.meterReplaced');
    const replacedOn = input.replacedOn ?? (await communityToday(tx, meter.communityId));
    const { reading } = await readMeter(tx, ctx, meter, toMilli(input.endReading), replacedOn, 'replacement');
    const [old] = await tx.update(feeMeters).set({ status: 'replaced', endMilli: toMilli(input.endReading), replacedOn }).where(eq(feeMeters.id, meter.id)).returning();
    const [replacement] = await tx
      .insert(feeMeters)
      .values({ organizationId: meter.organizationId, communityId: meter.communityId, unitId: meter.unitId, itemId: meter.itemId, serialNo: input.newSerialNo, startMilli: toMilli(input.newStartReading), installedOn: replacedOn, createdBy: ctx.actor.userId })
      .returning();
    await tx.update(feeMeters).set({ replacedById: replacement!.id }).where(eq(feeMeters.id, meter.id));
    await recordAudit(tx, ctx, { organizationId: meter.organizationId, entityType: 'fee_meter', entityId: meter.id, action: 'replace', after: { serialNo: meter.serialNo, endReading: input.endReading, newSerialNo: input.newSerialNo, newStartReading: input.newStartReading, replacedOn } });
    return { old: { ...old!, replacedById: replacement!.id }, replacement: replacement!, endReading: reading };
  });
}

/** Sets when a community's readings are held for review. */
export async function setMeterRules(db: Db, ctx: RequestContext, communityId: string, input: Omit<z.output<typeof meterRulesSchema>, 'communityId'>, organizationId: string) {
  return inTransaction(db, async (tx) => {
    meterPolicy.assert(ctx.actor, 'manage', { organizationId, communityId });
    const values = { spikeFactorTenths: Math.round(input.spikeFactor * 10), lookback: input.lookback };
    await tx.insert(feeMeterRules).values({ communityId, organizationId, ...values, updatedBy: ctx.actor.userId }).onConflictDoUpdate({ target: feeMeterRules.communityId, set: { ...values, updatedBy: ctx.actor.userId, updatedAt: new Date() } });
    await recordAudit(tx, ctx, { organizationId, entityType: 'fee_meter_rules', entityId: communityId, action: 'update', after: input });
    return values;
  });
}

