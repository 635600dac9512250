import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { paymentInputSchema } from '../../../../common/fees';
import type { RequestContext } from '../../../auth/context';
import type { Db, Tx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { AppError, fieldError, notFound, type FieldProblem } from '../../../errors';
import { nextNumber } from '../../../work/numbering';
import { recordAudit } from '../../audit';
import { communityById } from '../../registry';
import { allocateToChosen, isDebit, openAmounts } from '../ledger';
import { feeAccountPolicy, feePaymentPolicy } from '../policy';
import { allocationView, communityToday, ledgerOf, ledgerView, visibleAccount, visiblePayment, type PaymentRow } from '../repository';
import { feePayments, type PaymentLine } from '../tables';
import { appendAllocations, appendEntries, assertOpenDate, settleAccount } from './ledger-write';
import { reverseInAccount } from './entries';

type PaymentInput = z.output<typeof paymentInputSchema>;

const BY_REFERENCE = new Set(['bank_card', 'transfer', 'wechat_pay', 'alipay']);

/**
 * Takes a payment at the desk: one payment entry for the total of its lines (cash with the amount
 * tendered and the change, card, transfer, WeChat Pay and Alipay by their reference), allocated to
 * the charges the payer names, then to the oldest open ones; what is left is prepayment. The
 * receipt number comes last in the transaction from the kernel's counter (per community and
 * year): the counter row stays locked until commit, and a rolled-back payment gives its number
 * back, so numbers have no gaps even under concurrency.
 */
export async function takePayment(db: Db, ctx: RequestContext, input: PaymentInput): Promise<PaymentRow> {
  return inTransaction(db, (tx) => takePaymentIn(tx, ctx, input));
}

/** As `takePayment`, inside the caller's transaction (a bank statement posts all its payments in one). */
export async function takePaymentIn(tx: Tx, ctx: RequestContext, input: PaymentInput): Promise<PaymentRow> {
  const account = await visibleAccount(tx, ctx.actor, input.accountId, true);
  if (!account) throw fieldError({ accountId: { key: 'error.notFound', params: { entity: 'entity.feeAccount' } } });
  feeAccountPolicy.assert(ctx.actor, 'pay', account);
  const problems: Record<string, FieldProblem> = {};
  const lines: PaymentLine[] = input.lines.map((l, i) => {
    if (BY_REFERENCE.has(l.method) && !l.reference) problems[`lines.${i}.reference`] = { key: 'field.referenceRequired' };
    if (l.method !== 'cash' && l.tenderedFen !== undefined) problems[`lines.${i}.tenderedFen`] = { key: 'field.tenderedOnlyCash' };
    if (l.method === 'cash' && l.tenderedFen !== undefined && l.tenderedFen < l.amountFen) problems[`lines.${i}.tenderedFen`] = { key: 'field.tenderedTooLow', params: { amount: (l.amountFen / 100).toFixed(2) } };
    const tendered = l.method === 'cash' ? (l.tenderedFen ?? l.amountFen) : null;
    return { method: l.method, amountFen: l.amountFen, reference: l.reference ?? null, tenderedFen: tendered, changeFen: tendered === null ? null : tendered - l.amountFen };
  });
  const { entries, allocations } = await ledgerOf(tx, account.id);
  const open = openAmounts(entries.map(ledgerView), allocations.map(allocationView));
  const chosen = input.chargeIds ?? [];
  chosen.forEach((id, i) => {
    const e = entries.find((x) => x.id === id);
    if (chosen.indexOf(id) !== i) problems[`chargeIds.${i}`] = { key: 'field.chargeRepeated' };
    else if (!e || !isDebit(e) || (open.get(id) ?? 0) === 0) problems[`chargeIds.${i}`] = { key: 'field.chargeNotOpen' };
  });
  if (input.replacesPaymentId) {
    const original = await visiblePayment(tx, ctx.actor, input.replacesPaymentId);
    if (!original || original.payment.status !== 'void' || original.account.id !== account.id) problems.replacesPaymentId = { key: 'field.reissueNotVoid' };
  }
  if (Object.keys(problems).length) throw fieldError(problems);
  const today = await communityToday(tx, account.communityId);
  await assertOpenDate(tx, account.communityId, today);
  const total = lines.reduce((s, l) => s + l.amountFen, 0);
  const paymentId = randomUUID();
  const [entry] = await appendEntries(tx, account, [{ kind: 'payment', amountFen: -total, entryDate: today, dueOn: today, paymentId, memo: input.memo ?? null, createdBy: ctx.actor.userId }]);
  const after = [...entries.map(ledgerView), ledgerView(entry!)];
  await appendAllocations(tx, account, allocateToChosen(after, allocations.map(allocationView), entry!.id, chosen));
  await settleAccount(tx, account);
  const community = await communityById(tx, account.communityId);
  const now = new Date();
  const receiptNo = await nextNumber(tx, { organizationId: account.organizationId, scopeId: account.communityId, prefix: 'SK', period: 'year', timeZone: community?.timeZone ?? 'Asia/Shanghai', at: now });
  const [payment] = await tx
    .insert(feePayments)
    .values({
      id: paymentId,
      organizationId: account.organizationId,
      communityId: account.communityId,
      accountId: account.id,
      receiptNo,
      entryId: entry!.id,
      totalFen: total,
      lines,
      payerName: input.payerName ?? null,
      memo: input.memo ?? null,
      cashierUserId: ctx.actor.userId,
      cashierName: ctx.actor.displayName,
      paidAt: now,
      replacesPaymentId: input.replacesPaymentId ?? null,
      verifyCode: randomBytes(12).toString('base64url'),
    })
    .returning();
  await recordAudit(tx, ctx, { organizationId: account.organizationId, entityType: 'fee_payment', entityId: paymentId, action: 'take', after: { receiptNo, account: account.label, totalFen: total, methods: lines.map((l) => l.method), replacesPaymentId: input.replacesPaymentId } });
  return payment!;
}

/** Voids a receipt: it keeps its number and the reason; the payment entry is reversed. */
export async function voidPayment(db: Db, ctx: RequestContext, paymentId: string, reason: string): Promise<PaymentRow> {
  return inTransaction(db, async (tx) => {
    const found = await visiblePayment(tx, ctx.actor, paymentId, true);
    if (!found) throw notFound('entity.feePayment');
    const account = (await visibleAccount(tx, ctx.actor, found.account.id, true))!;
    if (found.payment.status === 'void') throw new AppError('CONFLICT', 'error.receiptVoid');
    feePaymentPolicy.assert(ctx.actor, 'void', { ...account, status: found.payment.status });
    const { entries } = await ledgerOf(tx, account.id);
    const entry = entries.find((e) => e.id === found.payment.entryId)!;
    const reversal = await reverseInAccount(tx, ctx, account, entry, reason, { allowPayment: true });
    await settleAccount(tx, account);
    const [row] = await tx
      .update(feePayments)
      .set({ status: 'void', voidReason: reason, voidedAt: new Date(), voidedBy: ctx.actor.userId, voidEntryId: reversal.id })
      .where(eq(feePayments.id, paymentId))
      .returning();
    await recordAudit(tx, ctx, { organizationId: account.organizationId, entityType: 'fee_payment', entityId: paymentId, action: 'void', after: { receiptNo: row!.receiptNo, reason } });
    return row!;
  });
}

/** Records a print: the first is the original, every later one prints as a copy. */
export async function printPayment(db: Db, ctx: RequestContext, paymentId: string): Promise<PaymentRow> {
  return inTransaction(db, async (tx) => {
    const found = await visiblePayment(tx, ctx.actor, paymentId, true);
    if (!found) throw notFound('entity.feePayment');
    const [row] = await tx.update(feePayments).set({ printCount: found.payment.printCount + 1 }).where(eq(feePayments.id, paymentId)).returning();
    await recordAudit(tx, ctx, { organizationId: found.account.organizationId, entityType: 'fee_payment', entityId: paymentId, action: found.payment.printCount ? 'reprint' : 'print', after: { receiptNo: row!.receiptNo, printCount: row!.printCount } });
    return row!;
  });
}

