import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { drillQuerySchema, FeeDrill, FeeReport, reportQuerySchema } from '../../../common/fee-owner';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { fieldError } from '../../errors';
import { billableUnits, visibleCommunity } from '../registry';
import { arrearsRecovered, byMethod, incomeByItem, itemNames, ledgerFigures, receiptsIn } from './figures';
import { summarize } from './ledger';
import { feeReportPolicy } from './owner-policy';
import { allocationView, communityToday, ledgerView } from './repository';
import { feeAccounts, feeAllocations, feeEntries } from './tables';

/*
 * Fee reports of a community (docs/fees.md, "Reports"): collection rate by amount and by household
 * for the range's charges and the arrears recovered in it, arrears by building and age as of
 * today, income by item and by payment method, and receipts per day or month. Every figure is
 * read from the ledger; `feeDrill` lists the accounts or receipts behind one figure.
 */

type ReportQuery = z.output<typeof reportQuerySchema>;
type DrillQuery = z.output<typeof drillQuerySchema>;

/** Longest range of one report: a little over two years of days. */
const MAX_DAYS = 800;

async function reportCommunity(db: DbOrTx, actor: Actor, communityId: string) {
  const community = await visibleCommunity(db, actor, communityId, { active: false });
  if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
  feeReportPolicy.assert(actor, 'read', { organizationId: community.organizationId, communityId: community.id });
  return community;
}

function checkRange(from?: string, to?: string) {
  if (!from || !to) return;
  if (to < from) throw fieldError({ to: { key: 'field.periodOrder' } });
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw fieldError({ to: { key: 'field.reportRange', params: { days: MAX_DAYS } } });
}

