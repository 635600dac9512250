import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { workOrderStatsQuerySchema, workOrderStatsSchema } from '../../../../common/work-order-stats';
import { requireActor } from '../../../auth/plugin';
import { hasRole } from '../../../auth/policy';
import { forbidden } from '../../../errors';
import { workQueueCountsSchema } from '../../../../common/work-queues';
import { queueCounts } from '../queues';
import { workOrderStats } from '../stats';
import { ERRORS, tags } from './shared';
import { readDb } from '../../../db/read-routing';

/** The dashboard aggregate (counts of a period by state type, community and day) and the home-page queues. */
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
      return workOrderStats(readDb(app, request), actor, request.query);
    },
  );
  r.get(
    '/api/v1/work-orders/queues',
    {
      schema: {
        tags,
        summary: 'The caller’s work queues with their counts (home page)',
        description:
          'What waits for the caller now, by role: the desk gets new_today, awaiting_reply (the owner’s answer to record), ' +
          'after_completion (acceptance and return visits) and overdue; the dispatcher unassigned and overdue; the technician ' +
          'appointments_today, mine and my_overdue (own orders only); managers overdue, low_rating (last 30 days) and ' +
          'after_completion. Counted in the caller’s communities; each count is the total of GET /api/v1/work-orders?queue=<queue>. ' +
          'Which states a queue holds is read from the standards (states where one of the caller’s roles may take a step). ' +
          'Roles without queues (guards, residents) get an empty list.',
        response: { 200: workQueueCountsSchema, ...ERRORS },
      },
    },
    async (request) => queueCounts(readDb(app, request), requireActor(request)),
  );
}
