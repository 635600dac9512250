import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { workEvents } from '../../work/tables';
import { redactAuditSummaries } from '../audit';
import { GATE_PASS_SUBJECT, GOODS_SLIP_SUBJECT, decorationWorkers, gatePasses, goodsSlips } from './tables';

/** What stands in for an erased visitor's or carrier's name (the columns are required). */
export const ERASED_NAME = '—';

/** How many records the retention pass stripped. */
export interface RetentionResult {
  passes: number;
  slips: number;
  workers: number;
}

/**
 * PIPL retention of the gate: strips the personal data of visitor passes and goods-release slips
 * that ended more than `retentionDays` ago (a pass ends at its validity end, or at the exit when
 * that came later; a slip at its validity end), and of the decoration workers who held those
 * passes. Names become "—"; phones, plates, purposes, notes, certificate numbers and the host
 * confirmation's name are cleared, on the records, their timeline entries and their audit
 * summaries. What statistics need stays: the rows, numbers, states, times, unit and party size.
 * Idempotent: stripped records carry `personal_data_erased_at` and are not visited again.
 */
export async function eraseExpiredVisitorData(tx: DbOrTx, organizationId: string, retentionDays: number, now = new Date()): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const passes = await tx
    .update(gatePasses)
    .set({
      visitorName: ERASED_NAME,
      visitorPhone: null,
      plate: null,
      purpose: null,
      hostName: null,
      confirmation: sql`${gatePasses.confirmation} - 'confirmedBy'`,
      personalDataErasedAt: now,
    })
    .where(
      and(
        eq(gatePasses.organizationId, organizationId),
        isNull(gatePasses.personalDataErasedAt),
        lt(sql`greatest(${gatePasses.validUntil}, coalesce(${gatePasses.exitedAt}, ${gatePasses.validUntil}))`, cutoff),
      ),
    )
    .returning({ id: gatePasses.id });
  const passIds = passes.map((p) => p.id);

  const workers = passIds.length
    ? await tx
        .update(decorationWorkers)
        .set({ name: ERASED_NAME, phone: null, certificateNumber: null, verification: null })
        .where(and(eq(decorationWorkers.organizationId, organizationId), inArray(decorationWorkers.passId, passIds)))
        .returning({ id: decorationWorkers.id, decorationId: decorationWorkers.decorationId })
    : [];

  const slips = await tx
    .update(goodsSlips)
    .set({ carrierName: ERASED_NAME, carrierPhone: null, plate: null, note: null, confirmation: sql`${goodsSlips.confirmation} - 'confirmedBy'`, personalDataErasedAt: now })
    .where(and(eq(goodsSlips.organizationId, organizationId), isNull(goodsSlips.personalDataErasedAt), lt(goodsSlips.validUntil, cutoff)))
    .returning({ id: goodsSlips.id });
  const slipIds = slips.map((s) => s.id);

  // The timeline and the audit trail copied the names when the steps were taken.
  await stripEvents(tx, GATE_PASS_SUBJECT, passIds, ['visitorName', 'confirmation']);
  await stripEvents(tx, GOODS_SLIP_SUBJECT, slipIds, ['carrierName', 'confirmation']);
  if (workers.length) {
    await tx
      .update(workEvents)
      .set({ data: sql`${workEvents.data} - array['name', 'certificateNumber', 'verification']::text[]` })
      .where(
        and(
          eq(workEvents.subjectType, 'decoration'),
          inArray(workEvents.subjectId, [...new Set(workers.map((w) => w.decorationId))]),
          inArray(sql`${workEvents.data} ->> 'workerId'`, workers.map((w) => w.id)),
        ),
      );
    await redactAuditSummaries(tx, { organizationId, entityType: 'decoration', entityIds: [...new Set(workers.map((w) => w.decorationId))], keys: ['name'] });
  }
  await redactAuditSummaries(tx, { organizationId, entityType: GATE_PASS_SUBJECT, entityIds: passIds, keys: ['visitorName', 'visitorPhone', 'plate', 'hostName'] });
  await redactAuditSummaries(tx, { organizationId, entityType: GOODS_SLIP_SUBJECT, entityIds: slipIds, keys: ['carrierName', 'carrierPhone', 'plate'] });
  return { passes: passIds.length, slips: slipIds.length, workers: workers.length };
}

async function stripEvents(tx: DbOrTx, subjectType: string, ids: string[], keys: string[]): Promise<void> {
  if (!ids.length) return;
  const list = sql`array[${sql.join(keys.map((k) => sql`${k}`), sql`, `)}]::text[]`;
  await tx
    .update(workEvents)
    .set({ data: sql`${workEvents.data} - ${list}` })
    .where(and(eq(workEvents.subjectType, subjectType), inArray(workEvents.subjectId, ids)));
}

/** Replaces the host name copied on passes a resident hosted (their data was erased); returns how many. */
export async function anonymiseHost(tx: DbOrTx, organizationId: string, residentId: string, name: string): Promise<number> {
  const rows = await tx
    .update(gatePasses)
    .set({ hostName: name })
    .where(and(eq(gatePasses.organizationId, organizationId), eq(gatePasses.hostResidentId, residentId)))
    .returning({ id: gatePasses.id });
  return rows.length;
}
