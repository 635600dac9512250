import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { manualEntryInputSchema } from '../../../../common/fees';
import type { RequestContext } from '../../../auth/context';
import type { Db, Tx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { AppError, fieldError, notFound, type FieldProblem } from '../../../errors';
import { recordAudit } from '../../audit';
import { reversalAllocations, summarize } from '../ledger';
import { feeAccountPolicy } from '../policy';
import { meteredCharge } from '../pricing';
import { accountScope, allocationView, communityToday, ledgerOf, ledgerView, visibleAccount, type AccountRow, type EntryRow } from '../repository';
import { feeAccounts, feeEntries, feeItems, feeItemVersions } from '../tables';
import { appendAllocations, appendEntries, assertOpenDate, settleAccount } from './ledger-write';

type ManualInput = z.output<typeof manualEntryInputSchema>;

// Which way each kind moves the balance; an adjustment names its direction.
const SIGN = { charge: 1, late_fee: 1, refund: 1, discount: -1, write_off: -1 } as const;

/**
 * Posts a charge, discount, late fee, adjustment, refund or write-off by hand (managers). The
 * account is locked for the whole write; credits then settle the oldest open charges.
 */
export async function postEntry(db: Db, ctx: RequestContext, accountId: string, input: ManualInput): Promise<EntryRow> {
  return inTransaction(db, async (tx) => {
    const account = await visibleAccount(tx, ctx.actor, accountId, true);
    if (!account) throw notFound('entity.feeAccount');
    feeAccountPolicy.assert(ctx.actor, 'post', account);
    const today = await communityToday(tx, account.communityId);
    const entryDate = input.entryDate ?? today;
    const problems: Record<string, FieldProblem> = {};
    if (input.kind === 'adjustment' && !input.direction) problems.direction = { key: 'field.directionRequired' };
    if (input.kind !== 'adjustment' && input.direction) problems.direction = { key: 'field.directionNotAllowed' };
    if (input.kind === 'charge' && !input.itemId) problems.itemId = { key: 'field.itemRequired' };
    if (input.periodStart && input.periodEnd && input.periodEnd < input.periodStart) problems.periodEnd = { key: 'field.periodOrder' };
    let amount = input.amountFen;
    let item: typeof feeItems.$inferSelect | undefined;
    if (input.itemId) {
      [item] = await tx.select().from(feeItems).where(and(eq(feeItems.id, input.itemId), eq(feeItems.communityId, account.communityId)));
      if (!item) problems.itemId = { key: 'error.notFound', params: { entity: 'entity.feeItem' } };
    }
    if (input.quantity !== undefined && item?.kind !== 'metered') problems.quantity = { key: 'field.quantityNotAllowed' };
    if (item?.kind === 'metered' && input.kind === 'charge') {
      if (input.quantity === undefined) problems.quantity = { key: 'field.quantityRequired' };
      else {
        const versions = await tx.select().from(feeItemVersions).where(eq(feeItemVersions.itemId, item.id));
        const on = input.periodEnd ?? entryDate;
        const version = versions.filter((v) => v.effectiveFrom <= on).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
        if (!version || version.pricing.kind !== 'metered') problems.itemId = { key: 'field.versionPast', params: { today: on } };
        else amount = meteredCharge(version.pricing.tiers, Math.round(input.quantity * 1000), item.rounding);
      }
    }
    if (input.kind === 'refund') {
      const { entries, allocations } = await ledgerOf(tx, account.id);
      const credit = summarize(entries.map(ledgerView), allocations.map(allocationView), today).prepaymentFen;
      if (amount > credit) problems.amountFen = { key: 'field.refundAboveCredit', params: { amount: (credit / 100).toFixed(2) } };
    }
    if (Object.keys(problems).length) throw fieldError(problems);
    await assertOpenDate(tx, account.communityId, entryDate, 'entryDate');
    const sign = input.kind === 'adjustment' ? (input.direction === 'debit' ? 1 : -1) : SIGN[input.kind];
    const [entry] = await appendEntries(tx, account, [
      {
        kind: input.kind,
        amountFen: sign * amount,
        entryDate,
        dueOn: entryDate,
        itemId: input.itemId ?? null,
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd ?? null,
        memo: input.memo ?? null,
        createdBy: ctx.actor.userId,
      },
    ]);
    await settleAccount(tx, account);
    await recordAudit(tx, ctx, { organizationId: account.organizationId, entityType: 'fee_entry', entityId: entry!.id, action: `post_${input.kind}`, after: { account: account.label, amountFen: entry!.amountFen, entryDate, itemId: entry!.itemId, quantity: input.quantity } });
    return entry!;
  });
}

/**
 * Reverses one entry with an entry of the opposite amount dated today: allocations that touch it
 * are released by negative rows, the pair is closed against each other and the account settles
 * again. Payments are reversed by voiding their receipt.
 */
export async function reverseEntry(db: Db, ctx: RequestContext, entryId: string, reason: string): Promise<EntryRow> {
  return inTransaction(db, async (tx) => {
    const [found] = await tx
      .select({ entry: feeEntries, accountId: feeAccounts.id })
      .from(feeEntries)
      .innerJoin(feeAccounts, eq(feeAccounts.id, feeEntries.accountId))
      .where(and(eq(feeEntries.id, entryId), accountScope(ctx.actor)));
    const account = found ? await visibleAccount(tx, ctx.actor, found.accountId, true) : null;
    if (!found || !account) throw notFound('entity.feeEntry');
    feeAccountPolicy.assert(ctx.actor, 'reverse', account);
    const original = found.entry;
    const reversal = await reverseInAccount(tx, ctx, account, original, reason);
    await settleAccount(tx, account);
    await recordAudit(tx, ctx, { organizationId: account.organizationId, entityType: 'fee_entry', entityId: original.id, action: 'reverse', after: { account: account.label, reversalId: reversal.id, amountFen: reversal.amountFen, reason } });
    return reversal;
  });
}

/** The reversal itself, for callers that hold the account's lock (void, bill-run reversal). */
export async function reverseInAccount(
  tx: Tx,
  ctx: RequestContext,
  account: AccountRow,
  original: EntryRow,
  memo: string,
  options: { allowPayment?: boolean } = {},
): Promise<EntryRow> {
  if (original.kind === 'reversal') throw new AppError('CONFLICT', 'error.reversalNotReversible');
  if (original.kind === 'payment' && !options.allowPayment) throw new AppError('CONFLICT', 'error.paymentEntry');
  const [already] = await tx.select({ id: feeEntries.id }).from(feeEntries).where(eq(feeEntries.reversesId, original.id));
  if (already) throw new AppError('CONFLICT', 'error.alreadyReversed');
  const today = await communityToday(tx, account.communityId);
  await assertOpenDate(tx, account.communityId, today);
  const { allocations } = await ledgerOf(tx, account.id);
  const [reversal] = await appendEntries(tx, account, [
    { kind: 'reversal', amountFen: -original.amountFen, entryDate: today, dueOn: today, itemId: original.itemId, periodStart: original.periodStart, periodEnd: original.periodEnd, reversesId: original.id, paymentId: original.paymentId, memo, createdBy: ctx.actor.userId },
  ]);
  await appendAllocations(tx, account, reversalAllocations(allocations.map(allocationView), ledgerView(original), ledgerView(reversal!)));
  return reversal!;
}
