import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { systemContext } from '../../src/server/auth/context';
import { createUser } from '../../src/server/auth/commands/create-user';
import { ROOT_DIR } from '../../src/server/config';
import { openDatabase, type Database } from '../../src/server/db/client';
import { prepareDatabase } from '../../src/server/db/prepare';
import { localDateIn } from '../../src/server/work/numbering';
import { BENCH_PASSWORD } from '.';
import { BENCH_PG_URL } from '../lib/target';
import { report } from '../lib/report';

/*
 * The fees dataset (issue #15's benchmarks), generated set-based in SQL: one company of
 * 10 × scale communities of 2,000 units each (20 buildings × 25 floors × 4, high-rises), every unit
 * with an approved owner, three monthly fee items per community (property fee and lift fee by
 * area, waste collection fixed), and `months` months of history before the current month: each
 * month's charges as one posted bill run per community, and the payments of most households with
 * their receipts (numbered without gaps per community and year, the kernel's counter set to match)
 * and allocations. About 80 % of the households have paid everything, 12 % are three months
 * behind, 6 % seven, 2 % have never paid (arrears in every ageing bucket once `months` > 12); 4 %
 * hold a prepayment. The current month is left unbilled for the bill-run benchmark.
 *
 * Rows are deterministic (ids are md5 of the scale, the month count and the row's place). The
 * ledger's invariants hold: allocations never exceed a charge or a payment, and credit only sits
 * unallocated on accounts that owe nothing.
 */

export const FEE_LOGINS = { admin: 'bench-fee-admin', desk: 'bench-fee-desk' } as const;
export const FEE_ORG_NAME = '基准物业（收费）';
export const UNITS_PER_COMMUNITY = 2000;

export interface FeeTarget {
  url: string;
  name: string;
  scale: number;
  months: number;
  env: Record<string, string>;
  open(): Promise<Database>;
  /** A plain connection (COPY, maintenance deletes). */
  client(): Promise<pg.Client>;
}

/** Months of history (BENCH_FEES_MONTHS, default 12). */
export const historyMonths = () => Number(process.env.BENCH_FEES_MONTHS ?? 12);

