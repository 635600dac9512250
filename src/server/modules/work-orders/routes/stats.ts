import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { workOrderStatsQuerySchema, workOrderStatsSchema } from '../../../../common/work-order-stats';
import { requireActor } from '../../../auth/plugin';
import { hasRole } from '../../../auth/policy';
import { forbidden } from '../../../errors';
import { workOrderStats } from '../stats';
import { ERRORS, tags } from './shared';

/** The dashboard aggregate: counts of a period by state type, community and day. */
export async function statsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/work-orders/stats',
    {
      schema: {
        tags,
        summary: 'Work-order counts of a period (dashboard)',
        description:
          'Orders created in [from, to) that the caller may see, counted by state type, community and the community’s local day, ' +
          'and how many are overdue now. Defaults to the last 30 days; at most 366 days. For company admins, project managers and the service desk.',
        querystring: workOrderStatsQuerySchema,
        response: { 200: workOrderStatsSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!hasRole(actor, 'company_admin', 'project_manager', 'service_desk')) throw forbidden();
      return workOrderStats(app.database.db, actor, request.query);
    },
  );
}
