import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { redactTimeline } from '../../work/timeline';
import { redactAuditSummaries } from '../audit';
import { GATE_PASS_SUBJECT, GOODS_SLIP_SUBJECT, decorationWorkers, decorations, gatePasses, goodsSlips } from './tables';

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
  await redactTimeline(tx, { type: GATE_PASS_SUBJECT, ids: passIds, keys: ['visitorName', 'confirmation'] });
  await redactTimeline(tx, { type: GOODS_SLIP_SUBJECT, ids: slipIds, keys: ['carrierName', 'confirmation'] });
  const decorationIds = [...new Set(workers.map((w) => w.decorationId))];
  await redactTimeline(tx, {
    type: 'decoration',
    ids: decorationIds,
    keys: ['name', 'certificateNumber', 'verification'],
    only: { dataKey: 'workerId', values: workers.map((w) => w.id) },
  });
  if (decorationIds.length) await redactAuditSummaries(tx, { organizationId, entityType: 'decoration', entityIds: decorationIds, keys: ['name'] });
  await redactAuditSummaries(tx, { organizationId, entityType: GATE_PASS_SUBJECT, entityIds: passIds, keys: ['visitorName', 'visitorPhone', 'plate', 'hostName'] });
  await redactAuditSummaries(tx, { organizationId, entityType: GOODS_SLIP_SUBJECT, entityIds: slipIds, keys: ['carrierName', 'carrierPhone', 'plate'] });
  return { passes: passIds.length, slips: slipIds.length, workers: workers.length };
}

/**
 * Erases a resident from the gate's records: the host name copied on passes they hosted, and a
 * decoration's responsible person (or registrant) when that was them, by phone or account.
 * Returns how many passes they hosted.
 */
export async function eraseResidentFromGate(
  tx: DbOrTx,
  organizationId: string,
  resident: { id: string; phone: string; userIds: string[] },
  name: string,
): Promise<number> {
  const rows = await tx
    .update(gatePasses)
    .set({ hostName: name })
    .where(and(eq(gatePasses.organizationId, organizationId), eq(gatePasses.hostResidentId, resident.id)))
    .returning({ id: gatePasses.id });
  if (resident.phone) {
    const responsible = await tx
      .update(decorations)
      .set({ responsibleName: name, responsiblePhone: '' })
      .where(and(eq(decorations.organizationId, organizationId), eq(decorations.responsiblePhone, resident.phone)))
      .returning({ id: decorations.id });
    const ids = responsible.map((d) => d.id);
    await redactTimeline(tx, { type: 'decoration', ids, keys: ['responsibleName', 'responsiblePhone'] });
    await redactAuditSummaries(tx, { organizationId, entityType: 'decoration', entityIds: ids, keys: ['responsibleName', 'responsiblePhone'] });
  }
  if (resident.userIds.length) {
    await tx
      .update(decorations)
      .set({ createdBy: sql`jsonb_set(${decorations.createdBy}, '{name}', to_jsonb(${name}::text))` })
      .where(and(eq(decorations.organizationId, organizationId), inArray(sql`${decorations.createdBy} ->> 'userId'`, resident.userIds)));
  }
  return rows.length;
}
