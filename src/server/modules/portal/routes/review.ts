import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema, pageSchema } from '../../../../common/api';
import { rejectUnitRequestSchema, unitRequestQuerySchema, unitRequestSchema } from '../../../../common/portal';
import { contextOf, requireActor } from '../../../auth/plugin';
import { deliverQueued } from '../../outbound';
import { decideUnitRequest, type Decision } from '../commands/decide-unit-request';
import { portalPolicy } from '../policy';
import { listUnitRequests } from '../repository';
import { inTransaction } from '../../../db/transaction';

const tags = ['owner portal'];
const ERRORS = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const idParams = z.object({ id: z.uuid() });

/** The desk's review of residents' own unit requests. */
export async function reviewRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get(
    '/api/v1/unit-requests',
    {
      schema: {
        tags,
        summary: "Residents' unit requests to review",
        description: 'Paged; pending requests oldest first, decided ones newest first. Each carries the residents already bound to the unit.',
        querystring: unitRequestQuerySchema,
        response: { 200: pageSchema(unitRequestSchema), ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      portalPolicy.assert(actor, 'listUnitRequests', undefined);
      const { items, total } = await listUnitRequests(db, actor, request.query);
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  const decide = async (request: { params: { id: string } } & Parameters<typeof contextOf>[0], decision: Decision) => {
    const ctx = contextOf(request);
    await inTransaction(db, (tx) => decideUnitRequest(tx, ctx, request.params.id, decision));
    await deliverQueued(app);
    return { ok: true as const };
  };

  r.post(
    '/api/v1/unit-requests/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a unit request',
        description: 'The binding becomes active: the resident sees the unit and can file requests for it. The resident is told by text message.',
        params: idParams,
        response: { 200: z.object({ ok: z.literal(true) }), ...ERRORS },
      },
    },
    (request) => decide(request, { approve: true }),
  );

  r.post(
    '/api/v1/unit-requests/:id/reject',
    {
      schema: {
        tags,
        summary: 'Turn down a unit request',
        description: 'The pending binding is removed; the reason is kept and sent to the resident by text message.',
        params: idParams,
        body: rejectUnitRequestSchema,
        response: { 200: z.object({ ok: z.literal(true) }), ...ERRORS },
      },
    },
    (request) => decide(request, { approve: false, reason: request.body.reason }),
  );
}
