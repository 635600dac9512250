import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import autocannon from 'autocannon';
import type pg from 'pg';
import { userContext } from '../../src/server/auth/session';
import { BILL_RUN_PARALLEL, runBills, runBillsOf, type BatchOutcome } from '../../src/server/modules/fees/commands/bill-runs';
import { localDateIn } from '../../src/server/work/numbering';
import { BENCH_PASSWORD } from '../generate';
import { FEE_LOGINS, feeOrganization, feeTarget, historyMonths, shiftMonth, type FeeTarget } from '../generate/fees';
import { BenchServer, signIn, timeGets } from '../lib/server';
import { percentile, report, round } from '../lib/report';
import type { BenchContext, Benchmark } from '.';

/*
 * Issue #15's benchmarks, on the fees dataset (bench/generate/fees.ts, PostgreSQL only: the bill
 * run's baseline is a server-side COPY). `--scale 10` is 200,000 units; BENCH_FEES_MONTHS sets the
 * months of history (default 12). Each benchmark leaves the dataset as it found it.
 */

const target = (ctx: BenchContext) => feeTarget(ctx.scale, historyMonths(), process.argv.includes('--reload'), ctx.log);
const today = () => localDateIn('Asia/Shanghai', new Date());

/** Deletes ledger rows a benchmark wrote (the ledger refuses DELETE through its trigger, so triggers are off for this). */
async function purge(client: pg.Client, statements: [string, unknown[]][]): Promise<void> {
  await client.query('begin');
  try {
    await client.query(`set local session_replication_role = replica`);
    for (const [sql, params] of statements) await client.query(sql, params);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
}

/** The bill runs of a period (the benchmark's own: the dataset leaves the current month unbilled). */
async function runsOf(client: pg.Client, org: string, period: string): Promise<string[]> {
  return (await client.query<{ id: string }>(`select id from fee_bill_runs where organization_id = $1 and period_start = $2::date`, [org, period])).rows.map((r) => r.id);
}

/**
 * A delete of entries (`… returning account_id, amount_fen`) that also sets the balances of their
 * accounts to the sum of the entries left: the statement's snapshot still holds the deleted rows,
 * so that is every entry less the deleted ones. Right whether the rows were written by the ledger
 * (which moved the balances) or by a baseline (COPY, driver inserts, which did not).
 */
const withBalances = (deleteEntries: string) => `
  with gone as (${deleteEntries}), g as (select account_id, sum(amount_fen) as s from gone group by account_id)
  update fee_accounts a set balance_fen = (select coalesce(sum(e.amount_fen), 0) from fee_entries e where e.account_id = a.id) - g.s
  from g where a.id = g.account_id`;

/** Undoes bill runs: their entries (and their accounts' balances), what settled them, the runs, and the accounts they opened. */
async function purgeRuns(client: pg.Client, org: string, runIds: string[]): Promise<void> {
  await purge(client, [
    [`delete from fee_allocations where debit_id in (select id from fee_entries where bill_run_id = any($1::uuid[]))`, [runIds]],
    [withBalances(`delete from fee_entries where bill_run_id = any($1::uuid[]) returning account_id, amount_fen`), [runIds]],
    [`delete from fee_bill_runs where id = any($1::uuid[])`, [runIds]],
    // Accounts the runs opened (a dataset without history has none before them).
    [`delete from fee_accounts a where organization_id = $1 and not exists (select 1 from fee_entries e where e.account_id = a.id)`, [org]],
  ]);
}

const COPY_COLUMNS = 'id, organization_id, community_id, account_id, kind, amount_fen, entry_date, due_on, item_id, period_start, period_end, bill_run_id, created_by, created_at';

/**
 * A bill run of the current month for every community (2,000 units × 3 monthly items each; scale
 * 10 = 200,000 units), through the module's commands as the company admin: the dry run and the
 * run of all communities as the batch route runs them (`runBillsOf`, two communities at a time,
 * each its own transaction), and, for comparison, the same run one community after another
 * (`runBills` in a loop). Baseline: a COPY of the very entry rows the runs wrote into
 * `fee_entries`, in the same run (the rows read back, the run undone, then copied in).
 */
export const billRun: Benchmark = {
  needsDataset: false,
  db: 'postgres',
  async run(ctx) {
    const t = await target(ctx);
    const database = await t.open();
    const client = await t.client();
    const file = `/tmp/wuye-bench-fee-entries-${process.pid}.csv`;
    try {
      const org = await feeOrganization(database, t.scale);
      const period = `${today().slice(0, 7)}-01`;
      await purgeRuns(client, org.id, await runsOf(client, org.id, period));
      await client.query('vacuum analyze fee_entries, fee_accounts, fee_allocations');
      const admin = await userContext(database.db, org.id, FEE_LOGINS.admin);
      const communityIds = org.communities.map((c) => c.id);
      const input = { cycle: 'monthly' as const, periodStart: period.slice(0, 7) };
      ctx.log(`bill run: ${org.communities.length} communities, period ${period.slice(0, 7)}, ${t.months} months of history`);
      const totals = (outcomes: BatchOutcome[]) =>
        outcomes.reduce((s, o) => {
          if ('error' in o) throw o.error;
          return { count: s.count + o.result.chargeCount, fen: s.fen + o.result.totalFen };
        }, { count: 0, fen: 0 });

      let t0 = performance.now();
      const planned = totals((await runBillsOf(database.db, admin, { ...input, communityIds, dryRun: true }, BILL_RUN_PARALLEL)).outcomes);
      const dry = (performance.now() - t0) / 1000;
      ctx.log(`bill run: dry runs ${round(dry, 1)} s, ${planned.count} charges`);

      /** Checks what a run wrote: the dry run's count and total, nothing new a second time, balances equal to the sums of entries. */
      const check = async (posted: { count: number; fen: number }) => {
        const again = await runBills(database.db, admin, { ...input, communityId: communityIds[0]!, dryRun: false });
        if (posted.count !== planned.count || posted.fen !== planned.fen || again.preview.status !== 'nothing_new') {
          throw new Error(`bill run: planned ${planned.count} (${planned.fen} fen), posted ${posted.count} (${posted.fen} fen), second run ${again.preview.status}`);
        }
        const drift = await database.query<{ n: number }>(
          `select count(*)::int as n from fee_accounts a left join (select account_id, sum(amount_fen) as s from fee_entries where organization_id = $1 group by account_id) e on e.account_id = a.id
           where a.organization_id = $1 and a.balance_fen <> coalesce(e.s, 0)`,
          [org.id],
        );
        if (drift[0]!.n) throw new Error(`bill run: ${drift[0]!.n} accounts whose balance is not the sum of their entries`);
      };

      t0 = performance.now();
      const serialPosted = { count: 0, fen: 0 };
      for (const communityId of communityIds) {
        const r = await runBills(database.db, admin, { ...input, communityId, dryRun: false });
        serialPosted.count += r.preview.chargeCount;
        serialPosted.fen += r.preview.totalFen;
      }
      const serial = (performance.now() - t0) / 1000;
      ctx.log(`bill run: one community after another ${round(serial, 1)} s, ${serialPosted.count} charges`);
      await check(serialPosted);
      await purgeRuns(client, org.id, await runsOf(client, org.id, period));
      await client.query('vacuum analyze fee_entries, fee_accounts, fee_allocations');

      t0 = performance.now();
      const posted = totals((await runBillsOf(database.db, admin, { ...input, communityIds, dryRun: false }, BILL_RUN_PARALLEL)).outcomes);
      const commit = (performance.now() - t0) / 1000;
      ctx.log(`bill run: commit ${round(commit, 1)} s, ${posted.count} charges`);
      await check(posted);

      // Baseline: the same entry rows, read back to a file, the run undone, then COPY'd in.
      const runIds = await runsOf(client, org.id, period);
      if (existsSync(file)) rmSync(file);
      await client.query(`copy (select ${COPY_COLUMNS} from fee_entries where bill_run_id in ('${runIds.join("', '")}') order by seq) to '${file}' with (format csv)`);
      chmodSync(file, 0o644);
      await purgeRuns(client, org.id, runIds);
      await client.query('vacuum analyze fee_entries, fee_accounts');
      t0 = performance.now();
      const copied = await client.query(`copy fee_entries (${COPY_COLUMNS}) from '${file}' with (format csv)`);
      const baseline = (performance.now() - t0) / 1000;
      await purgeRuns(client, org.id, runIds);
      if (copied.rowCount !== posted.count) throw new Error(`bill run: COPY wrote ${copied.rowCount} rows, the run ${posted.count}`);

      const units = (await database.query<{ n: number }>(`select count(*)::int as n from units where organization_id = $1`, [org.id]))[0]!.n;
      const row = (step: string, seconds: number, charges: number) => ({ step, communities: org.communities.length, units, charges, seconds: round(seconds, 2), 'charges/s': Math.round(charges / seconds), 'ratio to baseline': round(seconds / baseline, 2) });
      report(`bill-run-s${t.scale}`, [
        row(`dry run, all communities (${BILL_RUN_PARALLEL} at a time)`, dry, planned.count),
        row(`bill run, all communities (${BILL_RUN_PARALLEL} at a time, each its own transaction)`, commit, posted.count),
        row('bill run, one community after another', serial, serialPosted.count),
        { step: 'baseline: COPY of the same entry rows', communities: null, units: null, charges: copied.rowCount, seconds: round(baseline, 2), 'charges/s': Math.round(copied.rowCount! / baseline), 'ratio to baseline': 1 },
      ], { db: 'postgres', scale: t.scale, months: t.months, period, totalFen: posted.fen });
    } finally {
      if (existsSync(file)) rmSync(file);
      await client.end();
      await database.close();
    }
  },
};

const CONCURRENCY = 16;
const PAYMENTS = Number(process.env.BENCH_FEES_PAYMENTS ?? 1000);

/**
 * Payments at the desk over HTTP (`POST /api/v1/fee-payments`, as the console sends it: an
 * `Idempotency-Key` each) at concurrency 16 by the cashier of every community, each to another
 * household in arrears: cash 188 yuan tendered 200, allocated to the oldest open charges, with its
 * receipt number. Baseline: the same payment entries and receipts inserted through the driver,
 * one statement each, at the same concurrency. Checks every 201 is one stored payment and the
 * receipt numbers of each community run without gaps.
 */
export const deskPayment: Benchmark = {
  needsDataset: false,
  db: 'postgres',
  async run(ctx) {
    const t = await target(ctx);
    const database = await t.open();
    const client = await t.client();
    const run = randomUUID().slice(0, 8);
    const memo = `bench-${run}`;
    const org = await feeOrganization(database, t.scale);
    try {
      const accounts = await database.query<{ id: string }>(
        `select a.id from fee_accounts a where a.organization_id = $1 and exists (
           select 1 from fee_entries e where e.account_id = a.id and e.kind = 'charge' and not exists (select 1 from fee_allocations x where x.debit_id = e.id))
         order by md5(a.id::text) limit $2`,
        [org.id, PAYMENTS],
      );
      if (!accounts.length) throw new Error('desk payment: no household in arrears (BENCH_FEES_MONTHS=0?)');
      const server = await BenchServer.start(t.env);
      const auth = await signIn(server.url, FEE_LOGINS.desk, BENCH_PASSWORD);
      let seq = 0;
      let acknowledged = 0;
      ctx.log(`desk payment: ${PAYMENTS} payments over HTTP at concurrency ${CONCURRENCY}, ${accounts.length} households`);
      const http = await autocannon({
        url: server.url,
        connections: CONCURRENCY,
        amount: PAYMENTS,
        timeout: 60,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/fee-payments',
            headers: { ...auth, 'content-type': 'application/json' },
            setupRequest: (req) => {
              const i = seq++;
              const body = { accountId: accounts[i % accounts.length]!.id, lines: [{ method: 'cash', amountFen: 18800, tenderedFen: 20000 }], memo };
              return { ...req, body: JSON.stringify(body), headers: { ...req.headers, 'idempotency-key': `${memo}-${i}` } };
            },
            onResponse: (status) => void (status === 201 && acknowledged++),
          },
        ],
      });
      const peak = server.peakRssMb();
      await server.stop();
      const stored = await database.query<{ id: string; entry_id: string; community_id: string; account_id: string; receipt_no: string; total_fen: string; lines: unknown; paid_at: Date; entry_date: string }>(
        `select p.id, p.entry_id, p.community_id, p.account_id, p.receipt_no, p.total_fen, p.lines, p.paid_at, e.entry_date::text as entry_date
         from fee_payments p join fee_entries e on e.id = p.entry_id where p.organization_id = $1 and p.memo = $2`,
        [org.id, memo],
      );
      const year = today().slice(0, 4);
      const gaps = await database.query<{ community_id: string; n: number; top: number }>(
        `select community_id, count(*)::int as n, max(split_part(receipt_no, '-', 2)::int) as top from fee_payments
         where organization_id = $1 and receipt_no like $2 group by community_id having count(*) <> max(split_part(receipt_no, '-', 2)::int)`,
        [org.id, `SK${year}-%`],
      );

      // Baseline: the same rows (payment entry and receipt) straight through the driver.
      const cashier = await deskUser(database, org.id);
      const latencies: number[] = [];
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let i = next++; i < stored.length; i = next++) {
            const p = stored[i]!;
            const s = performance.now();
            await database.query(
              `with e as (insert into fee_entries (organization_id, community_id, account_id, kind, amount_fen, entry_date, due_on, payment_id, memo, created_by)
                 values ($1, $2, $3, 'payment', -$4::bigint, $5::date, $5::date, $6, $7, $8) returning id)
               insert into fee_payments (id, organization_id, community_id, account_id, receipt_no, entry_id, total_fen, lines, memo, cashier_user_id, cashier_name, paid_at, verify_code)
               select $6, $1, $2, $3, $9, e.id, $4::bigint, $10::jsonb, $7, $8, '基准收银员', $11, $12 from e`,
              [org.id, p.community_id, p.account_id, p.total_fen, p.entry_date, randomUUID(), memo, cashier, `JX${run}-${i}`, JSON.stringify(p.lines), p.paid_at, randomUUID()],
            );
            latencies.push(performance.now() - s);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const baseRps = stored.length / seconds;
      const httpRps = http.requests.total / (http.duration || 1);
      report(`desk-payment-s${t.scale}`, [
        { path: 'HTTP POST /api/v1/fee-payments', requests: http.requests.total, '2xx': acknowledged, errors: http.errors + http.non2xx, 'client timeouts': http.timeouts, stored: stored.length, 'req/s': round(httpRps, 1), 'p50 ms': http.latency.p50, 'p99 ms': http.latency.p99, 'peak RSS MB': peak },
        { path: 'baseline: driver insert (entry + receipt)', requests: stored.length, '2xx': stored.length, errors: 0, 'req/s': round(baseRps, 1), 'p50 ms': round(percentile(latencies, 50)), 'p99 ms': round(percentile(latencies, 99)), 'peak RSS MB': null },
        { path: 'ratio HTTP / baseline', 'req/s': round(httpRps / baseRps, 3), 'p50 ms': round(http.latency.p50 / percentile(latencies, 50), 1), 'p99 ms': round(http.latency.p99 / percentile(latencies, 99), 1) },
      ], { db: 'postgres', scale: t.scale, months: t.months, concurrency: CONCURRENCY, receiptGaps: gaps });
      if (stored.length < acknowledged || stored.length > PAYMENTS) throw new Error(`desk payment: ${acknowledged} acknowledged, ${stored.length} stored`);
      if (gaps.length) throw new Error(`desk payment: receipt numbers with gaps in ${gaps.length} communities`);
    } finally {
      await undoPayments(client, org.id, memo);
      await client.end();
      await database.close();
    }
  },
};