function pgUrl(name: string): string {
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The fees dataset of a scale and history on PostgreSQL, generated first when missing (or with --reload). */
export async function feeTarget(scale: number, months: number, reload: boolean, log: (s: string) => void): Promise<FeeTarget> {
  const name = `wuye_bench_fees_s${String(scale).replace('.', '_')}_m${months}`;
  const marker = path.join(ROOT_DIR, '.tmp', `${name}.loaded.json`);
  const url = pgUrl(name);
  const target: FeeTarget = {
    url,
    name,
    scale,
    months,
    env: { DATABASE_URL: url },
    open: () => openDatabase({ databaseUrl: url, dataDir: '', poolSize: 16 }),
    client: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    },
  };
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
  if (exists && !reload && existsSync(marker)) {
    await admin.end();
    log(`fees dataset ${name}: already loaded (${readFileSync(marker, 'utf8').slice(0, 100)}…)`);
    // A dataset loaded before a later migration is brought up to date (its backfills included).
    const database = await target.open();
    try {
      await prepareDatabase(database);
    } finally {
      await database.close();
    }
    return target;
  }
  if (exists) await admin.query(`drop database ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const started = performance.now();
  const database = await target.open();
  try {
    await prepareDatabase(database);
    log(`fees dataset ${name}: generating ${10 * scale} communities, ${10 * scale * UNITS_PER_COMMUNITY} units, ${months} months …`);
    const rows = await generateFees(database, scale, months, log);
    const seconds = (performance.now() - started) / 1000;
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    report(`load-fees-s${scale}-m${months}`, [
      { table: 'all rows', rows: total, seconds: Math.round(seconds), 'rows/s': Math.round(total / seconds) },
      ...Object.entries(rows).map(([table, n]) => ({ table, rows: n })),
    ], { scale, months });
    mkdirSync(path.dirname(marker), { recursive: true });
    writeFileSync(marker, JSON.stringify({ seconds: Math.round(seconds), rows }));
  } finally {
    await database.close();
  }
  return target;
}

const TZ = 'Asia/Shanghai';

async function generateFees(database: Database, scale: number, months: number, log: (s: string) => void): Promise<Record<string, number>> {
  const q = database.query.bind(database);
  const tag = `fees-s${scale}-m${months}`;
  const communities = Math.max(1, Math.round(10 * scale));
  const today = localDateIn(TZ, new Date());
  const current = `${today.slice(0, 7)}-01`;
  // Ids are md5 of the row's place, shaped as version-4 UUIDs (the API validates them as such).
  await q(`create or replace function bench_uuid(text) returns uuid language sql immutable as $$ select overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$`);
  const org = (await q<{ id: string }>(`select bench_uuid($1 || ':org') as id`, [tag]))[0]!.id;
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    await q(sql, params);
    log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };

  await step('company and communities', `
    with o as (insert into organizations (id, name) values ($1, $3) returning id)
    insert into communities (id, organization_id, name, address, managed_area_m2, service_level, contract_start, contract_end, time_zone)
    select bench_uuid($2 || ':c:' || c), (select id from o), '收费基准' || lpad(c::text, 3, '0') || '小区', '江城市滨湖区' || c || '号', 200000, 2, '2025-01-01', '2028-12-31', $5
    from generate_series(1, $4::int) c`, [org, tag, `${FEE_ORG_NAME}（规模 ${scale}）`, communities, TZ]);
  await step('buildings', `
    insert into buildings (id, organization_id, community_id, name, floors, units_per_floor, property_type)
    select bench_uuid($2 || ':b:' || c || ':' || b), $1, bench_uuid($2 || ':c:' || c), b || '栋', 25, 4, 'high_rise'
    from generate_series(1, $3::int) c, generate_series(1, 20) b`, [org, tag, communities]);
  // One work table of the units with a deterministic random number each (area, occupancy, payer).
  await step('units, owners', `
    create table bench_fee_units as
    select c, b, bench_uuid($2 || ':u:' || c || ':' || b || ':' || f || ':' || u) as id, bench_uuid($2 || ':c:' || c) as community_id,
      bench_uuid($2 || ':b:' || c || ':' || b) as building_id, f as floor, f || lpad(u::text, 2, '0') as number,
      b || '栋 ' || f || lpad(u::text, 2, '0') as label, row_number() over (order by c, b, f, u) as n,
      ('x' || substr(md5($2 || ':r:' || c || ':' || b || ':' || f || ':' || u), 1, 7))::bit(28)::int as r
    from generate_series(1, $3::int) c, generate_series(1, 20) b, generate_series(1, 25) f, generate_series(1, 4) u;
    insert into units (id, organization_id, community_id, building_id, floor, number, area_m2, use, status)
    select id, $1, community_id, building_id, floor, number, (6000 + r % 10000) / 100.0, 'residential', case when r % 7 < 5 then 'occupied' else 'vacant' end
    from bench_fee_units order by n;
    insert into residents (id, organization_id, name, phone) select bench_uuid($2 || ':p:' || n), $1, '业主' || n, '139' || lpad(n::text, 8, '0') from bench_fee_units order by n;
    insert into resident_units (id, organization_id, community_id, resident_id, unit_id, relation, move_in_on, approved)
    select bench_uuid($2 || ':ru:' || n), $1, community_id, bench_uuid($2 || ':p:' || n), id, 'owner', '2024-06-01', true from bench_fee_units order by n;
    insert into staff (id, organization_id, name, phone, position, community_ids, hire_date)
    select bench_uuid($2 || ':desk'), $1, '基准收银员', '13700000001', 'service_desk', array_agg(bench_uuid($2 || ':c:' || c) order by c), '2024-03-01'
    from generate_series(1, $3::int) c`.replaceAll('$3::int', String(communities)).replaceAll('$2', `'${tag}'`).replaceAll('$1', `'${org}'`));

  const ids: Record<string, string> = {};
  await database.db.transaction(async (tx) => {
    const ctx = systemContext(org);
    const [desk] = await q<{ id: string }>(`select bench_uuid($1 || ':desk') as id`, [tag]);
    ids.admin = (await createUser(tx, ctx, { organizationId: org, username: FEE_LOGINS.admin, displayName: '收费基准管理员', password: BENCH_PASSWORD, roles: ['company_admin'] })).id;
    ids.desk = (await createUser(tx, ctx, { organizationId: org, username: FEE_LOGINS.desk, displayName: '基准收银员', password: BENCH_PASSWORD, roles: ['service_desk'], staffId: desk!.id })).id;
  });

  const firstMonth = shiftMonth(current, -Math.max(months, 1));
  await step('fee items', `
    create table bench_fee_items as
    select bench_uuid($2 || ':i:' || c || ':' || k) as id, bench_uuid($2 || ':c:' || c) as community_id, k,
      (array['物业服务费', '电梯运行费', '生活垃圾清运费'])[k] as name, (array['area', 'area', 'fixed'])[k] as kind, (array[250, 45, 1500])[k] as price
    from generate_series(1, $3::int) c, generate_series(1, 3) k;
    insert into fee_items (id, organization_id, community_id, name, kind, cycle, rounding, created_at)
    select id, $1, community_id, name, kind, 'monthly', 'half_up', timestamp '2024-12-01 09:00' + k * interval '1 minute' from bench_fee_items;
    insert into fee_item_versions (organization_id, item_id, effective_from, pricing, created_by)
    select $1, id, $4::date, case kind when 'area' then jsonb_build_object('kind', 'area', 'pricesByType', jsonb_build_object('high_rise', price)) else jsonb_build_object('kind', 'fixed', 'monthlyFen', price) end, $5::uuid
    from bench_fee_items`.replaceAll('$3::int', String(communities)).replaceAll('$2', `'${tag}'`).replaceAll('$1', `'${org}'`).replaceAll('$4', `'${firstMonth}'`).replaceAll('$5', `'${ids.admin}'`));

  if (months > 0) {
    const lit = (sql: string) => sql.replaceAll('$org', `'${org}'`).replaceAll('$tag', `'${tag}'`).replaceAll('$admin', `'${ids.admin}'`).replaceAll('$desk', `'${ids.desk}'`).replaceAll('$tz', `'${TZ}'`);
    await step('accounts', lit(`
      insert into fee_accounts (id, organization_id, community_id, kind, unit_id, label, created_at)
      select bench_uuid($tag || ':a:' || n), $org, community_id, 'unit', id, label, timestamp '2024-12-01 09:00' from bench_fee_units order by n;
      create table bench_fee_months as select m, (date '${current}' - m * interval '1 month')::date as ms from generate_series(1, ${months}) m`));
    await step('bill runs', lit(`
      insert into fee_bill_runs (id, organization_id, community_id, cycle, period_start, period_end, status, charge_count, total_fen, summary, created_by, created_at)
      select bench_uuid($tag || ':run:' || c || ':' || m), $org, bench_uuid($tag || ':c:' || c), 'monthly', ms, (ms + interval '1 month' - interval '1 day')::date, 'posted', 0, 0,
        '{"byBuilding":[],"skipped":[]}'::jsonb, $admin, (ms + interval '9 hours') at time zone $tz
      from bench_fee_months, generate_series(1, ${communities}) c`));
    await step('charges', lit(`
      insert into fee_entries (id, organization_id, community_id, account_id, kind, amount_fen, entry_date, due_on, item_id, period_start, period_end, bill_run_id, created_by, created_at)
      select bench_uuid(u.id::text || ':' || i.id || ':' || g.m), $org, u.community_id, bench_uuid($tag || ':a:' || u.n), 'charge',
        case when i.kind = 'area' then round((6000 + u.r % 10000) * i.price / 100.0)::bigint else i.price end,
        g.ms, g.ms, i.id, g.ms, (g.ms + interval '1 month' - interval '1 day')::date, bench_uuid($tag || ':run:' || u.c || ':' || g.m), $admin, (g.ms + interval '9 hours') at time zone $tz
      from bench_fee_months g cross join bench_fee_units u join bench_fee_items i on i.community_id = u.community_id
      order by g.m desc, u.n, i.k;
      update fee_bill_runs r set charge_count = x.n, total_fen = x.s
      from (select bill_run_id, count(*) as n, sum(amount_fen) as s from fee_entries where organization_id = $org and kind = 'charge' group by bill_run_id) x where x.bill_run_id = r.id`));
    // Who pays: r % 100 < 2 never, < 8 seven months behind, < 20 three months behind, < 24 paid up
    // with a prepayment, else paid up. A month is paid in one payment on a day of that month.
    await step('payments', lit(`
      create table bench_fee_pay as
      with payer as (select u.*, bench_uuid($tag || ':a:' || u.n) as account_id,
          case when r % 100 < 2 then ${months} when r % 100 < 8 then 7 when r % 100 < 20 then 3 else 0 end as lag from bench_fee_units u),
        due as (select account_id, period_start, sum(amount_fen) as total from fee_entries where organization_id = $org and kind = 'charge' group by 1, 2),
        pay as (
          select p.account_id, p.community_id, g.m, g.ms, d.total, (p.r / 100) % 5 as method,
            least((g.ms + ((p.r / 100) % 20) * interval '1 day' + interval '10 hours') at time zone $tz, now() - interval '1 hour') as paid_at
          from payer p cross join bench_fee_months g join due d on d.account_id = p.account_id and d.period_start = g.ms where g.m > p.lag
          union all
          select account_id, community_id, 0, null, 30000, 1, now() - interval '1 day' from payer where r % 100 between 20 and 23)
      select bench_uuid(account_id::text || ':pay:' || m) as entry_id, bench_uuid(account_id::text || ':doc:' || m) as payment_id, pay.*,
        (paid_at at time zone $tz)::date as paid_on from pay;
      insert into fee_entries (id, organization_id, community_id, account_id, kind, amount_fen, entry_date, due_on, payment_id, created_by, created_at)
      select entry_id, $org, community_id, account_id, 'payment', -total, paid_on, paid_on, payment_id, $desk, paid_at from bench_fee_pay order by paid_at, entry_id;
      insert into fee_allocations (organization_id, account_id, credit_id, debit_id, amount_fen, created_at)
      select $org, p.account_id, p.entry_id, e.id, e.amount_fen, p.paid_at
      from bench_fee_pay p join fee_entries e on e.account_id = p.account_id and e.kind = 'charge' and e.period_start = p.ms order by p.paid_at, e.seq;
      insert into fee_payments (id, organization_id, community_id, account_id, receipt_no, entry_id, total_fen, lines, cashier_user_id, cashier_name, paid_at, verify_code)
      select payment_id, $org, community_id, account_id,
        'SK' || to_char(paid_on, 'YYYY') || '-' || lpad(row_number() over (partition by community_id, to_char(paid_on, 'YYYY') order by paid_at, payment_id)::text, 6, '0'),
        entry_id, total,
        jsonb_build_array(jsonb_build_object('method', (array['wechat_pay', 'alipay', 'cash', 'transfer', 'bank_card'])[method + 1], 'amountFen', total,
          'reference', case when method = 2 then null else 'GEN' || upper(substr(payment_id::text, 1, 8)) end,
          'tenderedFen', case when method = 2 then total end, 'changeFen', case when method = 2 then 0 end)),
        $desk, '基准收银员', paid_at, md5(payment_id::text) from bench_fee_pay;
      insert into work_counters (organization_id, scope_id, period_key, prefix, value)
      select $org, community_id, to_char(paid_on, 'YYYY'), 'SK', count(*) from bench_fee_pay group by community_id, to_char(paid_on, 'YYYY')`));
    // The running balances the ledger's writer keeps (commands/ledger-write.ts), set-based here.
    await step('balances', lit(`
      update fee_accounts a set balance_fen = s.total
      from (select account_id, sum(amount_fen) as total from fee_entries where organization_id = $org group by account_id) s
      where a.id = s.account_id`));
  }
  await q(`drop table if exists bench_fee_units, bench_fee_items, bench_fee_months, bench_fee_pay`);
  await q(`drop function bench_uuid(text)`);
  await step('analyze', 'analyze');
  const counts = await q<{ t: string; n: number }>(`
    select 'units' as t, count(*)::int as n from units where organization_id = $1
    union all select 'fee_accounts', count(*)::int from fee_accounts where organization_id = $1
    union all select 'fee_entries', count(*)::int from fee_entries where organization_id = $1
    union all select 'fee_allocations', count(*)::int from fee_allocations where organization_id = $1
    union all select 'fee_payments', count(*)::int from fee_payments where organization_id = $1`, [org]);
  return Object.fromEntries(counts.map((c) => [c.t, c.n]));
}

/** YYYY-MM-01 moved by whole months. */
export function shiftMonth(monthStart: string, by: number): string {
  const d = new Date(`${monthStart.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return d.toISOString().slice(0, 10);
}

/** The generated company of a fees dataset. */
export async function feeOrganization(database: Database, scale: number): Promise<{ id: string; communities: { id: string; name: string }[] }> {
  const [org] = await database.query<{ id: string }>(`select id from organizations where name = $1`, [`${FEE_ORG_NAME}（规模 ${scale}）`]);
  if (!org) throw new Error('fees dataset: no generated company');
  const communities = await database.query<{ id: string; name: string }>(`select id, name from communities where organization_id = $1 order by name`, [org.id]);
  return { id: org.id, communities };
}
