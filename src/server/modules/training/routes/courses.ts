import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { courseInputSchema, coursePageSchema, courseQuerySchema, courseSchema, courseUpdateSchema } from '../../../../common/training';
import { contextOf, requireActor } from '../../../auth/plugin';
import { ERRORS, idParams } from '../../../http/route-kit';
import { createCourse, updateCourse } from '../commands/courses';
import { readsTraining } from '../policy';
import { presentCourse } from '../presenter';
import { findCourse, listCourses, sessionsHeld } from '../repository';
import { notFound } from '../../../errors';

const tags = ['training'];

/** The company's training courses per position. */
export async function courseRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/training/courses', {
    schema: { tags, summary: 'Training courses', description: 'Paged by name; filters by kind, position, part of the name and withdrawn. Managers, the quality inspector and dispatchers.', querystring: courseQuerySchema, response: { 200: coursePageSchema, ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    const { page, pageSize, ...q } = request.query;
    if (!readsTraining(actor)) return { items: [], total: 0, page, pageSize };
    const { rows, total } = await listCourses(db, actor, q, { limit: pageSize, offset: (page - 1) * pageSize });
    return { items: rows.map((r) => presentCourse(r.course, r.sessions)), total, page, pageSize };
  });

  r.post('/api/v1/training/courses', {
    schema: { tags, summary: 'Add a course', description: 'Company admin or project manager.', body: courseInputSchema, response: { 201: courseSchema, ...ERRORS } },
  }, async (request, reply) => {
    const row = await createCourse(db, contextOf(request), request.body);
    return reply.status(201).send(presentCourse(row, 0));
  });

  r.get('/api/v1/training/courses/:id', {
    schema: { tags, summary: 'A course (withdrawn ones too)', params: idParams, response: { 200: courseSchema, ...ERRORS } },
  }, async (request) => {
    const row = await findCourse(db, requireActor(request), request.params.id);
    if (!row) throw notFound('entity.trainingCourse');
    return presentCourse(row, await sessionsHeld(db, row.id));
  });

  r.patch('/api/v1/training/courses/:id', {
    schema: { tags, summary: 'Change, withdraw or restore a course', params: idParams, body: courseUpdateSchema, response: { 200: courseSchema, ...ERRORS } },
  }, async (request) => {
    const row = await updateCourse(db, contextOf(request), request.params.id, request.body);
    return presentCourse(row, await sessionsHeld(db, row.id));
  });
}
