import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { buildingInputSchema, buildingUpdateSchema, UNIT_STATUS_VALUES } from '../../../../common/registry';
import { contextOf, requireActor } from '../../../auth/plugin';
import type { Actor } from '../../../db/scope';
import { notFound } from '../../../errors';
import { archiveRecord } from '../commands/archive-record';
import { createBuilding } from '../commands/create-building';
import { updateBuilding } from '../commands/update-building';
import { exportBuildings } from '../import/export-sheets';
import { buildingPolicy, buildingsPolicy } from '../policy';
import { presentBuilding } from '../presenter';
import { buildingGridUnits, findBuilding, listBuildings } from '../repository/buildings';
import { pageWindow } from '../repository/query-helpers';
import { buildingGridSchema, buildingPageSchema, buildingQuerySchema, buildingSchema, idParamsSchema } from '../schemas';
import { authorize, datedName, ERRORS, EXPORT_DESCRIPTION, sendXlsx } from './shared';
import { inTransaction } from '../../../db/transaction';

const tags = ['registry: buildings'];

/** Buildings (楼栋): list, export, detail, floor × unit grid, create, update, archive. */
export async function buildingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  const load = async (actor: Actor, id: string) => {
    const row = await findBuilding(db, actor, id);
    if (!row) throw notFound('entity.building');
    return row;
  };

  r.get(
    '/api/v1/buildings',
    {
      schema: { tags, summary: 'List buildings', querystring: buildingQuerySchema, response: { 200: buildingPageSchema, ...ERRORS } },
    },
    async (request) => {
      const actor = requireActor(request);
      buildingsPolicy.assert(actor, 'list', undefined);
      const { page, pageSize, ...q } = request.query;
      const { rows, total } = await listBuildings(db, actor, q, pageWindow({ page, pageSize }));
      const items = rows.map((row) => presentBuilding(actor, row));
      return { items, total, page, pageSize, allowedActions: buildingsPolicy.allowedActions(actor, undefined) };
    },
  );

  r.get(
    '/api/v1/buildings/export',
    {
      schema: {
        tags,
        summary: 'Export buildings as xlsx',
        description: EXPORT_DESCRIPTION,
        querystring: buildingQuerySchema.omit({ page: true, pageSize: true }),
        response: ERRORS,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      buildingsPolicy.assert(actor, 'export', undefined);
      return sendXlsx(reply, await exportBuildings(db, actor, request.query), datedName('buildings'));
    },
  );

  r.post(
    '/api/v1/buildings',
    {
      schema: {
        tags,
        summary: 'Create a building',
        description: 'Units are added separately, one by one or by import.',
        body: buildingInputSchema,
        response: { 201: buildingSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      buildingsPolicy.assert(ctx.actor, 'create', undefined);
      const row = await inTransaction(db, (tx) => createBuilding(tx, ctx, request.body));
      return reply.status(201).send(presentBuilding(ctx.actor, await load(ctx.actor, row.id)));
    },
  );

  r.get(
    '/api/v1/buildings/:id',
    { schema: { tags, summary: 'Get a building', params: idParamsSchema, response: { 200: buildingSchema, ...ERRORS } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await load(actor, request.params.id);
      authorize(buildingPolicy, actor, 'read', row.building, 'entity.building');
      return presentBuilding(actor, row);
    },
  );

  r.get(
    '/api/v1/buildings/:id/grid',
    {
      schema: {
        tags,
        summary: 'Floor × unit grid of a building',
        description: 'Every active unit by floor (highest first) with status, use, area and current resident count.',
        params: idParamsSchema,
        response: { 200: buildingGridSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { building: b, communityName } = await load(actor, request.params.id);
      authorize(buildingPolicy, actor, 'read', b, 'entity.building');
      const list = await buildingGridUnits(db, actor, b.id);
      const floors = new Map<number, typeof list>();
      for (const u of list) floors.set(u.floor, [...(floors.get(u.floor) ?? []), u]);
      const counts = Object.fromEntries(UNIT_STATUS_VALUES.map((s) => [s, list.filter((u) => u.status === s).length])) as Record<
        (typeof UNIT_STATUS_VALUES)[number],
        number
      >;
      return {
        building: { id: b.id, name: b.name, floors: b.floors, unitsPerFloor: b.unitsPerFloor, community: { id: b.communityId, name: communityName } },
        floors: [...floors.entries()].map(([floor, units]) => ({
          floor,
          units: units.map((u) => ({
            id: u.id,
            number: u.number,
            status: u.status,
            use: u.use,
            areaM2: u.areaM2 === null ? null : Number(u.areaM2),
            residentCount: u.residentCount,
          })),
        })),
        counts,
      };
    },
  );

  r.patch(
    '/api/v1/buildings/:id',
    {
      schema: { tags, summary: 'Update a building', params: idParamsSchema, body: buildingUpdateSchema, response: { 200: buildingSchema, ...ERRORS } },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await load(ctx.actor, request.params.id);
      authorize(buildingPolicy, ctx.actor, 'update', row.building, 'entity.building');
      await inTransaction(db, (tx) => updateBuilding(tx, ctx, row.building, request.body));
      return presentBuilding(ctx.actor, await load(ctx.actor, row.building.id));
    },
  );

  r.post(
    '/api/v1/buildings/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a building',
        description: 'The building stays readable with archivedAt set; its name becomes free again.',
        params: idParamsSchema,
        response: { 200: buildingSchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await load(ctx.actor, request.params.id);
      authorize(buildingPolicy, ctx.actor, 'archive', row.building, 'entity.building');
      await inTransaction(db, (tx) => archiveRecord(tx, ctx, 'building', row.building));
      return presentBuilding(ctx.actor, await load(ctx.actor, row.building.id));
    },
  );
}
