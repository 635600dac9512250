import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../db/client';
import { freePort, ServerProcess } from './server-process';

/*
 * Reliability checks against real `wuye serve` processes, shared by `npm test` (small) and
 * `npm run bench` (large): a kill -9 under intake load, and two processes on one PostgreSQL.
 */

type Headers = Record<string, string>;

async function signIn(url: string, username: string, password = 'demo12345'): Promise<Headers> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

async function firstCommunity(url: string, auth: Headers): Promise<string> {
  const res = await fetch(`${url}/api/v1/communities`, { headers: auth });
  return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
}

const orderBody = (communityId: string, marker: string, category = 'plumbing') =>
  JSON.stringify({ kind: 'repair', communityId, channel: 'phone', category, description: marker, reporterName: '王先生', reporterPhone: '13900002222' });

/** POSTs an intake with an idempotency key; the order id and whether it was a replay, or null when no answer came. */
async function post(url: string, auth: Headers, body: string, key: string): Promise<{ status: number; id: string | null; replayed: boolean } | null> {
  try {
    const res = await fetch(`${url}/api/v1/work-orders`, { method: 'POST', headers: { ...auth, 'idempotency-key': key }, body });
    const json = (await res.json()) as { id?: string };
    return { status: res.status, id: json.id ?? null, replayed: res.headers.get('idempotent-replayed') === 'true' };
  } catch {
    return null;
  }
}

export interface CrashReport {
  sent: number;
  acknowledged: number;
  inFlight: number;
  replayedAfterRestart: number;
  createdOnRetry: number;
  ordersInDatabase: number;
  missing: string[];
  duplicated: string[];
  changedIds: string[];
}

/**
 * Sends `orders` intakes at `concurrency`, kills the server with SIGKILL after `killAfter`
 * acknowledgements, restarts it and retries every acknowledged and every unanswered request
 * with the same Idempotency-Key. Then reads the database: each request must have produced
 * exactly one order, and acknowledged ones the very order that was acknowledged.
 */
export async function crashUnderLoad(env: Record<string, string>, options: { orders: number; concurrency: number; killAfter: number }): Promise<CrashReport> {
  const run = `crash-${randomUUID().slice(0, 8)}`;
  const server = new ServerProcess(await freePort(), { WUYE_RATE_LIMIT: '0', ...env });
  await server.start();
  let auth = await signIn(server.url, 'demo-desk');
  const communityId = await firstCommunity(server.url, auth);
  const acked = new Map<number, string>();
  const unanswered = new Set<number>();
  let next = 0;
  let killed: Promise<void> | null = null;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.orders && !killed) {
        const i = next++;
        const res = await post(server.url, auth, orderBody(communityId, `${run}#${i}`), `${run}-${i}`);
        if (res?.status === 201 && res.id) acked.set(i, res.id);
        else unanswered.add(i);
        if (acked.size >= options.killAfter && !killed) killed = server.kill('SIGKILL');
      }
    }),
  );
  await killed;
  const sent = next;
  const again = new ServerProcess(await freePort(), { WUYE_RATE_LIMIT: '0', ...env });
  await again.start();
  auth = await signIn(again.url, 'demo-desk');
  let replayed = 0;
  let created = 0;
  const changedIds: string[] = [];
  for (let i = 0; i < sent; i++) {
    const res = await post(again.url, auth, orderBody(communityId, `${run}#${i}`), `${run}-${i}`);
    if (res?.status !== 201 || !res.id) throw new Error(`retry of ${run}-${i} failed: ${res?.status}`);
    if (res.replayed) replayed++;
    else created++;
    const first = acked.get(i);
    if (first && (first !== res.id || !res.replayed)) changedIds.push(`${i}: ${first} -> ${res.id}`);
  }
  await again.kill('SIGTERM');

  const database = await openEnvDatabase(env);
  try {
    const rows = await database.query<{ description: string; n: number; ids: string[] }>(
      `select description, count(*)::int as n, array_agg(id::text) as ids from work_orders where description like $1 group by description`,
      [`${run}#%`],
    );
    const byMarker = new Map(rows.map((r) => [r.description, r]));
    const missing: string[] = [];
    const duplicated: string[] = [];
    for (let i = 0; i < sent; i++) {
      const row = byMarker.get(`${run}#${i}`);
      if (!row) missing.push(String(i));
      else if (row.n !== 1) duplicated.push(`${i} x${row.n}`);
      else if (acked.has(i) && row.ids[0] !== acked.get(i)) changedIds.push(`${i}: stored ${row.ids[0]}`);
    }
    return { sent, acknowledged: acked.size, inFlight: unanswered.size, replayedAfterRestart: replayed, createdOnRetry: created, ordersInDatabase: rows.reduce((s, r) => s + r.n, 0), missing, duplicated, changedIds };
  } finally {
    await database.close();
  }
}