async function deskUser(database: Awaited<ReturnType<FeeTarget['open']>>, org: string): Promise<string> {
  return (await database.query<{ id: string }>(`select id from users where organization_id = $1 and username = $2`, [org, FEE_LOGINS.desk]))[0]!.id;
}

/** Removes the benchmark's payments (HTTP and baseline) and sets the receipt counters back. */
async function undoPayments(client: pg.Client, org: string, memo: string): Promise<void> {
  await purge(client, [
    [`delete from fee_allocations where credit_id in (select id from fee_entries where organization_id = $1 and memo = $2)`, [org, memo]],
    [`delete from fee_payments where organization_id = $1 and memo = $2`, [org, memo]],
    [withBalances(`delete from fee_entries where organization_id = $1 and memo = $2 returning account_id, amount_fen`), [org, memo]],
    [`update work_counters w set value = (select count(*) from fee_payments p where p.community_id = w.scope_id and p.receipt_no like 'SK' || w.period_key || '-%')
      where w.organization_id = $1 and w.prefix = 'SK'`, [org]],
  ]);
}

const RUNS = 20;

/**
 * The fee report of one community (`GET /api/v1/fee-reports`: collection, arrears by building and
 * age as of today, income by item and method, receipts per month, over the last twelve months)
 * and its arrears drill-down (the accounts in arrears with their ageing), p50/p95 of 20 sequential
 * requests as the company admin, against a primary-key fetch of one receipt
 * (`GET /api/v1/fee-payments/{id}`, with its account's ledger) in the same server run.
 */
