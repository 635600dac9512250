import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { gatePasses, goodsSlips } from './tables';

/** The passes a resident registered as host and the release slips they issued, for their own data download. */
export async function gateRecordsOfResident(db: DbOrTx, organizationId: string, residentId: string) {
  const passes = await db
    .select()
    .from(gatePasses)
    .where(and(eq(gatePasses.organizationId, organizationId), eq(gatePasses.hostResidentId, residentId)))
    .orderBy(asc(gatePasses.createdAt));
  const slips = await db
    .select()
    .from(goodsSlips)
    .where(and(eq(goodsSlips.organizationId, organizationId), eq(goodsSlips.issuerResidentId, residentId)))
    .orderBy(asc(goodsSlips.createdAt));
  return {
    passes: passes.map((p) => ({
      number: p.number,
      unit: p.unitLabel,
      visitorName: p.visitorName,
      visitorPhone: p.visitorPhone,
      plate: p.plate,
      partySize: p.partySize,
      purpose: p.purpose,
      validFrom: p.validFrom.toISOString(),
      validUntil: p.validUntil.toISOString(),
      enteredAt: p.enteredAt?.toISOString() ?? null,
      exitedAt: p.exitedAt?.toISOString() ?? null,
      state: p.state,
    })),
    slips: slips.map((s) => ({
      number: s.number,
      unit: s.unitLabel,
      items: s.items.map((i) => `${i.name} × ${i.quantity}`).join('; '),
      carrierName: s.carrierName,
      carrierPhone: s.carrierPhone,
      plate: s.plate,
      validUntil: s.validUntil.toISOString(),
      state: s.state,
    })),
  };
}
