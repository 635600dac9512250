import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { BillRun, billRunInputSchema } from '../../../../common/fees';
import type { RequestContext } from '../../../auth/context';
import type { Db, Tx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { AppError, fieldError, notFound } from '../../../errors';
import { recordAudit } from '../../audit';
import { billableUnits, visibleCommunity, type BillableUnit } from '../../registry';
import { feeSetupPolicy } from '../policy';
import { addDays, cycleStartsIn, ownerSpans, periodOf, recurringCharge } from '../pricing';
import { communityToday, itemsOf, visibleRun, type BillRunRow } from '../repository';
import { feeAccounts, feeAllocations, feeBillRuns, feeChargeClaims, feeEntries } from '../tables';
import { assertOpenDate, settleAccounts } from './ledger-write';

type RunInput = z.output<typeof billRunInputSchema>;
type Summary = Pick<BillRun, 'byBuilding' | 'skipped'>;

interface PlannedCharge {
  unit: BillableUnit;
  itemId: string;
  itemName: string;
  spanFrom: string;
  spanTo: string;
  amountFen: number;
}

/** Rows of a raw select (both drivers answer `{ rows }`). */
async function selectRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

const CHUNK = 1000;
/** Rows per statement when the rows travel as one JSON parameter (no limit of 65,535 parameters). */
const JSON_CHUNK = 5000;
async function chunked<T>(rows: readonly T[], fn: (part: T[]) => Promise<unknown>, size = CHUNK): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}

/**
 * Plans the charges of a cycle's items for a period: each unit with an owner, prorated by day
 * over the owners' spans (a change of owner gives two charges), priced by the versions in force
 * on each day. Units that cannot be priced are listed, not guessed.
 */
function plan(units: readonly BillableUnit[], items: Awaited<ReturnType<typeof itemsOf>>, input: RunInput) {
  const period = periodOf(input.periodStart, input.cycle);
  const charges: PlannedCharge[] = [];
  const skipped: Summary['skipped'] = [];
  for (const { item, versions } of items) {
    for (const unit of units) {
      const spans = ownerSpans(unit.owners, period.start, period.endExclusive);
      const label = `${unit.buildingName} ${unit.number}`;
      if (!spans.length) {
        skipped.push({ unitId: unit.unitId, label, itemName: item.name, reason: 'no_owner' });
        continue;
      }
      const priceType = unit.use === 'commercial' ? 'shop' : unit.propertyType;
      for (const span of spans) {
        const result = recurringCharge(versions, input.cycle, item.rounding, period, span, { areaCentiM2: unit.areaCentiM2, priceType });
        if (!result) continue;
        if ('skip' in result) {
          skipped.push({ unitId: unit.unitId, label, itemName: item.name, reason: result.skip });
          break;
        }
        if (result.amountFen > 0) charges.push({ unit, itemId: item.id, itemName: item.name, spanFrom: span.from, spanTo: span.to, amountFen: result.amountFen });
      }
    }
  }
  return { period, charges, skipped };
}

function summarizeCharges(charges: readonly PlannedCharge[]): Summary['byBuilding'] {
  const map = new Map<string, Summary['byBuilding'][number] & { unitIds: Set<string> }>();
  for (const c of charges) {
    const key = `${c.unit.buildingId}|${c.itemId}`;
    const row = map.get(key) ?? { buildingId: c.unit.buildingId, buildingName: c.unit.buildingName, itemId: c.itemId, itemName: c.itemName, units: 0, totalFen: 0, unitIds: new Set<string>() };
    row.unitIds.add(c.unit.unitId);
    row.units = row.unitIds.size;
    row.totalFen += c.amountFen;
    map.set(key, row);
  }
  return [...map.values()].map(({ unitIds: _u, ...r }) => r);
}

/**
 * A bill run for one community, cycle and period, in one transaction. A dry run writes nothing
 * and shows totals per building and item. A real run writes only charges not yet billed: each
 * (account, item, period, owner span) is claimed under a primary key first, so the same period run
 * twice, even at the same moment, writes nothing new. Prepayments then settle the new charges.
 */