export const arrears: Benchmark = {
  needsDataset: false,
  db: 'postgres',
  async run(ctx) {
    const t = await target(ctx);
    const database = await t.open();
    const org = await feeOrganization(database, t.scale);
    const community = org.communities[0]!;
    const [payment] = await database.query<{ id: string }>(`select id from fee_payments where community_id = $1 order by paid_at desc limit 1 offset 100`, [community.id]);
    const [late] = await database.query<{ account_id: string }>(
      `select account_id from fee_entries e where community_id = $1 and kind = 'charge' and not exists (select 1 from fee_allocations x where x.debit_id = e.id) order by due_on limit 1`,
      [community.id],
    );
    await database.close();
    if (!payment || !late) throw new Error('arrears: the dataset has no payments or arrears (BENCH_FEES_MONTHS=0?)');
    const server = await BenchServer.start(t.env);
    try {
      const auth = await signIn(server.url, FEE_LOGINS.admin, BENCH_PASSWORD);
      const to = today();
      const from = shiftMonth(`${to.slice(0, 7)}-01`, -12);
      const base = await timeGets(server.url, `/api/v1/fee-payments/${payment.id}`, auth, RUNS);
      const baseP50 = percentile(base, 50);
      const rows: Record<string, unknown>[] = [{ query: 'baseline: GET /fee-payments/{id}', 'p50 ms': round(baseP50), 'p95 ms': round(percentile(base, 95)), 'p50 ratio': 1 }];
      const paths: Record<string, string> = {
        'fee report, 12 months (arrears by building and age)': `/api/v1/fee-reports?communityId=${community.id}&from=${from}&to=${to}&granularity=month`,
        'arrears drill: accounts in arrears': `/api/v1/fee-reports/drill?communityId=${community.id}&figure=arrears`,
        'arrears drill: over 365 days': `/api/v1/fee-reports/drill?communityId=${community.id}&figure=arrears&age=over_365`,
        'one account in arrears (ledger, ageing)': `/api/v1/fee-accounts/${late.account_id}`,
      };
      for (const [label, path] of Object.entries(paths)) {
        const times = await timeGets(server.url, path, auth, RUNS);
        rows.push({ query: label, 'p50 ms': round(percentile(times, 50)), 'p95 ms': round(percentile(times, 95)), 'p50 ratio': round(percentile(times, 50) / baseP50, 1) });
      }
      const peak = server.peakRssMb();
      rows.forEach((r) => (r['peak RSS MB'] = peak));
      report(`arrears-s${t.scale}`, rows, { db: 'postgres', scale: t.scale, months: t.months, community: community.name, runs: RUNS });
    } finally {
      await server.stop();
    }
  },
};
