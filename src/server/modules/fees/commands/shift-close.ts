import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../common/fees';
import type { shiftCloseInputSchema, ShiftClose, ShiftDrawer } from '../../../../common/fee-ops';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { AppError, fieldError, notFound, type FieldProblem } from '../../../errors';
import { recordAudit } from '../../audit';
import { visibleCommunity } from '../../registry';
import { shiftClosePolicy } from '../ops-policy';
import { feeShiftCloses, type ShiftCloseLine } from '../ops-tables';
import { communityToday } from '../repository';
import { feePayments } from '../tables';

export type ShiftCloseRow = typeof feeShiftCloses.$inferSelect;

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The cashier's last close in a community, or null. */
export async function lastClose(db: DbOrTx, communityId: string, cashierUserId: string): Promise<ShiftCloseRow | null> {
  const [row] = await db
    .select()
    .from(feeShiftCloses)
    .where(and(eq(feeShiftCloses.communityId, communityId), eq(feeShiftCloses.cashierUserId, cashierUserId)))
    .orderBy(desc(feeShiftCloses.closedAt))
    .limit(1);
  return row ?? null;
}

/**
 * What a cashier's drawer should hold: the lines of the payments they took in the community since
 * their last close (up to `until`), per method. Cash counts the amount kept (tendered − change).
 * Receipts voided since are not expected (the money went back) and are counted apart.
 */
export async function drawerOf(db: DbOrTx, communityId: string, cashierUserId: string, until: Date): Promise<{ since: Date | null; expected: Map<PaymentMethod, number>; paymentCount: number; voidCount: number }> {
  const since = (await lastClose(db, communityId, cashierUserId))?.closedAt ?? null;
  const rows = await db
    .select({ lines: feePayments.lines, status: feePayments.status })
    .from(feePayments)
    .where(and(eq(feePayments.communityId, communityId), eq(feePayments.cashierUserId, cashierUserId), since ? gt(feePayments.paidAt, since) : undefined, lte(feePayments.paidAt, until)));
  const expected = new Map<PaymentMethod, number>();
  let voidCount = 0;
  for (const p of rows) {
    if (p.status === 'void') {
      voidCount++;
      continue;
    }
    for (const l of p.lines) expected.set(l.method, (expected.get(l.method) ?? 0) + l.amountFen);
  }
  return { since, expected, paymentCount: rows.length - voidCount, voidCount };
}

async function closeCommunity(db: DbOrTx, ctx: RequestContext, communityId: string) {
  const c = await visibleCommunity(db, ctx.actor, communityId, { active: false });
  if (!c || !shiftClosePolicy.can(ctx.actor, 'readDaily', { organizationId: c.organizationId, communityId: c.id })) throw notFound('entity.community');
  return c;
}

/** The caller's drawer now (what the close form shows before counting). */
export async function myDrawer(db: DbOrTx, ctx: RequestContext, communityId: string): Promise<ShiftDrawer> {
  const c = await closeCommunity(db, ctx, communityId);
  shiftClosePolicy.assert(ctx.actor, 'close', { organizationId: c.organizationId, communityId: c.id });
  const d = await drawerOf(db, c.id, ctx.actor.userId, new Date());
  return {
    communityId: c.id,
    since: d.since?.toISOString() ?? null,
    paymentCount: d.paymentCount,
    voidCount: d.voidCount,
    expected: PAYMENT_METHODS.filter((m) => d.expected.has(m)).map((m) => ({ method: m, expectedFen: d.expected.get(m)! })),
  };
}

/**
 * Closes the caller's drawer: every method with an expected amount is counted, a difference (or
 * money of a method nobody paid by) needs a reason. One close per cashier at a time (advisory
 * lock), so two clicks cannot close the same payments twice.
 */
export async function closeShift(db: Db, ctx: RequestContext, input: z.output<typeof shiftCloseInputSchema>): Promise<ShiftCloseRow> {
  return inTransaction(db, async (tx) => {
    const c = await closeCommunity(tx, ctx, input.communityId);
    shiftClosePolicy.assert(ctx.actor, 'close', { organizationId: c.organizationId, communityId: c.id });
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`fee-shift:${c.id}:${ctx.actor.userId}`}))`);
    const now = new Date();
    const d = await drawerOf(tx, c.id, ctx.actor.userId, now);
    if (d.paymentCount === 0 && d.voidCount === 0) throw new AppError('CONFLICT', 'error.shiftCloseEmpty');
    const problems: Record<string, FieldProblem> = {};
    const counted = new Map<PaymentMethod, { countedFen: number; reason: string | null }>();
    input.counts.forEach((line, i) => {
      if (counted.has(line.method)) problems[`counts.${i}.method`] = { key: 'field.countRepeated' };
      else counted.set(line.method, { countedFen: line.countedFen, reason: line.reason || null });
    });
    const lines: ShiftCloseLine[] = [];
    for (const method of PAYMENT_METHODS) {
      const expectedFen = d.expected.get(method) ?? 0;
      const count = counted.get(method);
      const i = input.counts.findIndex((l) => l.method === method);
      if (!count) {
        if (expectedFen > 0) problems[`counts.${method}`] = { key: 'field.countMissing', params: { amount: yuan(expectedFen) } };
        continue;
      }
      if (count.countedFen !== expectedFen && !count.reason) problems[`counts.${i}.reason`] = { key: 'field.differenceReason', params: { amount: yuan(expectedFen) } };
      if (expectedFen === 0 && count.countedFen === 0) continue;
      lines.push({ method, expectedFen, countedFen: count.countedFen, reason: count.reason });
    }
    if (Object.keys(problems).length) throw fieldError(problems);
    const expectedFen = lines.reduce((s, l) => s + l.expectedFen, 0);
    const countedFen = lines.reduce((s, l) => s + l.countedFen, 0);
    const [row] = await tx
      .insert(feeShiftCloses)
      .values({
        organizationId: c.organizationId,
        communityId: c.id,
        cashierUserId: ctx.actor.userId,
        cashierName: ctx.actor.displayName,
        fromAt: d.since,
        closedAt: now,
        closedOn: await communityToday(tx, c.id, now),
        lines,
        paymentCount: d.paymentCount,
        voidCount: d.voidCount,
        expectedFen,
        countedFen,
      })
      .returning();
    await recordAudit(tx, ctx, { organizationId: c.organizationId, entityType: 'fee_shift_close', entityId: row!.id, action: 'close', after: { expectedFen, countedFen, differenceFen: countedFen - expectedFen, lines: lines.map((l) => `${l.method}:${l.expectedFen}/${l.countedFen}`) } });
    return row!;
  });
}

export function presentClose(r: ShiftCloseRow): ShiftClose {
  return {
    id: r.id,
    communityId: r.communityId,
    cashierName: r.cashierName,
    fromAt: r.fromAt?.toISOString() ?? null,
    closedAt: r.closedAt.toISOString(),
    closedOn: r.closedOn,
    lines: r.lines.map((l) => ({ ...l, differenceFen: l.countedFen - l.expectedFen })),
    paymentCount: r.paymentCount,
    voidCount: r.voidCount,
    expectedFen: r.expectedFen,
    countedFen: r.countedFen,
    differenceFen: r.countedFen - r.expectedFen,
  };
}

export { closeCommunity };