/** Every unit account of the community with its arrears and ageing today, and its building. */
async function arrearsOfAccounts(db: DbOrTx, communityId: string) {
  const today = await communityToday(db, communityId);
  const accounts = await db.select().from(feeAccounts).where(and(eq(feeAccounts.communityId, communityId), eq(feeAccounts.kind, 'unit')));
  if (!accounts.length) return [];
  const ids = accounts.map((a) => a.id);
  const entries = await db.select().from(feeEntries).where(eq(feeEntries.communityId, communityId)).orderBy(asc(feeEntries.seq));
  const allocations = await db.select().from(feeAllocations).where(inArray(feeAllocations.accountId, ids));
  const units = new Map((await billableUnits(db, communityId)).map((u) => [u.unitId, u]));
  const entriesBy = groupBy(entries, (e) => e.accountId);
  const allocationsBy = groupBy(allocations, (a) => a.accountId);
  return accounts.map((a) => {
    const s = summarize((entriesBy.get(a.id) ?? []).map(ledgerView), (allocationsBy.get(a.id) ?? []).map(allocationView), today);
    const unit = a.unitId ? units.get(a.unitId) : undefined;
    return { account: a, buildingId: unit?.buildingId ?? null, buildingName: unit?.buildingName ?? '', arrearsFen: s.arrearsFen, ageing: s.ageing };
  });
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

const bucketOf = (date: string, granularity: 'day' | 'month') => (granularity === 'day' ? date : date.slice(0, 7));

export async function feeReport(db: DbOrTx, actor: Actor, q: ReportQuery): Promise<FeeReport> {
  const community = await reportCommunity(db, actor, q.communityId);
  checkRange(q.from, q.to);
  const figures = await ledgerFigures(db, community.id, q.from, q.to);
  const receipts = await receiptsIn(db, community.id, q.from, q.to);
  const names = await itemNames(db, community.id);
  const buildings = new Map<string, FeeReport['arrearsByBuilding'][number]>();
  for (const a of await arrearsOfAccounts(db, community.id)) {
    if (a.arrearsFen <= 0) continue;
    const key = a.buildingId ?? '';
    const cur = buildings.get(key) ?? { buildingId: a.buildingId, buildingName: a.buildingName, households: 0, arrearsFen: 0, ageing: { d0_30: 0, d31_90: 0, d91_180: 0, d181_365: 0, over_365: 0 } };
    cur.households += 1;
    cur.arrearsFen += a.arrearsFen;
    for (const k of Object.keys(cur.ageing) as (keyof typeof a.ageing)[]) cur.ageing[k] += a.ageing[k];
    buildings.set(key, cur);
  }
  const series = new Map<string, { receivedFen: number; receipts: number }>();
  for (const r of receipts) {
    const b = bucketOf(r.paidOn, q.granularity);
    const cur = series.get(b) ?? { receivedFen: 0, receipts: 0 };
    cur.receivedFen += r.totalFen;
    cur.receipts += 1;
    series.set(b, cur);
  }
  return {
    communityId: community.id,
    from: q.from,
    to: q.to,
    asOf: await communityToday(db, community.id),
    collection: {
      billedFen: figures.billedFen,
      collectedFen: figures.collectedFen,
      rate: figures.collectionRate,
      households: { ...figures.households, rate: figures.households.billed ? figures.households.paidInFull / figures.households.billed : null },
      arrearsRecoveredFen: await arrearsRecovered(db, community.id, q.from, q.to),
      receivedFen: figures.receivedFen,
    },
    arrearsByBuilding: [...buildings.values()].sort((a, b) => a.buildingName.localeCompare(b.buildingName, 'zh-CN')),
    incomeByItem: (await incomeByItem(db, community.id, q.from, q.to)).map((r) => ({ ...r, itemName: r.itemId ? (names.get(r.itemId) ?? '') : '' })).sort((a, b) => b.amountFen - a.amountFen),
    incomeByMethod: byMethod(receipts),
    series: [...series].map(([bucket, v]) => ({ bucket, ...v })).sort((a, b) => a.bucket.localeCompare(b.bucket)),
  };
}

/** The accounts (arrears) or receipts (income) behind one figure of the report. */
export async function feeDrill(db: DbOrTx, actor: Actor, q: DrillQuery): Promise<FeeDrill> {
  const community = await reportCommunity(db, actor, q.communityId);
  checkRange(q.from, q.to);
  if (q.figure === 'arrears') {
    const rows = (await arrearsOfAccounts(db, community.id)).filter(
      (a) => a.arrearsFen > 0 && (!q.buildingId || a.buildingId === q.buildingId) && (!q.age || a.ageing[q.age] > 0),
    );
    return {
      accounts: rows.map((a) => ({ accountId: a.account.id, unitId: a.account.unitId, label: a.account.label, arrearsFen: a.arrearsFen, ageing: a.ageing })).sort((a, b) => b.arrearsFen - a.arrearsFen),
      receipts: [],
    };
  }
  if (!q.from || !q.to) throw fieldError({ [q.from ? 'to' : 'from']: { key: 'field.required' } });
  let receipts = await receiptsIn(db, community.id, q.from, q.to);
  if (q.bucket) receipts = receipts.filter((r) => r.paidOn.startsWith(q.bucket!));
  if (q.figure === 'method' && q.method) receipts = receipts.filter((r) => r.lines.some((l) => l.method === q.method));
  if (q.figure === 'item') {
    // Receipts whose payment settled something of the item.
    const paidItem = await db
      .select({ entryId: feeAllocations.creditId })
      .from(feeAllocations)
      .innerJoin(feeEntries, eq(feeEntries.id, feeAllocations.debitId))
      .where(and(eq(feeEntries.communityId, community.id), q.itemId ? eq(feeEntries.itemId, q.itemId) : undefined));
    const credits = new Set(paidItem.map((r) => r.entryId));
    receipts = receipts.filter((r) => credits.has(r.entryId));
  }
  return {
    accounts: [],
    receipts: receipts.map((r) => ({ paymentId: r.id, receiptNo: r.receiptNo, accountLabel: r.accountLabel, paidOn: r.paidOn, amountFen: r.totalFen, methods: [...new Set(r.lines.map((l) => l.method))] })),
  };
}

