import { and, asc, count, desc, eq, gte, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkInInputSchema,
  planInputSchema,
  planSchema,
  reportSchema,
  roundListQuerySchema,
  roundSchema,
  routeInputSchema,
  routeSchema,
  startRoundSchema,
} from '../../../common/patrol';
import { contextOf, requireActor } from '../../auth/plugin';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { fieldError, notFound } from '../../errors';
import { pinnedStandard } from '../standards';
import { ERRORS, idParams } from '../../http/route-kit';
import { writeWorkbook } from '../../files/workbook';
import { assertExportSize, localDateTime, sendXlsx } from '../../http/xlsx';
import { PATROL_EXPORT_MAX } from '../../../common/patrol';
import { genericActionBodySchema } from '../../../common/work/records';
import { etagOf, expectedVersionOf, stepHeadersSchema } from '../../work/step-headers';
import { checkIn, startExtraRound } from './commands/check-in';
import { takeRoundStep } from './commands/take-round-step';
import { createPlan, createRoute, setPlanActive, type PlanRow } from './commands/configure';
import { patrolPolicy } from './policy';
import { presentRound } from './presenter';
import { roundDetail } from './round-detail';
import { checkpointsOf, findCommunity, findRound, visitsOf, type RouteRow } from './repository';
import { addDays, localDateOf, localInstant } from './schedule';
import { patrolPlans, patrolRounds, patrolRoutes } from './tables';
import { readDb } from '../../db/read-routing';

const tags = ['patrol'];
const communityQuery = z.object({ communityId: z.uuid().optional().meta({ description: 'One community; default all the caller serves' }) });
const MAX_REPORT_DAYS = 31;

const scopeOf = (actor: Actor, t: typeof patrolRoutes | typeof patrolPlans | typeof patrolRounds, communityId?: string): SQL =>
  and(tenantScope(actor, { organizationId: t.organizationId, communityId: t.communityId }), communityId ? eq(t.communityId, communityId) : undefined)!;

/** Only staff see patrol records; residents get nothing. */
const isStaff = (actor: Actor) => actor.staffId !== null || actor.roles.includes('company_admin') || actor.roles.includes('platform_admin');

async function presentRoutes(db: DbOrTx, rows: RouteRow[]) {
  const out = [];
  for (const r of rows) {
    const cps = await checkpointsOf(db, r.id);
    out.push({ id: r.id, communityId: r.communityId, name: r.name, description: r.description, checkpoints: cps.map((c) => ({ id: c.id, seq: c.seq, name: c.name, tagId: c.tagId, location: c.location, offsetMinutes: c.offsetMinutes, toleranceMinutes: c.toleranceMinutes })) });
  }
  return out;
}

const actionParams = z.object({
  id: z.uuid(),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,63}$/)
    .meta({ description: "A step of the round's pinned standard, as listed in `actions` of the round" }),
});

const presentPlan = (p: PlanRow) => ({ id: p.id, communityId: p.communityId, routeId: p.routeId, name: p.name, startTime: p.startTime, endTime: p.endTime, everyMinutes: p.everyMinutes, peakWindows: p.peakWindows, active: p.active });

/** A community the caller reads patrol records of (404 otherwise). */
async function readableCommunity(db: DbOrTx, actor: Actor, id: string) {
  const community = await findCommunity(db, actor, id);
  if (!community || !patrolPolicy.can(actor, 'read', { organizationId: community.organizationId, communityId: community.id })) throw notFound('entity.community');
  return community;
}

/** Rounds the report shows at most; the export takes its own cap. */
const REPORT_MAX_ROUNDS = 2000;
const STATUS = ['on_time', 'early', 'late', 'missed', 'pending'] as const;
// The console's words for a check-in's result (src/web/pages/patrol/security-messages.ts).
const STATUS_ZH = { on_time: '准时', early: '提前', late: '迟到', missed: '漏检', pending: '待签到' } as const;

/** Rounds of a community starting between two local dates (whole days). */
function roundsBetween(actor: Actor, community: { id: string; timeZone: string }, from: string, to: string): SQL {
  return and(scopeOf(actor, patrolRounds, community.id), gte(patrolRounds.startsAt, localInstant(community.timeZone, from, 0)), lt(patrolRounds.startsAt, localInstant(community.timeZone, addDays(to, 1), 0)))!;
}