function openEnvDatabase(env: Record<string, string>): Promise<Database> {
  return env.DATABASE_URL ? openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: '' }) : openDatabase({ dataDir: env.WUYE_DATA_DIR! });
}

export interface TwoInstanceReport {
  orders: number;
  numbersUnique: boolean;
  listsAgree: boolean;
  detailsAgree: number;
  timerEventsDue: number;
  timerEventsRaised: number;
  raisedTwice: number;
}

/**
 * Two server processes on one PostgreSQL database: intakes alternate between them under load,
 * both must then show the same list and orders, numbers stay unique, and once every running
 * limit is made due, the two sweepers raise each timer event exactly once (timeline and notices).
 */
export async function twoInstances(env: Record<string, string>, options: { orders: number; concurrency: number }): Promise<TwoInstanceReport> {
  const run = `two-${randomUUID().slice(0, 8)}`;
  const servers = [0, 1].map(async () => new ServerProcess(await freePort(), { WUYE_RATE_LIMIT: '0', WUYE_SWEEP_SECONDS: '1', ...env }));
  const [a, b] = await Promise.all(servers);
  await Promise.all([a!.start(), b!.start()]);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL!, dataDir: '' });
  try {
    const auths = [await signIn(a!.url, 'demo-desk'), await signIn(b!.url, 'demo-desk')];
    const urls = [a!.url, b!.url];
    const communityId = await firstCommunity(a!.url, auths[0]!);
    let next = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.orders) {
          const i = next++;
          const res = await post(urls[i % 2]!, auths[i % 2]!, orderBody(communityId, `${run}#${i}`, i % 3 === 0 ? 'leak' : 'plumbing'), `${run}-${i}`);
          if (res?.status !== 201) throw new Error(`intake ${i} on server ${i % 2}: ${res?.status}`);
        }
      }),
    );
    const [dupes] = await database.query<{ n: number }>(`select count(*)::int as n from (select community_id, number from work_orders group by 1, 2 having count(*) > 1) d`);
    const lists = await Promise.all(urls.map(async (u, k) => (await (await fetch(`${u}/api/v1/work-orders?pageSize=100`, { headers: auths[k] })).json()) as { total: number; items: { id: string; status: string }[] }));
    const listsAgree = lists[0]!.total === lists[1]!.total && JSON.stringify(lists[0]!.items.map((x) => x.id)) === JSON.stringify(lists[1]!.items.map((x) => x.id));
    let detailsAgree = 0;
    for (const item of lists[0]!.items.slice(0, 10)) {
      const [x, y] = await Promise.all(urls.map(async (u, k) => (await (await fetch(`${u}/api/v1/work-orders/${item.id}`, { headers: auths[k] })).json()) as { number: string; timeline: unknown[]; timers: unknown[] }));
      if (JSON.stringify([x!.number, x!.timeline.length, x!.timers.length]) === JSON.stringify([y!.number, y!.timeline.length, y!.timers.length])) detailsAgree++;
    }
    // Every running limit of this run falls due now: warning and breach are owed once each.
    const [due] = await database.query<{ n: number }>(
      `with t as (update sla_timers set warn_at = now() - interval '2 minutes', due_at = now() - interval '1 minute', next_check_at = now() - interval '2 minutes'
        where status = 'running' and subject_id in (select id from work_orders where description like $1) returning events)
       select coalesce(sum((select count(*) from jsonb_array_elements(events) e where e->>'key' in ('warn', 'breach'))), 0)::int as n from t`,
      [`${run}#%`],
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [left] = await database.query<{ n: number }>(`select count(*)::int as n from sla_timers where next_check_at <= now() - interval '30 seconds'`);
      if (left!.n === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, 1500));
    const [raised] = await database.query<{ n: number; twice: number }>(
      `select count(*)::int as n, count(*) filter (where c > 1)::int as twice from (
         select e.subject_id, e.data->>'limitKey' as l, e.action, count(*) as c from work_events e join work_orders w on w.id = e.subject_id
         where e.subject_type = 'work_order' and e.kind = 'timer' and e.action in ('warn', 'breach') and w.description like $1 group by 1, 2, 3) x`,
      [`${run}#%`],
    );
    return { orders: options.orders, numbersUnique: dupes!.n === 0, listsAgree, detailsAgree, timerEventsDue: due!.n, timerEventsRaised: raised!.n, raisedTwice: raised!.twice };
  } finally {
    await Promise.all([a!.kill('SIGTERM'), b!.kill('SIGTERM')]);
    await database.close();
  }
}
