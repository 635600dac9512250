import { BENCH_LOGINS, BENCH_PASSWORD } from '../generate';
import { BenchServer, signIn, timeGets } from '../lib/server';
import { percentile, report, round } from '../lib/report';
import type { Benchmark } from '.';

const RUNS = 20;

/** Runs GET paths against a server as the company admin; rows of p50/p95 with a primary-key fetch as baseline. */
async function measure(name: string, target: NonNullable<Parameters<Benchmark['run']>[0]['target']>, paths: (ids: Ids) => Record<string, string>) {
  const database = await target.open();
  const [ids] = await database.query<Ids>(
    `select w.id as "orderId", w.community_id as "communityId", w.number, right(w.reporter_phone, 4) as "last4", split_part(w.unit_label, ' ', 2) as "unitNumber"
     from work_orders w join organizations o on o.id = w.organization_id where o.name like '基准物业集团%' and w.reporter_phone is not null order by w.created_at desc limit 1 offset 500`,
  );
  await database.close();
  const server = await BenchServer.start(target.env);
  const auth = await signIn(server.url, BENCH_LOGINS.admin, BENCH_PASSWORD);
  const base = await timeGets(server.url, `/api/v1/work-orders/${ids!.orderId}`, auth, RUNS);
  const baseP50 = percentile(base, 50);
  const rows: Record<string, unknown>[] = [{ query: 'baseline: GET /work-orders/{id}', 'p50 ms': round(baseP50), 'p95 ms': round(percentile(base, 95)), 'p50 ratio': 1 }];
  for (const [label, spec] of Object.entries(paths(ids!))) {
    const path = spec.startsWith(AFTER) ? await pageAfter(server.url, spec.slice(AFTER.length), auth) : spec;
    const t = await timeGets(server.url, path, auth, RUNS);
    rows.push({ query: label, 'p50 ms': round(percentile(t, 50)), 'p95 ms': round(percentile(t, 95)), 'p50 ratio': round(percentile(t, 50) / baseP50, 1) });
  }
  const peak = server.peakRssMb();
  await server.stop();
  rows.forEach((r) => (r['peak RSS MB'] = peak));
  return rows;
}

/** `after:<list path>`: the page after that one, by its `nextCursor` (keyset paging). */
const AFTER = 'after:';
async function pageAfter(url: string, path: string, auth: Record<string, string>): Promise<string> {
  const res = await fetch(url + path, { headers: auth });
  const { nextCursor } = (await res.json()) as { nextCursor: string | null };
  if (!nextCursor) throw new Error(`GET ${path}: no next page`);
  return `${path.replace(/[?&]page=\d+/, '')}&cursor=${nextCursor}`;
}

interface Ids {
  orderId: string;
  communityId: string;
  number: string;
  last4: string;
  unitNumber: string;
}

const L = '/api/v1/work-orders';

/** The work-order list with filters, sort and search, as the company admin sees it (all communities). */
export const list: Benchmark = {
  async run({ target, scale }) {
    const from = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const to = new Date(Date.now() - 60 * 86_400_000).toISOString();
    const rows = await measure('list', target!, (ids) => ({
      'newest first (default)': `${L}?pageSize=20`,
      'page 50': `${L}?pageSize=20&page=50`,
      'page 50 by cursor (after page 49)': `${AFTER}${L}?pageSize=20&page=49`,
      'page 4,000 by cursor (after page 3,999)': `${AFTER}${L}?pageSize=20&page=3999`,
      'open, by due time': `${L}?statusType=open&sort=dueAt`,
      'overdue only': `${L}?overdue=true`,
      'community + repair + closed + date range': `${L}?communityId=${ids.communityId}&kind=repair&status=closed&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      'search: order number': `${L}?q=${ids.number}`,
      'search: unit number': `${L}?q=${ids.unitNumber}`,
      'search: phone last 4': `${L}?q=${ids.last4}`,
    }));
    report(`list-s${scale}`, rows, { scale, db: target!.kind, runs: RUNS });
  },
};

/** The 30-day dashboard aggregate (GET /work-orders/stats), for the whole company and one community. */
export const dashboard: Benchmark = {
  async run({ target, scale }) {
    const rows = await measure('dashboard', target!, (ids) => ({
      'stats: 30 days, all communities': `${L}/stats`,
      'stats: 30 days, one community': `${L}/stats?communityId=${ids.communityId}`,
      'stats: 365 days, all communities': `${L}/stats?from=${encodeURIComponent(new Date(Date.now() - 365 * 86_400_000).toISOString())}`,
    }));
    report(`dashboard-s${scale}`, rows, { scale, db: target!.kind, runs: RUNS });
  },
};