async function countRounds(db: DbOrTx, actor: Actor, community: { id: string; timeZone: string }, from: string, to: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(patrolRounds).where(roundsBetween(actor, community, from, to));
  return row?.n ?? 0;
}

/**
 * The patrol report of a community between two local dates: its rounds with their results and
 * the counts per checkpoint. The screen shows the latest rounds up to its limit; an export of more
 * than `exportCap` rounds is refused with the count (narrow the dates).
 */
async function patrolReport(db: DbOrTx, actor: Actor, query: { communityId: string; from?: string; to?: string }, exportCap?: number) {
    const community = await readableCommunity(db, actor, query.communityId);
    const today = localDateOf(community.timeZone, new Date());
    const from = query.from ?? today;
    const to = query.to ?? from;
    if (to < from) throw fieldError({ to: { key: 'field.endBeforeStart' } });
    if (Date.parse(to) - Date.parse(from) > (MAX_REPORT_DAYS - 1) * 86_400_000) throw fieldError({ to: { key: 'field.range', params: { min: from, max: addDays(from, MAX_REPORT_DAYS - 1) } } });
    const rows = await db
      .select()
      .from(patrolRounds)
      .where(roundsBetween(actor, community, from, to))
      .orderBy(desc(patrolRounds.startsAt))
      .limit((exportCap ?? REPORT_MAX_ROUNDS) + (exportCap ? 1 : 0));
    if (exportCap && rows.length > exportCap) assertExportSize(await countRounds(db, actor, community, from, to), exportCap);
    const visits = await visitsOf(db, rows.map((r) => r.id));
    const byRound = new Map<string, typeof visits>();
    for (const v of visits) byRound.set(v.roundId, [...(byRound.get(v.roundId) ?? []), v]);
    const rounds = [];
    for (const row of rows) {
      const { visits: _v, allowedActions: _a, actions: _s, ...summary } = presentRound(actor, row, byRound.get(row.id) ?? [], (await pinnedStandard(db, row.standardVersionId)).definition);
      rounds.push(summary);
    }
    const routeOf = new Map(rows.map((r) => [r.id, r.routeName]));
    const points = new Map<string, { name: string; routeName: string; on_time: number; early: number; late: number; missed: number; pending: number }>();
    for (const v of visits) {
      const routeName = routeOf.get(v.roundId) ?? '';
      const key = `${routeName}\u0000${v.seq}\u0000${v.name}`;
      const p = points.get(key) ?? { name: v.name, routeName, on_time: 0, early: 0, late: 0, missed: 0, pending: 0 };
      p[v.status]++;
      points.set(key, p);
    }
    return { from, to, rounds, checkpoints: [...points.entries()].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })).map(([, p]) => p) };
}

