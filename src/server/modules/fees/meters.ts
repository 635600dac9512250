import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { MeterReading, Meter, MeterRules } from '../../../common/fee-ops';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { billableUnits } from '../registry';
import { meterPolicy } from './ops-policy';
import { feeMeterReadings, feeMeterRules, feeMeters } from './ops-tables';
import { feeEntries, feeItems, feeItemVersions } from './tables';

// Reads and presentation of meters and readings (docs/fees.md, "Meter readings").

export type MeterRow = typeof feeMeters.$inferSelect;
export type ReadingRow = typeof feeMeterReadings.$inferSelect;

export const DEFAULT_RULES = { spikeFactorTenths: 30, lookback: 3 } as const;

/** Milli-units (integer thousandths) to the decimal a person reads, and back. */
export const fromMilli = (v: number) => v / 1000;
export const toMilli = (v: number) => Math.round(v * 1000);

export const meterScope = (actor: Actor) => tenantScope(actor, { organizationId: feeMeters.organizationId, communityId: feeMeters.communityId });

/** A meter the actor may read, optionally locked (every reading of a meter is serialized on it). */
export async function visibleMeter(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<MeterRow | null> {
  const q = db.select().from(feeMeters).where(and(eq(feeMeters.id, id), meterScope(actor)));
  const [row] = lock ? await q.for('update') : await q;
  return row && meterPolicy.can(actor, 'read', row) ? row : null;
}

/** A reading the actor may read, optionally locked. */
export async function visibleReading(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<ReadingRow | null> {
  const q = db
    .select()
    .from(feeMeterReadings)
    .where(and(eq(feeMeterReadings.id, id), tenantScope(actor, { organizationId: feeMeterReadings.organizationId, communityId: feeMeterReadings.communityId })));
  const [row] = lock ? await q.for('update') : await q;
  return row && meterPolicy.can(actor, 'read', row) ? row : null;
}

/** The community's rules for holding readings (defaults without a row). */
export async function meterRulesOf(db: DbOrTx, communityId: string): Promise<{ spikeFactorTenths: number; lookback: number }> {
  const [row] = await db.select().from(feeMeterRules).where(eq(feeMeterRules.communityId, communityId));
  return row ? { spikeFactorTenths: row.spikeFactorTenths, lookback: row.lookback } : { ...DEFAULT_RULES };
}

export const presentRules = (communityId: string, r: { spikeFactorTenths: number; lookback: number }): MeterRules => ({ communityId, spikeFactor: r.spikeFactorTenths / 10, lookback: r.lookback });

/** Readings of a meter that are not rejected, newest first. */
export async function liveReadings(db: DbOrTx, meterId: string): Promise<ReadingRow[]> {
  return db
    .select()
    .from(feeMeterReadings)
    .where(and(eq(feeMeterReadings.meterId, meterId), ne(feeMeterReadings.status, 'rejected')))
    .orderBy(desc(feeMeterReadings.readOn), desc(feeMeterReadings.seq));
}

/** What the next reading of a meter is compared with: its last accepted reading, or its start. */
export function previousOf(meter: MeterRow, live: readonly ReadingRow[]): { milli: number; on: string } {
  const last = live.find((r) => r.status === 'accepted');
  return last ? { milli: last.valueMilli, on: last.readOn } : { milli: meter.startMilli, on: meter.installedOn };
}

/** Labels ("1栋 101") and walking order of the units of a community. */
export async function unitOrder(db: DbOrTx, communityId: string): Promise<Map<string, { label: string; order: number; buildingId: string }>> {
  const units = await billableUnits(db, communityId);
  return new Map(units.map((u, i) => [u.unitId, { label: `${u.buildingName} ${u.number}`, order: i, buildingId: u.buildingId }]));
}

/** Names and units of measure of a community's metered items. */
export async function meteredItems(db: DbOrTx, communityId: string): Promise<Map<string, { name: string; unitName: string }>> {
  const items = await db.select().from(feeItems).where(and(eq(feeItems.communityId, communityId), eq(feeItems.kind, 'metered')));
  if (!items.length) return new Map();
  const versions = await db.select().from(feeItemVersions).where(inArray(feeItemVersions.itemId, items.map((i) => i.id))).orderBy(asc(feeItemVersions.effectiveFrom));
  return new Map(
    items.map((i) => {
      const last = versions.filter((v) => v.itemId === i.id).at(-1);
      return [i.id, { name: i.name, unitName: last?.pricing.kind === 'metered' ? last.pricing.unitName : '' }];
    }),
  );
}

export interface MeterContext {
  units: Map<string, { label: string; order: number; buildingId: string }>;
  items: Map<string, { name: string; unitName: string }>;
}

export async function meterContext(db: DbOrTx, communityId: string): Promise<MeterContext> {
  return { units: await unitOrder(db, communityId), items: await meteredItems(db, communityId) };
}

export function presentMeter(actor: Actor, m: MeterRow, live: readonly ReadingRow[], c: MeterContext): Meter {
  const prev = previousOf(m, live);
  const latest = live[0];
  const actions: Meter['allowedActions'] = [];
  if (m.status === 'active' && meterPolicy.can(actor, 'enter', m)) actions.push('read');
  if (m.status === 'active' && meterPolicy.can(actor, 'manage', m)) actions.push('replace');
  return {
    id: m.id,
    communityId: m.communityId,
    unitId: m.unitId,
    unitLabel: c.units.get(m.unitId)?.label ?? '',
    itemId: m.itemId,
    itemName: c.items.get(m.itemId)?.name ?? '',
    unitName: c.items.get(m.itemId)?.unitName ?? '',
    serialNo: m.serialNo,
    startReading: fromMilli(m.startMilli),
    installedOn: m.installedOn,
    status: m.status,
    endReading: m.endMilli === null ? null : fromMilli(m.endMilli),
    replacedOn: m.replacedOn,
    previous: { reading: fromMilli(prev.milli), readOn: prev.on },
    latest: latest ? { id: latest.id, readOn: latest.readOn, reading: fromMilli(latest.valueMilli), status: latest.status } : null,
    allowedActions: actions,
  };
}

/** The amounts of the charges readings posted, by entry id. */
export async function chargeAmounts(db: DbOrTx, rows: readonly ReadingRow[]): Promise<Map<string, number>> {
  const ids = rows.map((r) => r.chargeEntryId).filter((id): id is string => id !== null);
  if (!ids.length) return new Map();
  const entries = await db.select({ id: feeEntries.id, amountFen: feeEntries.amountFen }).from(feeEntries).where(inArray(feeEntries.id, ids));
  return new Map(entries.map((e) => [e.id, e.amountFen]));
}

export function presentReading(actor: Actor, r: ReadingRow, serialNo: string, c: MeterContext, charges: ReadonlyMap<string, number>): MeterReading {
  const canReview = r.status === 'held' && meterPolicy.can(actor, 'review', r);
  return {
    id: r.id,
    meterId: r.meterId,
    serialNo,
    unitId: r.unitId,
    unitLabel: c.units.get(r.unitId)?.label ?? '',
    itemId: r.itemId,
    itemName: c.items.get(r.itemId)?.name ?? '',
    unitName: c.items.get(r.itemId)?.unitName ?? '',
    readOn: r.readOn,
    reading: fromMilli(r.valueMilli),
    previous: fromMilli(r.previousMilli),
    previousOn: r.previousOn,
    usage: fromMilli(r.usageMilli),
    average: r.averageMilli === null ? null : fromMilli(r.averageMilli),
    status: r.status,
    heldFor: r.heldFor,
    source: r.source,
    chargeEntryId: r.chargeEntryId,
    chargeFen: r.chargeEntryId ? (charges.get(r.chargeEntryId) ?? null) : null,
    reviewNote: r.reviewNote,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    allowedActions: canReview ? (r.heldFor === 'lower' ? ['reject'] : ['accept', 'reject']) : [],
  };
}
