import { loadavg } from 'node:os';
import { sweepTimers } from '../../src/server/modules/standards/sweeper';
import { registerAllSubjects } from '../../src/server/modules/subjects';
import { rssOf } from '../lib/server';
import { report, round } from '../lib/report';
import type { Benchmark } from '.';

/**
 * The sizes swept, one after the other: `BENCH_SWEEP_TIMERS=10000,100000` (the default), or one
 * size (`BENCH_SWEEP_TIMERS=3000`) on a slow or busy machine (the ratio is what compares).
 */
const SIZES = (process.env.BENCH_SWEEP_TIMERS ?? '10000,100000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
/** Limit keys `bench_sweep_1`, `bench_sweep_2`, …: one per timer of an order (see below). */
const LIMIT = 'bench_sweep';
const LIMIT_LIKE = 'bench\\_sweep\\_%';

/**
 * The SLA sweeper over N running timers whose warning and breach have both fallen due (each
 * raises two notifications' worth of recipients and two timeline entries), run in this process as
 * the server runs it. When the dataset has fewer orders than N (a small scale), each order gets
 * several timers, one per limit key, as an order with several promises has. Baseline: the same
 * rows marked raised by one UPDATE statement, measured just before the sweep.
 */
export const sweep: Benchmark = {
  async run({ target, log }) {
    registerAllSubjects();
    const database = await target!.open();
    const rows: Record<string, unknown>[] = [];
    try {
      for (const timers of SIZES) {
        await cleanup(database.query.bind(database));
        const [{ orders } = { orders: 0 }] = await database.query<{ orders: number }>(
          `select count(*)::int as orders from work_orders w join organizations o on o.id = w.organization_id where o.name like '基准物业集团%'`,
        );
        const perOrder = Math.max(1, Math.ceil(timers / Math.max(1, orders)));
        await database.query(
          `insert into sla_timers (organization_id, community_id, subject_type, subject_id, subject_label, limit_key, round, status, calendar_mode, duration_ms, warn_at_share, started_at, due_at, warn_at, limit_name, events, next_check_at)
           select w.organization_id, w.community_id, 'work_order', w.id, w.number, $1 || '_' || k, 1, 'running', '24x7', 3600000, 0.8, now() - interval '2 hours', now() - interval '1 hour', now() - interval '72 minutes',
                  '{"zh-CN":"基准时限","en-US":"Benchmark limit"}'::jsonb,
                  '[{"key":"warn","atShare":0.8,"notify":["project_manager"]},{"key":"breach","atShare":1,"notify":["project_manager","company_admin"]}]'::jsonb,
                  now() - interval '72 minutes'
           from work_orders w join organizations o on o.id = w.organization_id cross join generate_series(1, $3::int) k
           where o.name like '基准物业集团%' order by k, w.id limit $2`,
          [LIMIT, timers, perOrder],
        );
        await database.query('analyze sla_timers');
        const [{ n } = { n: 0 }] = await database.query<{ n: number }>(`select count(*)::int as n from sla_timers where limit_key like $1`, [LIMIT_LIKE]);
        log(`sweep: ${n} due timers (${perOrder} per order at most), load ${loadAverage()}`);
        let t0 = performance.now();
        await database.query(`update sla_timers set raised_events = array['warn', 'breach'], next_check_at = null, updated_at = now() where limit_key like $1 and next_check_at <= now()`, [LIMIT_LIKE]);
        const baseline = (performance.now() - t0) / 1000;
        await database.query(`update sla_timers set raised_events = '{}', next_check_at = now() - interval '72 minutes' where limit_key like $1`, [LIMIT_LIKE]);
        await database.query('vacuum analyze sla_timers');

        let peak = 0;
        const sampler = setInterval(() => (peak = Math.max(peak, rssOf(process.pid).rssKb)), 200);
        const loadBefore = loadAverage();
        t0 = performance.now();
        const raised = await sweepTimers(database.db);
        const seconds = (performance.now() - t0) / 1000;
        clearInterval(sampler);
        const [{ notified } = { notified: 0 }] = await database.query<{ notified: number }>(
          `select count(*)::int as notified from notifications where entity_type = 'work_order' and kind in ('due_soon', 'breached') and params->'limit'->>'en-US' = 'Benchmark limit'`,
        );
        rows.push(
          { path: `sweepTimers, ${n} timers`, timers: n, 'events raised': raised, notifications: notified, seconds: round(seconds, 1), 'timers/s': Math.round(n / seconds), 'peak RSS MB': Math.round(peak / 1024), load: `${loadBefore} → ${loadAverage()}` },
          { path: `baseline: one UPDATE of the ${n} rows`, timers: n, 'events raised': n * 2, seconds: round(baseline, 2), 'timers/s': Math.round(n / baseline) },
          { path: `ratio sweep / baseline (time), ${n} timers`, seconds: round(seconds / baseline, 1) },
        );
        if (raised < n * 2) throw new Error(`sweep raised ${raised} events for ${n} timers`);
      }
      report('sweep', rows, { db: target!.kind });
    } finally {
      await cleanup(database.query.bind(database));
      await database.close();
    }
  },
};

/** `uptime`'s one-minute load average, for the report (the ratios follow the machine's load). */
function loadAverage(): string {
  return loadavg()[0]!.toFixed(1);
}

async function cleanup(query: (s: string, p?: unknown[]) => Promise<unknown>) {
  await query(`delete from notifications where entity_type = 'work_order' and kind in ('due_soon', 'breached') and params->'limit'->>'en-US' = 'Benchmark limit'`);
  await query(`delete from work_events where kind = 'timer' and data->>'limitKey' like $1`, [LIMIT_LIKE]);
  await query(`delete from sla_timers where limit_key like $1`, [LIMIT_LIKE]);
}