/** Patrol: routes and plans, generated rounds, check-ins, the guard's round and the report. */
export async function patrolModuleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/patrol/routes', {
    schema: { tags, summary: 'Patrol routes with their checkpoints', querystring: communityQuery, response: { 200: z.object({ items: z.array(routeSchema) }), ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    if (!isStaff(actor)) return { items: [] };
    const rows = await db.select().from(patrolRoutes).where(and(scopeOf(actor, patrolRoutes, request.query.communityId), sql`${patrolRoutes.archivedAt} is null`)).orderBy(asc(patrolRoutes.name));
    return { items: await presentRoutes(db, rows) };
  });

  r.post('/api/v1/patrol/routes', {
    schema: { tags, summary: 'Create a patrol route', description: 'Checkpoints in walking order, each with its QR/NFC tag id (unique in the company), expected minutes after the round starts and tolerance. Project manager or company admin.', body: routeInputSchema, response: { 201: routeSchema, ...ERRORS } },
  }, async (request, reply) => {
    const route = await createRoute(db, contextOf(request), request.body);
    return reply.status(201).send((await presentRoutes(db, [route]))[0]!);
  });

  r.get('/api/v1/patrol/plans', {
    schema: { tags, summary: 'Patrol plans', querystring: communityQuery, response: { 200: z.object({ items: z.array(planSchema) }), ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    if (!isStaff(actor)) return { items: [] };
    const rows = await db.select().from(patrolPlans).where(scopeOf(actor, patrolPlans, request.query.communityId)).orderBy(asc(patrolPlans.name));
    return { items: rows.map(presentPlan) };
  });

  r.post('/api/v1/patrol/plans', {
    schema: { tags, summary: 'Create a patrol plan', description: 'A round every `everyMinutes` from `startTime` through `endTime` (local), denser in the peak windows. Today’s and tomorrow’s rounds are made at once; a periodic job keeps making them.', body: planInputSchema, response: { 201: planSchema, ...ERRORS } },
  }, async (request, reply) => {
    const plan = await createPlan(db, contextOf(request), request.body);
    return reply.status(201).send(presentPlan(plan));
  });

  r.patch('/api/v1/patrol/plans/:id', {
    schema: { tags, summary: 'Pause or resume a plan', params: idParams, body: z.object({ active: z.boolean() }), response: { 200: planSchema, ...ERRORS } },
  }, async (request) => presentPlan(await setPlanActive(db, contextOf(request), request.params.id, request.body.active)));

  r.get('/api/v1/patrol/rounds', {
    schema: { tags, summary: 'Rounds of one day', description: 'Rounds of a community starting on a local date (default today), in order of start.', querystring: roundListQuerySchema.extend({ communityId: z.uuid() }), response: { 200: z.object({ items: z.array(roundSchema), total: z.number(), page: z.number(), pageSize: z.number() }), ...ERRORS } },
  }, async (request) => {
    const db = readDb(app, request); // may read a replica (db/read-routing.ts)
    const actor = requireActor(request);
    const q = request.query;
    const community = await readableCommunity(db, actor, q.communityId);
    const date = q.date ?? localDateOf(community.timeZone, new Date());
    const where = and(scopeOf(actor, patrolRounds, community.id), gte(patrolRounds.startsAt, localInstant(community.timeZone, date, 0)), lt(patrolRounds.startsAt, localInstant(community.timeZone, addDays(date, 1), 0)));
    const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(patrolRounds).where(where);
    const rows = await db.select().from(patrolRounds).where(where).orderBy(asc(patrolRounds.startsAt), asc(patrolRounds.routeName)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    const items = [];
    for (const row of rows) items.push(await roundDetail(db, actor, row));
    return { items, total, page: q.page, pageSize: q.pageSize };
  });

  r.post('/api/v1/patrol/rounds', {
    schema: { tags, summary: 'Start an extra round', description: 'A guard walks a route outside the plan (e.g. after an alarm); the round starts now.', body: startRoundSchema, response: { 201: roundSchema, ...ERRORS } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const round = await startExtraRound(db, ctx, request.body.routeId);
    return reply.status(201).send(await roundDetail(db, ctx.actor, round));
  });

  r.get('/api/v1/patrol/my-round', {
    schema: {
      tags,
      summary: 'The guard’s current round',
      description: 'The round the guard is walking; else the earliest open round that has started and nobody walks; else the next one to start (within 24 h).',
      querystring: communityQuery,
      response: { 200: z.object({ round: roundSchema.nullable() }), ...ERRORS },
    },
  }, async (request) => {
    const actor = requireActor(request);
    if (!actor.roles.includes('guard')) return { round: null };
    const now = new Date();
    const open = and(scopeOf(actor, patrolRounds, request.query.communityId), notInArray(patrolRounds.stateType, ['closed', 'cancelled']));
    const [mine] = await db.select().from(patrolRounds).where(and(open, eq(patrolRounds.guardUserId, actor.userId))).orderBy(asc(patrolRounds.startsAt)).limit(1);
    const [free] = mine
      ? [mine]
      : await db
          .select()
          .from(patrolRounds)
          .where(and(open, sql`${patrolRounds.guardUserId} is null`, gte(patrolRounds.dueAt, now), lt(patrolRounds.startsAt, new Date(now.getTime() + 86_400_000))))
          .orderBy(asc(patrolRounds.startsAt))
          .limit(1);
    return { round: free && patrolPolicy.can(actor, 'read', free) ? await roundDetail(db, actor, free) : null };
  });

  r.get('/api/v1/patrol/rounds/:id', {
    schema: { tags, summary: 'A round with its checkpoints and results', params: idParams, response: { 200: roundSchema, ...ERRORS } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const round = await findRound(db, actor, request.params.id);
    if (!round || !patrolPolicy.can(actor, 'read', round)) throw notFound('entity.patrolRound');
    reply.header('etag', etagOf(round.version));
    return roundDetail(db, actor, round);
  });

  r.post('/api/v1/patrol/rounds/:id/check-ins', {
    schema: {
      tags,
      summary: 'Check in at a checkpoint',
      description:
        'The guard sends the tag id read at the checkpoint (QR, NFC or typed). Accepted from the round’s start until twice the tolerance after the expected time; ' +
        'early / on time / late by the tolerance. The first check-in starts the round, the last finishes it. `hazard` opens a repair (channel patrol) or logs an incident in the same step.',
      params: idParams,
      body: checkInInputSchema,
      response: { 200: roundSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const round = await checkIn(db, ctx, request.params.id, request.body);
    reply.header('etag', etagOf(round.version));
    return roundDetail(db, ctx.actor, round);
  });

  r.post('/api/v1/patrol/rounds/:id/actions/:action', {
    schema: {
      tags,
      summary: 'Take a step of the round’s standard',
      description:
        'The body holds the values of the step’s records keyed by record name, as described in `actions` of the round (e.g. `finish` ' +
        'with a `reason` ends a round early: what is pending is missed and reported to the project manager). Send an ' +
        '`Idempotency-Key` header to make retries safe, and the round’s `version` as `If-Match` (`"7"`): a step on a round that ' +
        'moved on since is refused with 409 STALE. 409 INVALID_TRANSITION when the pinned standard has no such step from the ' +
        'round’s state, 403 when the caller may not take it, 400 per record.',
      params: actionParams,
      headers: stepHeadersSchema,
      body: genericActionBodySchema,
      response: { 200: roundSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const result = await takeRoundStep(db, ctx, request.params.id, request.params.action, request.body, {
      idempotencyKey: request.headers['idempotency-key'],
      expectedVersion: expectedVersionOf(request.headers['if-match']),
    });
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    reply.header('etag', etagOf(result.body.version));
    return result.body;
  });

  const reportQuery = z.object({ communityId: z.uuid(), from: z.iso.date().optional(), to: z.iso.date().optional() });
  r.get('/api/v1/patrol/report', {
    schema: {
      tags,
      summary: 'Patrol report',
      description: `Rounds of a community between two local dates (at most ${MAX_REPORT_DAYS} days) with their results, and on-time / early / late / missed counts per checkpoint.`,
      querystring: reportQuery,
      response: { 200: reportSchema, ...ERRORS },
    },
  }, async (request) => patrolReport(readDb(app, request), requireActor(request), request.query));

  r.get('/api/v1/patrol/report/export', {
    schema: {
      tags,
      summary: 'Export the patrol report to Excel',
      description:
        `The report of the same community and dates as GET /api/v1/patrol/report, as xlsx with the columns of the screen: one sheet of rounds, ` +
        `one per checkpoint. At most ${PATROL_EXPORT_MAX} rounds: past that, 400 EXPORT_TOO_LARGE with the count.`,
      querystring: reportQuery,
      response: ERRORS,
    },
  }, async (request, reply) => {
    const db = readDb(app, request); // may read a replica (db/read-routing.ts)
    const actor = requireActor(request);
    const report = await patrolReport(db, actor, request.query, PATROL_EXPORT_MAX);
    const community = await readableCommunity(db, actor, request.query.communityId);
    const tz = community.timeZone;
    const counts = (c: Record<(typeof STATUS)[number], number>) => STATUS.filter((k) => c[k] > 0).map((k) => `${STATUS_ZH[k]} ${c[k]}`).join('、');
    const data = await writeWorkbook([
      {
        name: '巡更任务',
        headers: ['开始时间', '路线', '状态', '巡更人', '结果'],
        rows: report.rounds.map((round) => [localDateTime(round.startsAt, tz), round.routeName, round.stateName['zh-CN'], round.guardName, counts(round.counts)]),
        widths: [18, 20, 12, 12, 40],
      },
      {
        name: '各巡更点统计',
        headers: ['巡更点', '路线', '准时', '提前', '迟到', '漏检', '待签到', '漏检率'],
        rows: report.checkpoints.map((p) => {
          const done = p.on_time + p.early + p.late + p.missed;
          return [p.name, p.routeName, p.on_time, p.early, p.late, p.missed, p.pending, done ? `${Math.round((p.missed / done) * 100)}%` : null];
        }),
        widths: [20, 20, 8, 8, 8, 8, 8, 8],
      },
    ]);
    return sendXlsx(reply, data, `patrol-report-${report.from}-${report.to}.xlsx`);
  });

}