export async function runBills(db: Db, ctx: RequestContext, input: RunInput): Promise<{ run: BillRunRow | null; preview: BillRun }> {
  return inTransaction(db, async (tx) => {
    const community = await visibleCommunity(tx, ctx.actor, input.communityId, { active: true });
    if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
    feeSetupPolicy.assert(ctx.actor, 'manage', { organizationId: community.organizationId, communityId: community.id });
    if (!cycleStartsIn(input.periodStart, input.cycle)) throw fieldError({ periodStart: { key: 'field.cycleStart' } });
    const { period, charges: planned, skipped } = plan(
      await billableUnits(tx, community.id),
      (await itemsOf(tx, community.id)).filter((i) => !i.item.archivedAt && i.item.cycle === input.cycle && (i.item.kind === 'area' || i.item.kind === 'fixed')),
      input,
    );
    const periodEnd = addDays(period.endExclusive, -1);
    await assertOpenDate(tx, community.id, period.start, 'periodStart');
    // Charges already billed for this period (by an earlier run) are not planned again.
    const billed = await tx
      .select({ unitId: feeAccounts.unitId, itemId: feeChargeClaims.itemId, spanFrom: feeChargeClaims.spanFrom })
      .from(feeChargeClaims)
      .innerJoin(feeAccounts, eq(feeAccounts.id, feeChargeClaims.accountId))
      .where(and(eq(feeAccounts.communityId, community.id), eq(feeChargeClaims.billingPeriodStart, period.start)));
    const done = new Set(billed.map((b) => `${b.unitId}|${b.itemId}|${b.spanFrom}`));
    let charges = planned.filter((c) => !done.has(`${c.unit.unitId}|${c.itemId}|${c.spanFrom}`));
    const preview = (status: BillRun['status'], id: string | null, list: readonly PlannedCharge[]): BillRun => ({
      id,
      communityId: community.id,
      cycle: input.cycle,
      periodStart: period.start,
      periodEnd,
      dryRun: input.dryRun,
      status,
      chargeCount: list.length,
      totalFen: list.reduce((s, c) => s + c.amountFen, 0),
      byBuilding: summarizeCharges(list),
      skipped,
      allowedActions: [],
    });
    if (input.dryRun) return { run: null, preview: preview('preview', null, charges) };
    if (!charges.length) return { run: null, preview: preview('nothing_new', null, []) };

    // Open the accounts of the units being billed (those without one yet), then read them all.
    const byUnit = new Map<string, BillableUnit>();
    for (const c of charges) byUnit.set(c.unit.unitId, c.unit);
    const unitIds = [...byUnit.keys()];
    const accounts = await unitAccounts(tx, unitIds);
    const missing = unitIds.filter((id) => !accounts.has(id));
    if (missing.length) {
      await chunked(missing, (part) =>
        tx.execute(sql`
          insert into fee_accounts (organization_id, community_id, kind, unit_id, label)
          select ${community.organizationId}::uuid, ${community.id}::uuid, 'unit', x.unit_id, x.label
          from json_to_recordset(${JSON.stringify(part.map((unitId) => ({ unit_id: unitId, label: `${byUnit.get(unitId)!.buildingName} ${byUnit.get(unitId)!.number}` })))}::json) as x(unit_id uuid, label text)
          on conflict do nothing`),
        JSON_CHUNK,
      );
      for (const [unitId, id] of await unitAccounts(tx, missing)) accounts.set(unitId, id);
    }
    const runId = randomUUID();
    // Claim and charge in one statement per chunk: only what this transaction claimed is charged
    // (a concurrent run of the same period claims nothing twice), in the planned order.
    const claimed = new Set<string>();
    await chunked(charges.map((c, ord) => ({ c, ord })), async (part) => {
      const planned = part.map(({ c, ord }) => ({ ord, account_id: accounts.get(c.unit.unitId)!, item_id: c.itemId, span_from: c.spanFrom, period_end: addDays(c.spanTo, -1), amount_fen: c.amountFen }));
      const rows = await selectRows<{ account_id: string; item_id: string; span_from: string }>(tx, sql`
        with p as (
          select * from json_to_recordset(${JSON.stringify(planned)}::json) as p(ord int, account_id uuid, item_id uuid, span_from date, period_end date, amount_fen bigint)
        ), c as (
          insert into fee_charge_claims (account_id, item_id, billing_period_start, span_from, bill_run_id)
          select account_id, item_id, ${period.start}::date, span_from, ${runId}::uuid from p order by ord
          on conflict do nothing
          returning account_id, item_id, span_from
        ), e as (
          insert into fee_entries (organization_id, community_id, account_id, kind, amount_fen, entry_date, due_on, item_id, period_start, period_end, bill_run_id, created_by)
          select ${community.organizationId}::uuid, ${community.id}::uuid, p.account_id, 'charge', p.amount_fen, ${period.start}::date, p.span_from, p.item_id, p.span_from, p.period_end, ${runId}::uuid, ${ctx.actor.userId}::uuid
          from p join c on c.account_id = p.account_id and c.item_id = p.item_id and c.span_from = p.span_from
          order by p.ord
          returning account_id, item_id, period_start
        )
        select account_id, item_id, period_start::text as span_from from e`);
      for (const r of rows) claimed.add(`${r.account_id}|${r.item_id}|${r.span_from}`);
    }, JSON_CHUNK);
    charges = charges.filter((c) => claimed.has(`${accounts.get(c.unit.unitId)}|${c.itemId}|${c.spanFrom}`));
    if (!charges.length) return { run: null, preview: preview('nothing_new', null, []) };
    const result = preview('posted', runId, charges);
    const [run] = await tx
      .insert(feeBillRuns)
      .values({ id: runId, organizationId: community.organizationId, communityId: community.id, cycle: input.cycle, periodStart: period.start, periodEnd, status: 'posted', chargeCount: result.chargeCount, totalFen: result.totalFen, summary: { byBuilding: result.byBuilding, skipped }, createdBy: ctx.actor.userId })
      .returning();
    await settleCredits(tx, [...new Set(charges.map((c) => accounts.get(c.unit.unitId)!))]);
    await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'fee_bill_run', entityId: runId, action: 'post', after: { cycle: input.cycle, periodStart: period.start, chargeCount: result.chargeCount, totalFen: result.totalFen } });
    return { run: run!, preview: result };
  });
}

