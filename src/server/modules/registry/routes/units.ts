import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { unitInputSchema, unitUpdateSchema } from '../../../../common/registry';
import { contextOf, requireActor } from '../../../auth/plugin';
import type { Actor } from '../../../db/scope';
import { notFound } from '../../../errors';
import { archiveRecord } from '../commands/archive-record';
import { createUnit, updateUnit } from '../commands/save-unit';
import { exportUnits } from '../import/export-sheets';
import { unitPolicy, unitsPolicy } from '../policy';
import { presentUnit, presentUnitDetail } from '../presenter';
import { findBuilding } from '../repository/buildings';
import { pageWindow } from '../repository/query-helpers';
import { currentResidentsOf, findUnit, listUnits } from '../repository/units';
import { idParamsSchema, unitDetailSchema, unitPageSchema, unitQuerySchema } from '../schemas';
import { authorize, datedName, ERRORS, EXPORT_DESCRIPTION, sendXlsx } from './shared';
import { inTransaction } from '../../../db/transaction';

const tags = ['registry: units'];

/** Units (房屋): list with desk search, export, detail with residents, create, update, archive. */
export async function unitRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  const load = async (actor: Actor, id: string) => {
    const row = await findUnit(db, actor, id);
    if (!row) throw notFound('entity.unit');
    return row;
  };
  const detail = async (actor: Actor, id: string) => {
    const row = await load(actor, id);
    return presentUnitDetail(actor, row, await currentResidentsOf(db, actor, row.unit.id));
  };

  r.get(
    '/api/v1/units',
    {
      schema: {
        tags,
        summary: 'List and search units',
        description:
          'Filter by community, building, floor, status and use. `q` finds units by number prefix (`12`, `1202`), ' +
          'building and number (`3栋1202`, `3-1202`), or a current resident’s phone (full, prefix or last 4) or name prefix. ' +
          'Residents see their own units only.',
        querystring: unitQuerySchema,
        response: { 200: unitPageSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      unitsPolicy.assert(actor, 'list', undefined);
      const { page, pageSize, ...q } = request.query;
      const { rows, total } = await listUnits(db, actor, q, pageWindow({ page, pageSize }));
      const items = rows.map((row) => presentUnit(actor, row));
      return { items, total, page, pageSize, allowedActions: unitsPolicy.allowedActions(actor, undefined) };
    },
  );

  r.get(
    '/api/v1/units/export',
    {
      schema: {
        tags,
        summary: 'Export units as xlsx',
        description: EXPORT_DESCRIPTION,
        querystring: unitQuerySchema.omit({ page: true, pageSize: true }),
        response: ERRORS,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      unitsPolicy.assert(actor, 'export', undefined);
      return sendXlsx(reply, await exportUnits(db, actor, request.query), datedName('units'));
    },
  );

  r.post(
    '/api/v1/units',
    {
      schema: {
        tags,
        summary: 'Create a unit',
        description: 'The number is unique in its building; the floor lies within the building (basements: parking and storage only).',
        body: unitInputSchema,
        response: { 201: unitDetailSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      unitsPolicy.assert(ctx.actor, 'create', undefined);
      const row = await inTransaction(db, (tx) => createUnit(tx, ctx, request.body));
      return reply.status(201).send(await detail(ctx.actor, row.id));
    },
  );

  r.get(
    '/api/v1/units/:id',
    {
      schema: {
        tags,
        summary: 'Get a unit',
        description: 'With building and community names and the current residents (phones masked).',
        params: idParamsSchema,
        response: { 200: unitDetailSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await load(actor, request.params.id);
      authorize(unitPolicy, actor, 'read', row.unit, 'entity.unit');
      return presentUnitDetail(actor, row, await currentResidentsOf(db, actor, row.unit.id));
    },
  );

  r.patch(
    '/api/v1/units/:id',
    {
      schema: { tags, summary: 'Update a unit', params: idParamsSchema, body: unitUpdateSchema, response: { 200: unitDetailSchema, ...ERRORS } },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await load(ctx.actor, request.params.id);
      authorize(unitPolicy, ctx.actor, 'update', row.unit, 'entity.unit');
      const building = await findBuilding(db, ctx.actor, row.unit.buildingId);
      if (!building) throw notFound('entity.building');
      await inTransaction(db, (tx) => updateUnit(tx, ctx, row.unit, building.building, request.body));
      return detail(ctx.actor, row.unit.id);
    },
  );

  r.post(
    '/api/v1/units/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a unit',
        description: 'The unit stays readable with archivedAt set; its number becomes free again in the building.',
        params: idParamsSchema,
        response: { 200: unitDetailSchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await load(ctx.actor, request.params.id);
      authorize(unitPolicy, ctx.actor, 'archive', row.unit, 'entity.unit');
      await inTransaction(db, (tx) => archiveRecord(tx, ctx, 'unit', row.unit));
      return detail(ctx.actor, row.unit.id);
    },
  );
}
