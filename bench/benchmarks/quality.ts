import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { userContext } from '../../src/server/auth/session';
import type { Database } from '../../src/server/db/client';
import { inTransaction } from '../../src/server/db/transaction';
import { communityById } from '../../src/server/modules/registry';
import { registerAllSubjects } from '../../src/server/modules/subjects';
import { openInspection } from '../../src/server/modules/quality/commands/open-inspection';
import { takeInspectionStep } from '../../src/server/modules/quality/commands/take-steps';
import { answerMap } from '../../src/server/modules/quality/inspection-step';
import { pinnedTemplate } from '../../src/server/modules/quality/repository';
import type { StoredAnswers } from '../../src/server/modules/quality/tables';
import { pinnedStandard } from '../../src/server/modules/standards';
import { scoreInspection } from '../../src/common/quality/scoring';
import { addLocalDays } from '../../src/server/work/plans';
import { answersFor, generateQualityDataset, QUALITY_LOGINS, QUALITY_PASSWORD } from '../generate/quality';
import { bulkInsert } from '../lib/bulk';
import { Prng } from '../lib/prng';
import { BenchServer, signIn, timeGets } from '../lib/server';
import { percentile, report, round } from '../lib/report';
import { DEFAULT_SEED, ownTarget, type DbKind, type Target } from '../lib/target';
import type { Benchmark } from '.';

const CONCURRENCY = 16;
/** Days of inspections in the dataset before today. */
const HISTORY_DAYS = 365;
const ZONE = 'Asia/Shanghai';

/** The quality dataset of a scale (`bench/generate/quality.ts`): its own database, loaded once. */
function qualityTarget(kind: DbKind, scale: number, reload: boolean, log: (s: string) => void): Promise<Target> {
  registerAllSubjects(); // numbering, opening and steps look kinds of work up, as the server does
  return ownTarget(kind, 'quality', scale, reload, log, (database, now) => generateQualityDataset(database, scale, DEFAULT_SEED, now, HISTORY_DAYS, log));
}

async function organizationOf(database: Database): Promise<string> {
  const [org] = await database.query<{ id: string }>(`select id from organizations where name like '基准物业集团%' order by created_at limit 1`);
  if (!org) throw new Error('quality dataset: no benchmark company');
  return org.id;
}

/** Runs `fn` over 0..n-1 with `workers` at a time. */
async function pool(n: number, workers: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < n) await fn(next++);
  }));
}

/**
 * Submitting inspections over HTTP as a quality inspector's phone does: `POST
 * /api/v1/quality/inspections/{id}/actions/<the scorecard step>` with the 30 answers of the gate
 * template, the staff member inspected, the signature and a fresh `Idempotency-Key`, at
 * concurrency 16 (autocannon against a real `wuye serve`). One in five fails an item (with its
 * photo), which opens its rectification. The inspections are opened first through the product's
 * `openInspection` (not measured); the signatures and photos stand for uploads the phone made
 * before submitting (attachment rows of the inspector, not measured). Baseline: the same
 * submitted rows (the inspection with its 30 answers and score, and the failure's
 * rectification) inserted through the driver at the same concurrency. Checks that every
 * acknowledged submission is stored once, with exactly one rectification per failure, and that a
 * retry with the same key replays the first answer. `BENCH_INSPECTIONS` sets the count (10,000).
 */