/** The unit accounts of units: unit id -> account id. */
async function unitAccounts(tx: Tx, unitIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await chunked(unitIds, async (part) => {
    for (const a of await tx.select({ id: feeAccounts.id, unitId: feeAccounts.unitId }).from(feeAccounts).where(and(eq(feeAccounts.kind, 'unit'), inArray(feeAccounts.unitId, part)))) out.set(a.unitId!, a.id);
  });
  return out;
}

/**
 * Settles the billed accounts that hold unallocated credit (prepayments) against the new charges.
 * Only they can: every other write to an account settles it, so credit never waits on an account
 * that owes something, and an account this run did not charge has nothing new to settle.
 */
async function settleCredits(tx: Tx, accountIds: readonly string[]): Promise<void> {
  const withCredit: string[] = [];
  await chunked(accountIds, async (part) => {
    const rows = await selectRows<{ account_id: string }>(tx, sql`
      select distinct e.account_id from fee_entries e
      where e.account_id = any(${`{${part.join(',')}}`}::uuid[]) and e.amount_fen < 0
        and -e.amount_fen > coalesce((select sum(a.amount_fen) from fee_allocations a where a.credit_id = e.id), 0)`);
    withCredit.push(...rows.map((r) => r.account_id));
  }, JSON_CHUNK);
  if (!withCredit.length) return;
  // Locked in id order, as every writer of several accounts does, then settled together.
  const locked = await tx.select().from(feeAccounts).where(inArray(feeAccounts.id, withCredit)).orderBy(feeAccounts.id).for('update');
  await settleAccounts(tx, locked);
}

/**
 * Reverses a whole run while nothing is allocated to any of its charges: a reversing entry per
 * charge (dated today), each closed against its charge, and the run's claims released so the
 * period can be billed again.
 */
export async function reverseBillRun(db: Db, ctx: RequestContext, runId: string): Promise<BillRunRow> {
  return inTransaction(db, async (tx) => {
    const run = await visibleRun(tx, ctx.actor, runId, true);
    if (!run) throw notFound('entity.billRun');
    feeSetupPolicy.assert(ctx.actor, 'manage', run);
    if (run.status === 'reversed') throw new AppError('CONFLICT', 'error.runReversed');
    const today = await communityToday(tx, run.communityId);
    await assertOpenDate(tx, run.communityId, today);
    const live = await selectRows<{ id: string; account_id: string; amount_fen: string | number; item_id: string; period_start: string; period_end: string; allocated: string | number | null }>(tx, sql`
      select e.id, e.account_id, e.amount_fen, e.item_id, e.period_start::text as period_start, e.period_end::text as period_end,
        (select sum(a.amount_fen) from fee_allocations a where a.debit_id = e.id) as allocated
      from fee_entries e
      where e.bill_run_id = ${run.id} and e.kind = 'charge'
        and not exists (select 1 from fee_entries r where r.reverses_id = e.id)`);
    const paid = live.filter((c) => Number(c.allocated ?? 0) > 0).length;
    if (paid) throw new AppError('CONFLICT', 'error.runPaid', { count: paid });
    // Lock the accounts in a stable order, as payments do one at a time.
    const accountIds = [...new Set(live.map((c) => c.account_id))].sort();
    await chunked(accountIds, (part) => tx.select({ id: feeAccounts.id }).from(feeAccounts).where(inArray(feeAccounts.id, part)).orderBy(feeAccounts.id).for('update'));
    const reversals = live.map((c) => ({
      id: randomUUID(),
      organizationId: run.organizationId,
      communityId: run.communityId,
      accountId: c.account_id,
      kind: 'reversal' as const,
      amountFen: -Number(c.amount_fen),
      entryDate: today,
      dueOn: today,
      itemId: c.item_id,
      periodStart: c.period_start,
      periodEnd: c.period_end,
      billRunId: run.id,
      reversesId: c.id,
      memo: 'bill run reversed',
      createdBy: ctx.actor.userId,
    }));
    await chunked(reversals, (part) => tx.insert(feeEntries).values(part));
    await chunked(reversals, (part) =>
      tx.insert(feeAllocations).values(part.map((r) => ({ organizationId: run.organizationId, accountId: r.accountId, creditId: r.id, debitId: r.reversesId, amountFen: -r.amountFen }))),
    );
    await tx.delete(feeChargeClaims).where(eq(feeChargeClaims.billRunId, run.id));
    const [row] = await tx.update(feeBillRuns).set({ status: 'reversed', reversedAt: new Date(), reversedBy: ctx.actor.userId }).where(eq(feeBillRuns.id, run.id)).returning();
    await recordAudit(tx, ctx, { organizationId: run.organizationId, entityType: 'fee_bill_run', entityId: run.id, action: 'reverse', after: { reversed: reversals.length } });
    return row!;
  });
}
