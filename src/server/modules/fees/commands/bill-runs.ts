import { randomUUID } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { BillRun, billRunBatchInputSchema, billRunInputSchema } from '../../../../common/fees';
import type { RequestContext } from '../../../auth/context';
import type { Db, Tx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { AppError, fieldError, notFound } from '../../../errors';
import { recordAudit } from '../../audit';
import { billableUnits, visibleCommunities, visibleCommunity, type BillableUnit } from '../../registry';
import { feeSetupPolicy } from '../policy';
import { addDays, cycleStartsIn, ownerSpans, periodOf, recurringCharge } from '../pricing';
import { communityToday, itemsOf, lockAccounts, visibleRun, type AccountRow, type BillRunRow } from '../repository';
import { feeAccounts, feeBillRuns } from '../tables';
import { assertOpenDate, insertAllocations, insertEntries, settleNewDebits } from './ledger-write';

type RunInput = z.output<typeof billRunInputSchema>;
type BatchInput = z.output<typeof billRunBatchInputSchema>;
type Summary = Pick<BillRun, 'byBuilding' | 'skipped'>;
/** What a run answers: a preview, the posted run, or nothing new (a run is reversed only later). */
type NewRun = BillRun & { status: 'preview' | 'posted' | 'nothing_new' };

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
  // A unit's owner spans are the same for every item.
  const spansOf = new Map<string, ReturnType<typeof ownerSpans>>();
  for (const { item, versions } of items) {
    for (const unit of units) {
      let spans = spansOf.get(unit.unitId);
      if (!spans) spansOf.set(unit.unitId, (spans = ownerSpans(unit.owners, period.start, period.endExclusive)));
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
 * and shows totals per building and item. A real run writes only charges not yet billed: runs of
 * a community are serialized on an advisory lock, and what the community's posted runs of the
 * period already charged (account, item, owner span) is not charged again, so the same period run
 * twice, even at the same moment, writes nothing new. Prepayments then settle the new charges.
 */
export async function runBills(db: Db, ctx: RequestContext, input: RunInput): Promise<{ run: BillRunRow | null; preview: NewRun }> {
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
    // A real run waits for any other run (or run reversal) of the community to commit, so what it
    // reads as billed next is final until it commits itself.
    if (!input.dryRun) await tx.execute(runLock(community.id));
    const done = await billedSpans(tx, community.id, period.start);
    const charges = planned.filter((c) => !done.has(`${c.unit.unitId}|${c.itemId}|${c.spanFrom}`));
    const preview = (status: NewRun['status'], id: string | null, list: readonly PlannedCharge[]): NewRun => ({
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

    // Lock the accounts of the units being billed in id order (opening those without one), with
    // their balances as they were before this run.
    const byUnit = new Map<string, BillableUnit>();
    for (const c of charges) byUnit.set(c.unit.unitId, c.unit);
    const unitIds = [...byUnit.keys()];
    const accounts = await lockUnitAccounts(tx, community.id, unitIds);
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
      for (const [unitId, account] of await lockUnitAccounts(tx, community.id, missing)) accounts.set(unitId, account);
    }
    const runId = randomUUID();
    // Every write settles its account, so before this run an account held unallocated credit
    // exactly when its balance was below zero: only those settle against the new charges, whose
    // ids are made here to allocate them.
    const withCredit = new Map<string, AccountRow>();
    for (const unitId of unitIds) {
      const account = accounts.get(unitId)!;
      if (account.balanceFen < 0) withCredit.set(account.id, account);
    }
    const lastDay = new Map<string, string>();
    const rows = charges.map((c) => {
      const accountId = accounts.get(c.unit.unitId)!.id;
      let periodEnd = lastDay.get(c.spanTo);
      if (!periodEnd) lastDay.set(c.spanTo, (periodEnd = addDays(c.spanTo, -1)));
      return {
        id: withCredit.has(accountId) ? randomUUID() : undefined,
        accountId,
        kind: 'charge' as const,
        amountFen: c.amountFen,
        entryDate: period.start,
        dueOn: c.spanFrom,
        itemId: c.itemId,
        periodStart: c.spanFrom,
        periodEnd,
        billRunId: runId,
        createdBy: ctx.actor.userId,
      };
    });
    await insertEntries(tx, { organizationId: community.organizationId, communityId: community.id }, rows);
    const result = preview('posted', runId, charges);
    const [run] = await tx
      .insert(feeBillRuns)
      .values({ id: runId, organizationId: community.organizationId, communityId: community.id, cycle: input.cycle, periodStart: period.start, periodEnd, status: 'posted', chargeCount: result.chargeCount, totalFen: result.totalFen, summary: { byBuilding: result.byBuilding, skipped }, createdBy: ctx.actor.userId })
      .returning();
    await settleNewDebits(
      tx,
      [...withCredit.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((account) => ({ account, balanceBeforeFen: account.balanceFen })),
      // Their order in the run stands in for `seq` (rows are inserted in this order).
      rows.flatMap((r, seq) => (r.id ? [{ id: r.id, accountId: r.accountId, amountFen: r.amountFen, entryDate: r.entryDate, dueOn: r.dueOn, seq, itemId: r.itemId, periodStart: r.periodStart, periodEnd: r.periodEnd }] : [])),
    );
    await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'fee_bill_run', entityId: runId, action: 'post', after: { cycle: input.cycle, periodStart: period.start, chargeCount: result.chargeCount, totalFen: result.totalFen } });
    return { run: run!, preview: result };
  });
}

/**
 * Communities a batch bills at once on PostgreSQL: while one community's charges are planned in
 * JavaScript, another's are written by PostgreSQL (measured at scale 1 on two cores: two at a
 * time 1.10–1.16 × COPY against 1.80–1.96 × one after another; three no better than two).
 */
export const BILL_RUN_PARALLEL = 2;

/** What one community's run in a batch came to: its run (or preview), or why it failed. */
export type BatchOutcome = { community: { id: string; name: string } } & ({ result: NewRun } | { error: unknown });

/**
 * The bill run of many communities at once (a company closing a month). Every community must be
 * one the caller sees (400 naming the entry) and may bill (403), or nothing runs. Each is then its own
 * `runBills`, in its own transaction, `parallel` at a time (the planning of one community is
 * JavaScript while another's insert is PostgreSQL's), so a community that fails leaves the
 * others' runs standing, and calling again bills only what is still unbilled.
 */
export async function runBillsOf(db: Db, ctx: RequestContext, input: BatchInput, parallel: number): Promise<{ periodStart: string; periodEnd: string; outcomes: BatchOutcome[] }> {
  if (!cycleStartsIn(input.periodStart, input.cycle)) throw fieldError({ periodStart: { key: 'field.cycleStart' } });
  const communities: { id: string; name: string }[] = [];
  const problems: Record<string, { key: 'error.notFound'; params: { entity: 'entity.community' } }> = {};
  const found = await visibleCommunities(db, ctx.actor, input.communityIds, { active: true });
  for (const [i, id] of input.communityIds.entries()) {
    const community = found.get(id);
    if (!community) {
      problems[`communityIds.${i}`] = { key: 'error.notFound', params: { entity: 'entity.community' } };
      continue;
    }
    feeSetupPolicy.assert(ctx.actor, 'manage', { organizationId: community.organizationId, communityId: community.id });
    communities.push({ id: community.id, name: community.name });
  }
  if (Object.keys(problems).length) throw fieldError(problems);
  const outcomes: BatchOutcome[] = new Array(communities.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < communities.length; i = next++) {
      const community = communities[i]!;
      try {
        outcomes[i] = { community, result: (await runBills(db, ctx, { ...input, communityId: community.id })).preview };
      } catch (error) {
        outcomes[i] = { community, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, communities.length)) }, worker));
  const period = periodOf(input.periodStart, input.cycle);
  return { periodStart: period.start, periodEnd: addDays(period.endExclusive, -1), outcomes };
}

