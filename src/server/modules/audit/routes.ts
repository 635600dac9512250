import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../../../common/api';
import { requireActor } from '../../auth/plugin';
import { auditPolicy } from './policy';
import { presentAuditEntry } from './presenter';
import { listAudit } from './repository';
import { auditPageSchema, auditQuerySchema } from './schemas';

/** The audit trail, for admins. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'List audit records',
        description: 'Every write of the product, newest first. Company admins see their organization.',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      auditPolicy.assert(actor, 'read', undefined);
      const { rows, total } = await listAudit(app.database.db, actor, request.query);
      return { items: rows.map(presentAuditEntry), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );
}
