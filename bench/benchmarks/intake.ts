import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { BENCH_LOGINS, BENCH_PASSWORD } from '../generate';
import { BenchServer, signIn } from '../lib/server';
import { percentile, report, round } from '../lib/report';
import type { Benchmark } from '.';

const CONCURRENCY = 16;
const REQUESTS = 1000;

/**
 * Work-order intake over HTTP at concurrency 16 (autocannon against a real server, a fresh
 * Idempotency-Key per request), against the baseline of the same rows inserted directly through
 * the driver in this process at the same concurrency.
 */
export const intake: Benchmark = {
  async run({ target, log }) {
    const database = await target!.open();
    // The desk of the benchmark answers the company's hotline for every community (a call centre),
    // and reports spread over occupied units: repeat reports of one unit would be linked to each other.
    await database.query(
      `update staff set community_ids = (select array_agg(id order by name) from communities c where c.organization_id = staff.organization_id)
       where id = (select staff_id from users where username = $1)`,
      [BENCH_LOGINS.desk],
    );
    const places = await database.query<{ community_id: string; unit_id: string; resident_id: string }>(
      `select u.community_id, u.id as unit_id, ru.resident_id
       from users s join staff st on st.id = s.staff_id join units u on u.community_id = any(st.community_ids)
       join resident_units ru on ru.unit_id = u.id where s.username = $1 order by md5(u.id::text) limit $2`,
      [BENCH_LOGINS.desk, REQUESTS],
    );
    const bodyOf = (i: number) => {
      const p = places[i % places.length]!;
      return JSON.stringify({ kind: 'repair', communityId: p.community_id, unitId: p.unit_id, reporterResidentId: p.resident_id, channel: 'phone', category: 'plumbing', description: '基准测试：厨房水龙头漏水' });
    };
    const before = await countOrders(database.query.bind(database));

    const server = await BenchServer.start(target!.env);
    const auth = await signIn(server.url, BENCH_LOGINS.desk, BENCH_PASSWORD);
    const run = randomUUID().slice(0, 8);
    let seq = 0;
    let acknowledged = 0;
    log(`intake: ${REQUESTS} requests over HTTP at concurrency ${CONCURRENCY}`);
    const http = await autocannon({
      url: server.url,
      connections: CONCURRENCY,
      amount: REQUESTS,
      timeout: 60,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/work-orders',
          headers: { ...auth, 'content-type': 'application/json' },
          setupRequest: (req) => {
            const i = seq++;
            return { ...req, body: bodyOf(i), headers: { ...req.headers, 'idempotency-key': `bench-${run}-${i}` } };
          },
          onResponse: (status) => void (status === 201 && acknowledged++),
        },
      ],
    });
    const peak = server.peakRssMb();
    await server.stop();
    const created = (await countOrders(database.query.bind(database))) - before;
    const [keys] = await database.query<{ n: number }>(`select count(*)::int as n from idempotency_keys where key like $1 and status_code = 201`, [`bench-${run}-%`]);

    // Baseline: the same rows, one insert each, straight through the driver at the same concurrency.
    const [template] = await database.query<Record<string, unknown>>(`select * from work_orders where description = '基准测试：厨房水龙头漏水' limit 1`);
    const latencies: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const i = next++;
          const p = places[i % places.length]!;
          const s = performance.now();
          await database.query(
            `insert into work_orders (organization_id, community_id, unit_id, unit_label, kind, number, standard_version_id, state, state_type, category, urgency, paid, channel, description, reporter_name, reporter_phone, reporter_resident_id, facts)
             values ($1, $2, $3, $4, 'repair', $5, $6, $7, $8, 'plumbing', 'routine', false, 'phone', $9, $10, $11, $12, $13)`,
            [template!.organization_id, p.community_id, p.unit_id, template!.unit_label, `BASE-${run}-${i}`, template!.standard_version_id, 'submitted', 'open', '基准测试：厨房水龙头漏水', template!.reporter_name, template!.reporter_phone, p.resident_id, JSON.stringify(template!.facts)],
          );
          latencies.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    await database.query(`delete from work_orders where number like $1`, [`BASE-${run}-%`]);
    await database.close();

    const baseRps = REQUESTS / seconds;
    const httpRps = http.requests.total / (http.duration || 1);
    report('intake', [
      { path: 'HTTP POST /api/v1/work-orders', requests: http.requests.total, '2xx': acknowledged, errors: http.errors + http.non2xx, 'client timeouts': http.timeouts, stored: created, 'req/s': round(httpRps), 'p50 ms': http.latency.p50, 'p99 ms': http.latency.p99, 'peak RSS MB': peak },
      { path: 'baseline: driver insert', requests: REQUESTS, '2xx': REQUESTS, errors: 0, 'req/s': round(baseRps), 'p50 ms': round(percentile(latencies, 50)), 'p99 ms': round(percentile(latencies, 99)), 'peak RSS MB': null },
      { path: 'ratio HTTP / baseline', 'req/s': round(httpRps / baseRps, 3), 'p50 ms': round(http.latency.p50 / percentile(latencies, 50), 1) },
    ], { concurrency: CONCURRENCY, ordersCreated: created, db: target!.kind });
    // A request the client gave up on (timeout) may still have been written, once: never more.
    if (created !== keys!.n || created < acknowledged || created > REQUESTS) throw new Error(`intake: ${acknowledged} acknowledged, ${created} orders and ${keys!.n} keys written`);
  },
};

async function countOrders(query: (s: string, p?: unknown[]) => Promise<{ n: number }[]>): Promise<number> {
  const [r] = await query(`select count(*)::int as n from work_orders`);
  return r!.n;
}
