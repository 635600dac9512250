import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { OwnerBill, PayInfo, payInfoInputSchema } from '../../../common/fee-owner';
import type { RequestContext } from '../../auth/context';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { AppError, forbidden, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { communityNames, visibleCommunity } from '../registry';
import { unitAccount } from './commands/accounts';
import { lateFeesOfAccount } from './late-fees';
import { isDebit, summarize } from './ledger';
import { feePayInfoPolicy } from './owner-policy';
import { feeCommunitySettings } from './owner-tables';
import { allocationView, communityToday, itemsOf, ledgerOf, ledgerView } from './repository';

/*
 * The owner's bills (docs/fees.md, "Owner portal"): per unit of their household, what is open
 * with its item and period, the amount due, and how to pay the community (its bank account and
 * the reference to write). Online payment providers would plug in through `PaymentProvider`
 * (docs/fees.md); none is configured, so the portal shows only the bank transfer and the desk.
 */

type PayInfoRow = typeof feeCommunitySettings.$inferSelect;
const EMPTY = { bankName: '', accountName: '', accountNo: '', referenceHint: '', payNote: '' };

async function payInfoRow(db: DbOrTx, communityId: string): Promise<PayInfoRow | null> {
  const [row] = await db.select().from(feeCommunitySettings).where(eq(feeCommunitySettings.communityId, communityId));
  return row ?? null;
}

function presentPayInfo(actor: Actor, community: { id: string; organizationId: string; name: string }, row: PayInfoRow | null): PayInfo {
  const r = row ?? { ...EMPTY, updatedAt: null };
  return {
    communityId: community.id,
    communityName: community.name,
    bankName: r.bankName,
    accountName: r.accountName,
    accountNo: r.accountNo,
    referenceHint: r.referenceHint,
    payNote: r.payNote,
    updatedAt: r.updatedAt ? r.updatedAt.toISOString() : null,
    allowedActions: feePayInfoPolicy.can(actor, 'update', { organizationId: community.organizationId, communityId: community.id }) ? ['update'] : [],
  };
}

async function payInfoCommunity(db: DbOrTx, actor: Actor, communityId: string) {
  const community = await visibleCommunity(db, actor, communityId, { active: false });
  if (!community) throw notFound('entity.community');
  feePayInfoPolicy.assert(actor, 'read', { organizationId: community.organizationId, communityId: community.id });
  return community;
}

/** How owners pay a community. */
export async function readPayInfo(db: Db, actor: Actor, communityId: string): Promise<PayInfo> {
  const community = await payInfoCommunity(db, actor, communityId);
  return presentPayInfo(actor, community, await payInfoRow(db, community.id));
}

/** Saves how owners pay a community (one row per community), audited. */
export async function savePayInfo(db: Db, ctx: RequestContext, communityId: string, input: z.output<typeof payInfoInputSchema>): Promise<PayInfo> {
  return inTransaction(db, async (tx) => {
    const community = await payInfoCommunity(tx, ctx.actor, communityId);
    feePayInfoPolicy.assert(ctx.actor, 'update', { organizationId: community.organizationId, communityId: community.id });
    const before = await payInfoRow(tx, community.id);
    const values = { ...input, updatedBy: ctx.actor.userId, updatedAt: new Date() };
    const [row] = await tx
      .insert(feeCommunitySettings)
      .values({ communityId: community.id, organizationId: community.organizationId, ...values })
      .onConflictDoUpdate({ target: feeCommunitySettings.communityId, set: values })
      .returning();
    const shape = (r: PayInfoRow | null) => (r ? { bankName: r.bankName, accountName: r.accountName, accountNo: r.accountNo, referenceHint: r.referenceHint, payNote: r.payNote } : EMPTY);
    await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'fee_pay_info', entityId: community.id, action: 'update', before: shape(before), after: shape(row!) });
    return presentPayInfo(ctx.actor, community, row!);
  });
}

/** The bills of every unit of the signed-in owner's household (accounts open on first look). */
export async function ownerBills(db: Db, ctx: RequestContext): Promise<OwnerBill[]> {
  const actor = ctx.actor;
  if (!actor.roles.includes('resident') || actor.staffId !== null) throw forbidden();
  const accounts = await inTransaction(db, async (tx) => {
    const out = [];
    for (const unitId of actor.unitIds) {
      // A unit archived since the owner signed in has no bills to show; the others still do.
      const account = await unitAccount(tx, ctx, unitId).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
        throw e;
      });
      if (account) out.push(account);
    }
    return out;
  });
  const names = await communityNames(db, accounts.map((a) => a.communityId));
  const bills: OwnerBill[] = [];
  for (const account of accounts) {
    const ledger = await ledgerOf(db, account.id);
    const today = await communityToday(db, account.communityId);
    const s = summarize(ledger.entries.map(ledgerView), ledger.allocations.map(allocationView), today);
    const items = new Map((await itemsOf(db, account.communityId)).map((i) => [i.item.id, i.item.name]));
    const community = { id: account.communityId, organizationId: account.organizationId, name: names.get(account.communityId)?.name ?? '' };
    const { allowedActions: _omit, ...payInfo } = presentPayInfo(actor, community, await payInfoRow(db, account.communityId));
    bills.push({
      unitId: account.unitId!,
      accountId: account.id,
      label: account.label,
      communityId: account.communityId,
      communityName: community.name,
      balanceFen: s.balanceFen,
      arrearsFen: s.arrearsFen,
      notYetDueFen: s.notYetDueFen,
      prepaymentFen: s.prepaymentFen,
      dueNowFen: Math.max(0, s.arrearsFen + s.notYetDueFen - s.prepaymentFen),
      open: ledger.entries
        .filter((e) => isDebit(e) && (s.open.get(e.id) ?? 0) > 0)
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.seq - b.seq)
        .map((e) => ({
          entryId: e.id,
          kind: e.kind,
          itemName: e.itemId ? (items.get(e.itemId) ?? null) : null,
          periodStart: e.periodStart,
          periodEnd: e.periodEnd,
          dueOn: e.dueOn,
          amountFen: e.amountFen,
          openFen: s.open.get(e.id) ?? 0,
          overdue: e.dueOn <= today,
          memo: e.memo,
        })),
      payInfo,
      lateFees: await lateFeesOfAccount(db, account, ledger.entries, s.open, items),
    });
  }
  return bills;
}