/** Serializes the real runs and run reversals of one community (until commit). */
const runLock = (communityId: string) => sql`select pg_advisory_xact_lock(hashtext(${`fee-bill-run:${communityId}`}))`;

/**
 * What is billed now for a billing period of a community: `unit|item|span start` of every charge
 * of its posted runs of that period. A run reversed as a whole releases the period; a charge
 * reversed on its own by a correction stays billed (its run is still posted).
 */
async function billedSpans(tx: Tx, communityId: string, periodStart: string): Promise<Set<string>> {
  const rows = await selectRows<{ unit_id: string; item_id: string; span_from: string }>(tx, sql`
    select a.unit_id, e.item_id, e.period_start::text as span_from
    from fee_bill_runs r
    join fee_entries e on e.bill_run_id = r.id and e.kind = 'charge'
    join fee_accounts a on a.id = e.account_id and a.community_id = ${communityId}::uuid
    where r.community_id = ${communityId}::uuid and r.period_start = ${periodStart}::date and r.status = 'posted'`);
  return new Set(rows.map((r) => `${r.unit_id}|${r.item_id}|${r.span_from}`));
}

/** The unit accounts of a community's units, locked in id order: unit id -> account (with its balance). */
async function lockUnitAccounts(tx: Tx, communityId: string, unitIds: readonly string[]): Promise<Map<string, AccountRow>> {
  const rows = await tx
    .select()
    .from(feeAccounts)
    // The community first: its index, rather than a scan of every account for thousands of units.
    .where(and(eq(feeAccounts.communityId, communityId), eq(feeAccounts.kind, 'unit'), sql`${feeAccounts.unitId} = any(${`{${unitIds.join(',')}}`}::uuid[])`))
    .orderBy(feeAccounts.id)
    .for('update');
  return new Map(rows.map((a) => [a.unitId!, a]));
}

/**
 * Reverses a whole run while nothing is allocated to any of its charges: a reversing entry per
 * charge (dated today), each closed against its charge; the run, no longer posted, no longer
 * counts as billed, so the period can be billed again.
 */
export async function reverseBillRun(db: Db, ctx: RequestContext, runId: string): Promise<BillRunRow> {
  return inTransaction(db, async (tx) => {
    const found = await visibleRun(tx, ctx.actor, runId);
    if (!found) throw notFound('entity.billRun');
    feeSetupPolicy.assert(ctx.actor, 'manage', found);
    // Runs and reversals of a community take their lock first, then the run's row.
    await tx.execute(runLock(found.communityId));
    const run = (await visibleRun(tx, ctx.actor, runId, true))!;
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
    await lockAccounts(tx, live.map((c) => c.account_id));
    const reversals = live.map((c) => ({
      id: randomUUID(),
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
    await insertEntries(tx, run, reversals);
    // Each reversal is closed against its charge (nothing else was allocated to the charges).
    await insertAllocations(
      tx,
      reversals.map((r) => ({ account: { id: r.accountId, organizationId: run.organizationId }, allocation: { creditId: r.id, debitId: r.reversesId, amountFen: -r.amountFen } })),
    );
    const [row] = await tx.update(feeBillRuns).set({ status: 'reversed', reversedAt: new Date(), reversedBy: ctx.actor.userId }).where(eq(feeBillRuns.id, run.id)).returning();
    await recordAudit(tx, ctx, { organizationId: run.organizationId, entityType: 'fee_bill_run', entityId: run.id, action: 'reverse', after: { reversed: reversals.length } });
    return row!;
  });
}
