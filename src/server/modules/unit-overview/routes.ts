import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../common/api';
import { UNIT_OVERVIEW_LIMIT, unitOverviewSchema } from '../../../common/unit-overview';
import { contextOf } from '../../auth/plugin';
import { hasRole } from '../../auth/policy';
import { notFound } from '../../errors';
import { gateRecordsOfUnit } from '../gate';
import { unitDetailFor } from '../registry';
import { workOrdersOfUnit } from '../work-orders';

/** Who opens a unit's 360° page: the desk and those who run the community. */
const READERS = ['company_admin', 'project_manager', 'service_desk', 'dispatcher'] as const;

/** A unit's 360° page, composed from the registry, the work orders and the gate. */
export async function unitOverviewRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/units/:id/overview',
    {
      schema: {
        tags: ['registry: units'],
        summary: "A unit's 360° page",
        description:
          `The unit with its current residents (phones masked; the full number through the audited reveal of the resident), its open ` +
          `work orders (first due first) and past ones, and for gate staff and the desk its visitor passes, release slips and ` +
          `decorations: at most ${UNIT_OVERVIEW_LIMIT} of each, with the totals. For the desk, dispatchers, project managers and ` +
          `company admins of the unit's community; 404 for anyone else and for units outside the caller's communities.`,
        params: z.object({ id: z.uuid() }),
        response: { 200: unitOverviewSchema, 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      if (!hasRole(ctx.actor, ...READERS)) throw notFound('entity.unit');
      const unit = await unitDetailFor(db, ctx.actor, request.params.id);
      if (!unit) throw notFound('entity.unit');
      const [workOrders, gate] = await Promise.all([
        workOrdersOfUnit(db, ctx.actor, unit.id, UNIT_OVERVIEW_LIMIT),
        gateRecordsOfUnit(db, ctx, unit.id, UNIT_OVERVIEW_LIMIT),
      ]);
      return { unit, workOrders, gate };
    },
  );
}
