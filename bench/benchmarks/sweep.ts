import { sweepTimers } from '../../src/server/modules/standards/sweeper';
import { registerAllSubjects } from '../../src/server/modules/subjects';
import { rssOf } from '../lib/server';
import { report, round } from '../lib/report';
import type { Benchmark } from '.';

/** 100,000 by default; BENCH_SWEEP_TIMERS sets fewer on a slow or busy machine (the rate is what compares). */
const TIMERS = Number(process.env.BENCH_SWEEP_TIMERS ?? 100_000);
const LIMIT = 'bench_sweep';

/**
 * The SLA sweeper over 100,000 running timers whose warning and breach have both fallen due (each
 * raises two notifications and two timeline entries), run in this process as the server runs it.
 * Baseline: the same rows claimed and marked raised by one UPDATE statement.
 */
export const sweep: Benchmark = {
  async run({ target, log }) {
    registerAllSubjects();
    const database = await target!.open();
    try {
      await cleanup(database.query.bind(database));
      const warm = async () => {
        await database.query(
          `insert into sla_timers (organization_id, community_id, subject_type, subject_id, subject_label, limit_key, round, status, calendar_mode, duration_ms, warn_at_share, started_at, due_at, warn_at, limit_name, events, next_check_at)
           select w.organization_id, w.community_id, 'work_order', w.id, w.number, $1, 1, 'running', '24x7', 3600000, 0.8, now() - interval '2 hours', now() - interval '1 hour', now() - interval '72 minutes',
                  '{"zh-CN":"基准时限","en-US":"Benchmark limit"}'::jsonb,
                  '[{"key":"warn","atShare":0.8,"notify":["project_manager"]},{"key":"breach","atShare":1,"notify":["project_manager","company_admin"]}]'::jsonb,
                  now() - interval '72 minutes'
           from work_orders w join organizations o on o.id = w.organization_id where o.name like '基准物业集团%' order by w.id limit $2`,
          [LIMIT, TIMERS],
        );
      };
      await warm();
      const [{ n } = { n: 0 }] = await database.query<{ n: number }>(`select count(*)::int as n from sla_timers where limit_key = $1`, [LIMIT]);
      log(`sweep: ${n} due timers`);
      let t0 = performance.now();
      await database.query(`update sla_timers set raised_events = array['warn', 'breach'], next_check_at = null, updated_at = now() where limit_key = $1 and next_check_at <= now()`, [LIMIT]);
      const baseline = (performance.now() - t0) / 1000;
      await database.query(`update sla_timers set raised_events = '{}', next_check_at = now() - interval '72 minutes' where limit_key = $1`, [LIMIT]);

      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, rssOf(process.pid).rssKb)), 200);
      t0 = performance.now();
      const raised = await sweepTimers(database.db);
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      report('sweep', [
        { path: 'sweepTimers (claim, notify, timeline)', timers: n, 'events raised': raised, seconds: round(seconds, 1), 'timers/s': Math.round(n / seconds), 'peak RSS MB': Math.round(peak / 1024) },
        { path: 'baseline: one UPDATE of the same rows', timers: n, 'events raised': n * 2, seconds: round(baseline, 2), 'timers/s': Math.round(n / baseline), 'peak RSS MB': null },
        { path: 'ratio sweep / baseline (time)', seconds: round(seconds / baseline, 1) },
      ], { db: target!.kind });
      if (raised < n * 2) throw new Error(`sweep raised ${raised} events for ${n} timers`);
    } finally {
      await cleanup(database.query.bind(database));
      await database.close();
    }
  },
};

async function cleanup(query: (s: string, p?: unknown[]) => Promise<unknown>) {
  await query(`delete from notifications where dedupe_key in (select id || ':warn' from sla_timers where limit_key = $1 union all select id || ':breach' from sla_timers where limit_key = $1)`, [LIMIT]);
  await query(`delete from work_events where kind = 'timer' and data->>'limitKey' = $1`, [LIMIT]);
  await query(`delete from sla_timers where limit_key = $1`, [LIMIT]);
}
