import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sessionInputSchema, sessionPageSchema, sessionQuerySchema, sessionSchema } from '../../../../common/training';
import { contextOf, requireActor } from '../../../auth/plugin';
import { ERRORS } from '../../../http/route-kit';
import { recordSession } from '../commands/sessions';
import { readsTraining } from '../policy';
import { presentSessions } from '../presenter';
import { listSessions, sessionWithCourse } from '../repository';

const tags = ['training'];

/** Training sessions held in the communities, with attendance and exam scores. */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/training/sessions', {
    schema: { tags, summary: 'Training sessions', description: 'Newest first, of the communities the caller serves; filters by community, course, a staff member listed and a date range.', querystring: sessionQuerySchema, response: { 200: sessionPageSchema, ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    const { page, pageSize, ...q } = request.query;
    if (!readsTraining(actor)) return { items: [], total: 0, page, pageSize };
    const { rows, total } = await listSessions(db, actor, q, { limit: pageSize, offset: (page - 1) * pageSize });
    return { items: await presentSessions(db, rows), total, page, pageSize };
  });

  r.post('/api/v1/training/sessions', {
    schema: { tags, summary: 'Record a held session', description: 'With every staff member listed: present or absent, and the exam score of those who sat it. Managers of the community.', body: sessionInputSchema, response: { 201: sessionSchema, ...ERRORS } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const row = await recordSession(db, ctx, request.body);
    const [session] = await presentSessions(db, await sessionWithCourse(db, row.id));
    return reply.status(201).send(session!);
  });
}