export const inspections: Benchmark = {
  needsDataset: false,
  async run({ scale, kind, reload, log }) {
    const target = await qualityTarget(kind, scale, reload, log);
    const count = Number(process.env.BENCH_INSPECTIONS ?? 10_000);
    const database = await target.open();
    const organizationId = await organizationOf(database);
    const inspector = await userContext(database.db, organizationId, QUALITY_LOGINS.inspector);
    const places = await database.query<{ community_id: string; guard_id: string }>(
      `select c.id as community_id, (select s.id from staff s where s.organization_id = c.organization_id and s.position = 'guard' and c.id = any(s.community_ids) order by s.id limit 1) as guard_id
       from communities c where c.organization_id = $1 order by c.name`,
      [organizationId],
    );
    const communities = await Promise.all(places.map((p) => communityById(database.db, p.community_id)));

    log(`inspections: opening ${count} spot checks of the gate through openInspection (not measured) …`);
    const opened: { id: string; communityIndex: number; level: string; templateVersionId: string; standardVersionId: string; communityId: string }[] = new Array(count);
    const now = new Date();
    let t0 = performance.now();
    await pool(count, 8, async (i) => {
      const community = communities[i % communities.length]!;
      const row = await inTransaction(database.db, (tx) =>
        openInspection(tx, { community, templateKey: 'window_gate', kind: 'spot', place: '东门岗', planId: null, startsAt: now, windowMinutes: 24 * 60, roles: ['quality_inspector'], ctx: inspector, now }),
      );
      opened[i] = { id: row!.id, communityIndex: i % communities.length, level: row!.level, templateVersionId: row!.templateVersionId, standardVersionId: row!.standardVersionId, communityId: row!.communityId };
    });
    log(`inspections: opened ${count} in ${round((performance.now() - t0) / 1000)} s`);

    const template = await pinnedTemplate(database.db, opened[0]!.templateVersionId);
    const standard = (await pinnedStandard(database.db, opened[0]!.standardVersionId)).definition;
    const step = standard.transitions.find((t) => t.projects === 'scorecard')!;
    const items = template.categories.flatMap((c) => c.items.map((item) => ({ categoryKey: c.key, item })));
    if (items.length !== 30) throw new Error(`inspections: the gate template has ${items.length} items, not 30`);
    const failable = items.filter((x) => x.item.answer === 'pass_fail');

    // What the phone uploaded before submitting: a signature each, a photo per failure.
    const rand = new Prng(DEFAULT_SEED);
    const uploads: Record<string, unknown>[] = [];
    const upload = (kind: 'photo' | 'signature') => {
      const id = randomUUID();
      uploads.push({ id, organization_id: organizationId, uploader_user_id: inspector.actor.userId, kind, mime_type: kind === 'photo' ? 'image/jpeg' : 'image/png', size: 2048, sha256: id.replaceAll('-', ''), file_name: `${kind}.jpg`, storage_path: `bench/${id}` });
      return id;
    };
    const failing = (i: number) => i % 5 === 0;
    const answers: StoredAnswers[] = opened.map((o, i) => {
      const fail = failable[Math.floor(i / 5) % failable.length]!;
      const a = answersFor(template, o.level, (c, item) => failing(i) && c === fail.categoryKey && item.key === fail.item.key, rand);
      if (failing(i) && fail.item.photoOnFail) a[fail.categoryKey]![fail.item.key]!.photoIds = [upload('photo')];
      return a;
    });
    const bodies = opened.map((o, i) => {
      const body: Record<string, unknown> = { answers: answers[i] };
      for (const record of step.records ?? []) {
        if (record.type === 'staff') body[record.name] = places[o.communityIndex]!.guard_id;
        if (record.type === 'signature') body[record.name] = upload('signature');
      }
      return JSON.stringify(body);
    });
    await bulkInsert(database, 'attachments', uploads);

    const server = await BenchServer.start(target.env);
    const auth = await signIn(server.url, QUALITY_LOGINS.inspector, QUALITY_PASSWORD);
    const run = randomUUID().slice(0, 8);
    const keyOf = (i: number) => `qbench-${run}-${i}`;
    const pathOf = (i: number) => `/api/v1/quality/inspections/${opened[i]!.id}/actions/${step.key}`;
    let seq = 0;
    let acknowledged = 0;
    log(`inspections: ${count} submissions of 30 items over HTTP at concurrency ${CONCURRENCY}`);
    const http = await autocannon({
      url: server.url,
      connections: CONCURRENCY,
      amount: count,
      timeout: 120,
      requests: [
        {
          method: 'POST',
          path: pathOf(0),
          headers: { ...auth, 'content-type': 'application/json' },
          setupRequest: (req) => {
            const i = seq++ % count;
            return { ...req, path: pathOf(i), body: bodies[i], headers: { ...req.headers, 'idempotency-key': keyOf(i) } };
          },
          onResponse: (status) => void (status === 200 && acknowledged++),
        },
      ],
    });

    // A retry of an acknowledged submission (same key) replays the first answer and writes nothing.
    const ids = opened.map((o) => o.id);
    const tally = async () => {
      const [r] = await database.query<{ submitted: number; failures: number; rectifications: number; keys: number }>(
        `select (select count(*)::int from inspections where id = any($1::uuid[]) and submitted_at is not null) as submitted,
                (select coalesce(sum(failed_count), 0)::int from inspections where id = any($1::uuid[])) as failures,
                (select count(*)::int from rectifications where inspection_id = any($1::uuid[])) as rectifications,
                (select count(*)::int from idempotency_keys where key like $2 and status_code = 200) as keys`,
        [ids, `qbench-${run}-%`],
      );
      return r!;
    };
    const stored = await tally();
    const [expected] = await database.query<{ n: number }>(
      `select count(*)::int as n from inspections where id = any($1::uuid[]) and submitted_at is not null`,
      [ids.filter((_, i) => failing(i))],
    );
    let replayed = 0;
    for (let i = 0; i < Math.min(16, count); i++) {
      const res = await fetch(server.url + pathOf(i), { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': keyOf(i) }, body: bodies[i] });
      await res.arrayBuffer();
      if (res.status === 200 && res.headers.get('idempotent-replayed') === 'true') replayed++;
    }
    const peak = server.peakRssMb();
    await server.stop();
    const afterRetry = await tally();

    const statements = kind === 'postgres' ? await statementsPerSubmission(database, inspector, communities[0]!, places[0]!.guard_id, template, step.key, step.records ?? [], upload, uploads) : null;

    // Baseline: the same submitted rows straight through the driver, at the same concurrency.
    const latencies: number[] = [];
    const [gate] = await database.query<{ name: unknown }>(`select template_name as name from inspections where id = $1`, [opened[0]!.id]);
    const stamp = new Date().toISOString();
    t0 = performance.now();
    await pool(count, CONCURRENCY, async (i) => {
      const o = opened[i]!;
      const a = answers[i]!;
      const score = scoreInspection(template, answerMap(a), o.level);
      const failed = score.categories.flatMap((c) => c.failedItems.map((item) => ({ categoryKey: c.key, itemKey: item })));
      const s = performance.now();
      const [row] = await database.query<{ id: string }>(
        `insert into inspections (organization_id, community_id, number, kind, place, template_version_id, template_key, template_name, level, standard_version_id, state, state_type, version, facts, starts_at, due_at,
           inspector_user_id, inspector_name, inspected_staff_id, answers, score, category_scores, failed_count, submitted_at)
         values ($1, $2, $3, 'spot', '东门岗', $4, 'window_gate', $5, $6, $7, 'submitted', 'closed', 1, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $9) returning id`,
        [organizationId, o.communityId, `BASE-${run}-${i}`, o.templateVersionId, JSON.stringify(gate!.name), o.level, o.standardVersionId, JSON.stringify({ due_at: stamp }), stamp, stamp,
          inspector.actor.userId, inspector.actor.displayName, places[o.communityIndex]!.guard_id, JSON.stringify(a), score.total, JSON.stringify(Object.fromEntries(score.categories.map((c) => [c.key, c.score]))), failed.length],
      );
      for (const f of failed) {
        await database.query(
          `insert into rectifications (organization_id, community_id, number, inspection_id, category_key, item_key, item_text, severity, place, responsible_staff_id, standard_version_id, state, state_type, facts, due_at)
           values ($1, $2, $3, $4, $5, $6, '{"zh-CN":"基准","en-US":"bench"}', 'minor', '东门岗', $7, $8, 'open', 'open', '{}', $9)`,
          [organizationId, o.communityId, `BASE-${run}-${i}-${f.itemKey}`, row!.id, f.categoryKey, f.itemKey, places[o.communityIndex]!.guard_id, o.standardVersionId, stamp],
        );
      }
      latencies.push(performance.now() - s);
    });
    const seconds = (performance.now() - t0) / 1000;
    await database.query(`delete from rectifications where number like $1`, [`BASE-${run}-%`]);
    await database.query(`delete from inspections where number like $1`, [`BASE-${run}-%`]);
    await database.close();

    const baseRps = count / seconds;
    const httpRps = http.requests.total / (http.duration || 1);
    report(`inspections-${kind}-s${String(scale).replace('.', '_')}`, [
      { path: 'HTTP submit, 30 answers', requests: http.requests.total, '2xx': acknowledged, errors: http.errors + http.non2xx, 'client timeouts': http.timeouts, stored: stored.submitted, 'per s': round(httpRps), 'p50 ms': http.latency.p50, 'p99 ms': http.latency.p99, 'peak RSS MB': peak },
      { path: 'baseline: driver insert of the same rows', requests: count, '2xx': count, errors: 0, stored: count, 'per s': round(baseRps), 'p50 ms': round(percentile(latencies, 50)), 'p99 ms': round(percentile(latencies, 99)), 'peak RSS MB': null },
      { path: 'ratio HTTP / baseline', 'per s': round(httpRps / baseRps, 3), 'p50 ms': round(http.latency.p50 / percentile(latencies, 50), 1), 'p99 ms': round(http.latency.p99 / percentile(latencies, 99), 1) },
    ], { concurrency: CONCURRENCY, count, db: kind, statementsPerSubmission: statements, stored, failingSubmitted: expected!.n, replayed, afterRetry });
    // Exactly once: every acknowledged submission stored once with its key, one rectification per failure; retries replay.
    const problems: string[] = [];
    if (stored.submitted < acknowledged || stored.submitted !== stored.keys) problems.push(`${acknowledged} acknowledged, ${stored.submitted} stored, ${stored.keys} keys`);
    if (stored.failures !== expected!.n || stored.rectifications !== stored.failures) problems.push(`${expected!.n} failing submitted, ${stored.failures} failures scored, ${stored.rectifications} rectifications`);
    if (replayed !== Math.min(16, count) || JSON.stringify(afterRetry) !== JSON.stringify(stored)) problems.push(`retries: ${replayed} replayed, counts ${JSON.stringify(stored)} → ${JSON.stringify(afterRetry)}`);
    if (problems.length) throw new Error(`inspections: ${problems.join('; ')}`);
  },
};

/**
 * Statements (round trips, BEGIN and COMMIT included) one submission takes in the product's own
 * command, counted at the driver: an all-passed one and one with a failed item (its rectification).
 */
async function statementsPerSubmission(
  database: Database,
  inspector: Awaited<ReturnType<typeof userContext>>,
  community: NonNullable<Awaited<ReturnType<typeof communityById>>>,
  guardId: string,
  template: Awaited<ReturnType<typeof pinnedTemplate>>,
  stepKey: string,
  records: { name: string; type: string }[],
  upload: (kind: 'photo' | 'signature') => string,
  uploads: Record<string, unknown>[],
): Promise<{ passed: number; failed: number }> {
  const counted = async (fail: boolean) => {
    const now = new Date();
    const row = (await inTransaction(database.db, (tx) => openInspection(tx, { community, templateKey: 'window_gate', kind: 'spot', place: '东门岗', planId: null, startsAt: now, windowMinutes: 60, roles: ['quality_inspector'], ctx: inspector, now })))!;
    const target = template.categories.flatMap((c) => c.items.filter((i) => i.answer === 'pass_fail').map((i) => [c.key, i] as const))[0]!;
    uploads.length = 0;
    const answers = answersFor(template, row.level, (c, item) => fail && c === target[0] && item.key === target[1].key, new Prng(1));
    if (fail && target[1].photoOnFail) answers[target[0]]![target[1].key]!.photoIds = [upload('photo')];
    const body: Record<string, unknown> = { answers };
    for (const r of records) {
      if (r.type === 'staff') body[r.name] = guardId;
      if (r.type === 'signature') body[r.name] = upload('signature');
    }
    await bulkInsert(database, 'attachments', uploads);
    const query = pg.Client.prototype.query;
    let n = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      n++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      await takeInspectionStep(database.db, inspector, row.id, stepKey, body, { idempotencyKey: randomUUID() });
    } finally {
      pg.Client.prototype.query = query;
    }
    return n;
  };
  return { passed: await counted(false), failed: await counted(true) };
}

/**
 * The monthly score report over the dataset's year (`GET /api/v1/quality/report`: the trend, the
 * categories × communities heat map, the worst items, per post and staff member) and its
 * drill-down, as the company admin; p50/p95 of `BENCH_QUALITY_RUNS` (20) sequential requests.
 * Baseline: `GET /api/v1/quality/inspections/{id}` (a primary-key fetch with its detail) in the
 * same server run. Checks that the report counts every submitted inspection of the year.
 */
export const qualityReport: Benchmark = {
  needsDataset: false,
  async run({ scale, kind, reload, log }) {
    const target = await qualityTarget(kind, scale, reload, log);
    const runs = Number(process.env.BENCH_QUALITY_RUNS ?? 20);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const from = addLocalDays(today, -HISTORY_DAYS);
    const to = addLocalDays(today, -1);
    const lastMonth = `${addLocalDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
    const lastMonthEnd = addLocalDays(`${today.slice(0, 7)}-01`, -1);
    const database = await target.open();
    const organizationId = await organizationOf(database);
    const [sample] = await database.query<{ id: string; community_id: string }>(
      `select id, community_id from inspections where organization_id = $1 and submitted_at is not null and starts_at < now() - interval '180 days' order by starts_at desc, number limit 1`,
      [organizationId],
    );
    const [worst] = await database.query<{ item: string }>(
      `select category_key || '.' || item_key as item from rectifications where organization_id = $1 group by 1 order by count(*) desc, 1 limit 1`,
      [organizationId],
    );
    const [year] = await database.query<{ submitted: number; missed: number; inspections: number }>(
      `select count(*) filter (where submitted_at is not null)::int as submitted, count(*) filter (where submitted_at is null and state_type = 'closed')::int as missed, count(*)::int as inspections
       from inspections where organization_id = $1 and starts_at >= $2 and starts_at < $3`,
      [organizationId, new Date(`${from}T00:00:00+08:00`), new Date(`${addLocalDays(to, 1)}T00:00:00+08:00`)],
    );
    await database.close();

    const server = await BenchServer.start(target.env);
    const auth = await signIn(server.url, QUALITY_LOGINS.admin, QUALITY_PASSWORD);
    const R = '/api/v1/quality/report';
    const check = (await (await fetch(`${server.url}${R}?from=${from}&to=${to}&period=month`, { headers: auth })).json()) as { total: { submitted: number; missed: number }; trend: unknown[]; matrix: unknown[]; worstItems: unknown[] };
    if (check.total.submitted !== year!.submitted || check.total.missed !== year!.missed || !check.matrix.length || !check.worstItems.length) {
      await server.stop();
      throw new Error(`quality report: counts ${JSON.stringify(check.total)} against ${JSON.stringify(year)} in the database`);
    }
    log(`quality report over ${year!.inspections} inspections (${from} … ${to}), ${runs} runs each`);
    const base = await timeGets(server.url, `/api/v1/quality/inspections/${sample!.id}`, auth, runs);
    const baseP50 = percentile(base, 50);
    const rows: Record<string, unknown>[] = [{ query: 'baseline: GET /quality/inspections/{id}', 'p50 ms': round(baseP50), 'p95 ms': round(percentile(base, 95)), 'p50 ratio': 1 }];
    const paths: Record<string, string> = {
      'report: a year by month, all communities': `${R}?from=${from}&to=${to}&period=month`,
      'report: a year by month, one community': `${R}?from=${from}&to=${to}&period=month&communityId=${sample!.community_id}`,
      'report: a year by week, all communities': `${R}?from=${from}&to=${to}&period=week`,
      'report: last month, all communities': `${R}?from=${lastMonth}&to=${lastMonthEnd}&period=month`,
      'drill: the worst item over the year': `${R}/inspections?from=${from}&to=${to}&failedItem=${worst!.item}`,
      'drill: last month (a trend point)': `${R}/inspections?from=${from}&to=${to}&period=${lastMonth}&periodType=month`,
    };
    for (const [label, path] of Object.entries(paths)) {
      const t = await timeGets(server.url, path, auth, runs);
      rows.push({ query: label, 'p50 ms': round(percentile(t, 50)), 'p95 ms': round(percentile(t, 95)), 'p50 ratio': round(percentile(t, 50) / baseP50, 1) });
    }
    const peak = server.peakRssMb();
    await server.stop();
    rows.forEach((r) => (r['peak RSS MB'] = peak));
    report(`quality-report-${kind}-s${String(scale).replace('.', '_')}`, rows, { scale, db: kind, runs, inspections: year, from, to });
  },
};
