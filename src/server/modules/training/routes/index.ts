import type { FastifyInstance } from 'fastify';
import { certificateRoutes } from './certificates';
import { courseRoutes } from './courses';
import { sessionRoutes } from './sessions';

/** Training: courses, sessions with attendance, certificates, pre-job status, one's own record. */
export async function trainingRoutes(app: FastifyInstance): Promise<void> {
  await courseRoutes(app);
  await sessionRoutes(app);
  await certificateRoutes(app);
}
