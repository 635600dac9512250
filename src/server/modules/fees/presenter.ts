import type { BillRun, FeeAccount, FeeItem, FeePayment, LedgerEntry } from '../../../common/fees';
import type { Actor } from '../../db/scope';
import { isDebit, paidThrough, summarize } from './ledger';
import { feeAccountPolicy, feePaymentPolicy, feeSetupPolicy } from './policy';
import { allocationView, ledgerView, type AccountRow, type AllocationRow, type BillRunRow, type EntryRow, type ItemRow, type PaymentRow, type VersionRow } from './repository';

// Rows -> API shapes, field by field.

/** A fee item with its versions and the one in force today. */
export function presentItem(actor: Actor, item: ItemRow, versions: readonly VersionRow[], today: string): FeeItem {
  const shaped = versions.map((v) => ({ id: v.id, effectiveFrom: v.effectiveFrom, pricing: v.pricing, createdAt: v.createdAt.toISOString() }));
  const current = [...shaped].reverse().find((v) => v.effectiveFrom <= today) ?? null;
  return {
    id: item.id,
    communityId: item.communityId,
    name: item.name,
    kind: item.kind,
    cycle: item.cycle,
    rounding: item.rounding,
    purpose: item.purpose,
    current,
    versions: shaped,
    allowedActions: feeSetupPolicy.can(actor, 'manage', item) ? ['update'] : [],
  };
}

/** An account with its ledger and everything computed from it. */
export function presentAccount(
  actor: Actor,
  account: AccountRow,
  ledger: { entries: EntryRow[]; allocations: AllocationRow[] },
  items: ReadonlyMap<string, string>,
  today: string,
  closed: string | null,
): FeeAccount {
  const views = ledger.entries.map(ledgerView);
  const s = summarize(views, ledger.allocations.map(allocationView), today);
  const reversedBy = new Map(ledger.entries.filter((e) => e.reversesId).map((e) => [e.reversesId!, e.id]));
  const canReverse = feeAccountPolicy.can(actor, 'reverse', account);
  const itemIds = [...new Set(ledger.entries.filter((e) => e.kind === 'charge' && e.itemId).map((e) => e.itemId!))];
  return {
    id: account.id,
    communityId: account.communityId,
    kind: account.kind,
    unitId: account.unitId,
    label: account.label,
    balanceFen: s.balanceFen,
    arrearsFen: s.arrearsFen,
    notYetDueFen: s.notYetDueFen,
    prepaymentFen: s.prepaymentFen,
    ageing: s.ageing,
    paidThrough: itemIds.map((id) => ({ itemId: id, itemName: items.get(id) ?? '', date: paidThrough(views, s.open, id) })),
    closedThrough: closed,
    entries: ledger.entries.map((e) => presentEntry(e, items, s.open.get(e.id) ?? 0, reversedBy.get(e.id) ?? null, canReverse)),
    allocations: ledger.allocations.map((a) => ({ id: a.id, creditId: a.creditId, debitId: a.debitId, amountFen: a.amountFen, createdAt: a.createdAt.toISOString() })),
    allowedActions: feeAccountPolicy.allowedActions(actor, account).filter((a): a is 'pay' | 'post' | 'reverse' => a !== 'read'),
  };
}

export function presentEntry(e: EntryRow, items: ReadonlyMap<string, string>, open: number, reversedById: string | null, canReverse: boolean): LedgerEntry {
  return {
    id: e.id,
    kind: e.kind,
    amountFen: e.amountFen,
    entryDate: e.entryDate,
    dueOn: e.dueOn,
    itemId: e.itemId,
    itemName: e.itemId ? (items.get(e.itemId) ?? null) : null,
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    openFen: open,
    reversesId: e.reversesId,
    reversedById,
    billRunId: e.billRunId,
    paymentId: e.paymentId,
    memo: e.memo,
    createdAt: e.createdAt.toISOString(),
    allowedActions: canReverse && !reversedById && e.kind !== 'reversal' && e.kind !== 'payment' ? ['reverse'] : [],
  };
}

/**
 * A receipt: the lines by method, and what the payment settled, net of releases (from the ledger
 * as it is now: a voided payment settles nothing).
 */
export function presentPayment(actor: Actor, p: PaymentRow, account: AccountRow, ledger: { entries: EntryRow[]; allocations: AllocationRow[] }, items: ReadonlyMap<string, string>): FeePayment {
  const byDebit = new Map<string, number>();
  for (const a of ledger.allocations) if (a.creditId === p.entryId) byDebit.set(a.debitId, (byDebit.get(a.debitId) ?? 0) + a.amountFen);
  const entries = new Map(ledger.entries.map((e) => [e.id, e]));
  const allocations = [...byDebit]
    .filter(([id, amount]) => amount > 0 && entries.get(id) && isDebit(entries.get(id)!) && entries.get(id)!.kind !== 'reversal')
    .map(([id, amount]) => {
      const e = entries.get(id)!;
      return { chargeId: id, itemName: e.itemId ? (items.get(e.itemId) ?? null) : null, periodStart: e.periodStart, periodEnd: e.periodEnd, amountFen: amount };
    })
    .sort((a, b) => (a.periodStart ?? '').localeCompare(b.periodStart ?? ''));
  const settled = allocations.reduce((s, a) => s + a.amountFen, 0);
  const record = { ...account, status: p.status };
  return {
    id: p.id,
    communityId: p.communityId,
    accountId: p.accountId,
    accountLabel: account.label,
    receiptNo: p.receiptNo,
    totalFen: p.totalFen,
    lines: p.lines,
    allocations,
    prepaymentFen: p.status === 'void' ? 0 : p.totalFen - settled,
    payerName: p.payerName,
    cashierName: p.cashierName,
    paidAt: p.paidAt.toISOString(),
    status: p.status,
    voidReason: p.voidReason,
    voidedAt: p.voidedAt?.toISOString() ?? null,
    replacesPaymentId: p.replacesPaymentId,
    printCount: p.printCount,
    verifyCode: p.verifyCode,
    allowedActions: feePaymentPolicy.allowedActions(actor, record).filter((a): a is 'void' | 'print' => a !== 'read'),
  };
}

/** A posted or reversed run. */
export function presentRun(actor: Actor, run: BillRunRow): BillRun {
  const summary = run.summary as Pick<BillRun, 'byBuilding' | 'skipped'>;
  return {
    id: run.id,
    communityId: run.communityId,
    cycle: run.cycle,
    periodStart: run.periodStart,
    periodEnd: run.periodEnd,
    dryRun: false,
    status: run.status,
    chargeCount: run.chargeCount,
    totalFen: run.totalFen,
    byBuilding: summary.byBuilding,
    skipped: summary.skipped,
    allowedActions: run.status === 'posted' && feeSetupPolicy.can(actor, 'manage', run) ? ['reverse'] : [],
  };
}
