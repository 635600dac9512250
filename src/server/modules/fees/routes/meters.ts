import { and, asc, count, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../../../common/api';
import { meterInputSchema, meterReplaceInputSchema, meterRulesSchema, meterSchema, READING_STATUSES, readingInputSchema, readingReviewInputSchema, readingSchema } from '../../../../common/fee-ops';
import { contextOf } from '../../../auth/plugin';
import type { DbOrTx } from '../../../db/client';
import { tenantScope, type Actor } from '../../../db/scope';
import { notFound } from '../../../errors';
import { writeWorkbook } from '../../../files/workbook';
import { ERRORS, idParams } from '../../../http/route-kit';
import { assertExportSize, datedName, sendXlsx } from '../../../http/xlsx';
import { visibleCommunity } from '../../registry';
import { createMeter, enterReading, replaceMeter, reviewReading, setMeterRules } from '../commands/readings';
import { chargeAmounts, liveReadings, meterContext, meterRulesOf, meterScope, presentMeter, presentReading, presentRules, visibleMeter, visibleReading, type ReadingRow } from '../meters';
import { meterPolicy } from '../ops-policy';
import { feeMeterReadings, feeMeters } from '../ops-tables';
import { readDb } from '../../../db/read-routing';

const tags = ['fee meters'];
const READINGS_EXPORT_MAX = 20_000;

/** A community the caller reads meters of; 404 like a random id otherwise. */
export async function meterCommunity(db: DbOrTx, actor: Actor, communityId: string) {
  const c = await visibleCommunity(db, actor, communityId, { active: false });
  if (!c || !meterPolicy.can(actor, 'read', { organizationId: c.organizationId, communityId: c.id })) throw notFound('entity.community');
  return c;
}

const readingQuerySchema = z.object({
  communityId: z.uuid(),
  status: z.enum(READING_STATUSES).optional(),
  itemId: z.uuid().optional(),
  meterId: z.uuid().optional(),
  from: z.iso.date().optional().meta({ description: 'Read on or after' }),
  to: z.iso.date().optional().meta({ description: 'Read on or before' }),
});

async function readingPage(db: DbOrTx, actor: Actor, q: z.output<typeof readingQuerySchema>, page: number, pageSize: number) {
  const where = and(
    eq(feeMeterReadings.communityId, q.communityId),
    tenantScope(actor, { organizationId: feeMeterReadings.organizationId, communityId: feeMeterReadings.communityId }),
    q.status ? eq(feeMeterReadings.status, q.status) : undefined,
    q.itemId ? eq(feeMeterReadings.itemId, q.itemId) : undefined,
    q.meterId ? eq(feeMeterReadings.meterId, q.meterId) : undefined,
    q.from ? gte(feeMeterReadings.readOn, q.from) : undefined,
    q.to ? lte(feeMeterReadings.readOn, q.to) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(feeMeterReadings).where(where);
  const rows = await db.select().from(feeMeterReadings).where(where).orderBy(desc(feeMeterReadings.readOn), desc(feeMeterReadings.seq)).limit(pageSize).offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}

async function presentReadings(db: DbOrTx, actor: Actor, communityId: string, rows: readonly ReadingRow[]) {
  const c = await meterContext(db, communityId);
  const meterIds = [...new Set(rows.map((r) => r.meterId))];
  const serials = new Map(meterIds.length ? (await db.select({ id: feeMeters.id, serialNo: feeMeters.serialNo }).from(feeMeters).where(inArray(feeMeters.id, meterIds))).map((m) => [m.id, m.serialNo]) : []);
  const charges = await chargeAmounts(db, rows);
  return rows.map((r) => presentReading(actor, r, serials.get(r.meterId) ?? '', c, charges));
}

/** Meters, readings (the walk and the review queue), replacement and the hold rules. */
export async function feeMeterRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/fee-meters', {
    schema: {
      tags,
      summary: 'Meters of a community, in walking order',
      description: 'By building, floor and unit number (the order a reader walks the building), each with the reading the next one is compared with and the latest reading. Filter by item, building, status or a unit/serial number search. Service desk, technician, project manager, company admin.',
      querystring: pageQuerySchema.extend({
        communityId: z.uuid(),
        itemId: z.uuid().optional(),
        buildingId: z.uuid().optional(),
        status: z.enum(['active', 'replaced']).optional(),
        q: z.string().trim().max(40).optional().meta({ description: 'Part of the unit label or the serial number' }),
      }),
      response: { 200: pageSchema(meterSchema), ...ERRORS },
    },
  }, async (request) => {
    const { actor } = contextOf(request);
    const q = request.query;
    await meterCommunity(db, actor, q.communityId);
    const c = await meterContext(db, q.communityId);
    const rows = await db
      .select()
      .from(feeMeters)
      .where(and(eq(feeMeters.communityId, q.communityId), meterScope(actor), q.itemId ? eq(feeMeters.itemId, q.itemId) : undefined, eq(feeMeters.status, q.status ?? 'active')))
      .orderBy(asc(feeMeters.createdAt));
    const needle = q.q?.toLowerCase();
    const filtered = rows
      .filter((m) => c.units.has(m.unitId))
      .filter((m) => !q.buildingId || c.units.get(m.unitId)!.buildingId === q.buildingId)
      .filter((m) => !needle || c.units.get(m.unitId)!.label.toLowerCase().includes(needle) || m.serialNo.toLowerCase().includes(needle))
      .sort((a, b) => c.units.get(a.unitId)!.order - c.units.get(b.unitId)!.order || (c.items.get(a.itemId)?.name ?? '').localeCompare(c.items.get(b.itemId)?.name ?? ''));
    const pageRows = filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    const items = [];
    for (const m of pageRows) items.push(presentMeter(actor, m, await liveReadings(db, m.id), c));
    return { items, total: filtered.length, page: q.page, pageSize: q.pageSize };
  });

  r.post('/api/v1/fee-meters', {
    schema: { tags, summary: 'Set up a meter', description: 'A meter of a metered item in a unit, with its serial number and start reading; one active meter per unit and item. Project manager or company admin.', body: meterInputSchema, response: { 201: meterSchema, ...ERRORS } },
  }, async (request, reply) => {
    const { actor } = contextOf(request);
    const meter = await createMeter(db, contextOf(request), request.body);
    return reply.status(201).send(presentMeter(actor, meter, [], await meterContext(db, meter.communityId)));
  });

  r.post('/api/v1/fee-meters/:id/replace', {
    schema: {
      tags,
      summary: 'Replace a meter',
      description: 'Takes the old meter’s end reading (billed, or held for review, like any reading), marks it replaced and sets up the new meter from its start reading. Project manager or company admin.',
      params: idParams,
      body: meterReplaceInputSchema,
      response: { 200: z.object({ old: meterSchema, replacement: meterSchema, endReading: readingSchema }), ...ERRORS },
    },
  }, async (request) => {
    const { actor } = contextOf(request);
    const { old, replacement, endReading } = await replaceMeter(db, contextOf(request), request.params.id, request.body);
    const c = await meterContext(db, old.communityId);
    return {
      old: presentMeter(actor, old, await liveReadings(db, old.id), c),
      replacement: presentMeter(actor, replacement, [], c),
      endReading: (await presentReadings(db, actor, old.communityId, [endReading]))[0]!,
    };
  });

  r.get('/api/v1/fee-meter-readings', {
    schema: {
      tags,
      summary: 'Readings of a community',
      description: 'Newest first; `status=held` is the review queue.',
      querystring: pageQuerySchema.extend(readingQuerySchema.shape),
      response: { 200: pageSchema(readingSchema), ...ERRORS },
    },
  }, async (request) => {
    const db = readDb(app, request); // may read a replica (db/read-routing.ts)
    const { actor } = contextOf(request);
    const q = request.query;
    await meterCommunity(db, actor, q.communityId);
    const { rows, total } = await readingPage(db, actor, q, q.page, q.pageSize);
    return { items: await presentReadings(db, actor, q.communityId, rows), total, page: q.page, pageSize: q.pageSize };
  });

  r.get('/api/v1/fee-meter-readings/export', {
    schema: { tags, summary: 'Readings as Excel', description: `The same filters as the list; at most ${READINGS_EXPORT_MAX} rows.`, querystring: readingQuerySchema, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  }, async (request, reply) => {
    const db = readDb(app, request); // may read a replica (db/read-routing.ts)
    const { actor } = contextOf(request);
    const q = request.query;
    await meterCommunity(db, actor, q.communityId);
    const { rows, total } = await readingPage(db, actor, q, 1, READINGS_EXPORT_MAX);
    assertExportSize(total, READINGS_EXPORT_MAX);
    const STATUS = { accepted: '已计费', held: '待审核', rejected: '已驳回' } as const;
    const HELD = { lower: '低于上次读数', spike: '用量异常偏高' } as const;
    const items = await presentReadings(db, actor, q.communityId, rows);
    const data = await writeWorkbook([
      {
        name: '抄表记录',
        headers: ['房屋', '收费项目', '表号', '抄表日期', '上次读数', '本次读数', '用量', '单位', '状态', '待审原因', '费用(元)', '审核意见'],
        rows: items.map((i) => [i.unitLabel, i.itemName, i.serialNo, i.readOn, i.previous, i.reading, i.usage, i.unitName, STATUS[i.status], i.heldFor ? HELD[i.heldFor] : null, i.chargeFen === null ? null : i.chargeFen / 100, i.reviewNote]),
        widths: [16, 10, 14, 12, 10, 10, 10, 6, 8, 14, 10, 30],
      },
    ]);
    return sendXlsx(reply, data, datedName('meter-readings'));
  });

  r.post('/api/v1/fee-meter-readings', {
    schema: {
      tags,
      summary: 'Enter a reading',
      description:
        'Compared with the meter’s last accepted reading: a value lower than it, or a usage above the community’s factor × the average of the last readings (default 3× over 3), is held for review (201 with `status: held`); otherwise the usage is charged on the unit’s ledger at once, priced by the item’s tiers on the reading’s date. ' +
        'The same value for the same meter and day again answers 200 with the reading already taken (nothing is charged twice). Service desk, technician, project manager, company admin.',
      body: readingInputSchema,
      response: { 200: readingSchema, 201: readingSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const { actor } = contextOf(request);
    const { reading, created } = await enterReading(db, contextOf(request), request.body);
    return reply.status(created ? 201 : 200).send((await presentReadings(db, actor, reading.communityId, [reading]))[0]!);
  });

  r.post('/api/v1/fee-meter-readings/:id/review', {
    schema: {
      tags,
      summary: 'Accept or reject a held reading',
      description: 'Accepting a held spike charges it now; rejecting (with a note) keeps it unbilled and lets the meter be read again. A reading lower than the last can only be rejected (record a meter replacement if the meter was changed). Project manager or company admin.',
      params: idParams,
      body: readingReviewInputSchema,
      response: { 200: readingSchema, ...ERRORS },
    },
  }, async (request) => {
    const { actor } = contextOf(request);
    const reading = await reviewReading(db, contextOf(request), request.params.id, request.body);
    return (await presentReadings(db, actor, reading.communityId, [reading]))[0]!;
  });

  r.get('/api/v1/fee-meter-readings/:id', {
    schema: { tags, summary: 'A reading', params: idParams, response: { 200: readingSchema, ...ERRORS } },
  }, async (request) => {
    const { actor } = contextOf(request);
    const reading = await visibleReading(db, actor, request.params.id);
    if (!reading) throw notFound('entity.meterReading');
    return (await presentReadings(db, actor, reading.communityId, [reading]))[0]!;
  });

  r.get('/api/v1/fee-meters/:id', {
    schema: { tags, summary: 'A meter', params: idParams, response: { 200: meterSchema, ...ERRORS } },
  }, async (request) => {
    const { actor } = contextOf(request);
    const meter = await visibleMeter(db, actor, request.params.id);
    if (!meter) throw notFound('entity.meter');
    return presentMeter(actor, meter, await liveReadings(db, meter.id), await meterContext(db, meter.communityId));
  });

  r.get('/api/v1/fee-meter-rules', {
    schema: { tags, summary: 'When readings are held', querystring: z.object({ communityId: z.uuid() }), response: { 200: meterRulesSchema, ...ERRORS } },
  }, async (request) => {
    const { actor } = contextOf(request);
    const c = await meterCommunity(db, actor, request.query.communityId);
    return presentRules(c.id, await meterRulesOf(db, c.id));
  });

  r.put('/api/v1/fee-meter-rules', {
    schema: { tags, summary: 'Set when readings are held', description: 'The spike factor and how many readings the average looks back over. Project manager or company admin.', body: meterRulesSchema, response: { 200: meterRulesSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    const c = await meterCommunity(db, ctx.actor, request.body.communityId);
    return presentRules(c.id, await setMeterRules(db, ctx, c.id, request.body, c.organizationId));
  });
}
