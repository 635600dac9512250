import type { FastifyInstance } from 'fastify';
import { inspectionRoutes } from './inspections';
import { ownerViewRoutes } from './owner-view';
import { planRoutes } from './plans';
import { reportRoutes } from './reports';
import { templateRoutes } from './templates';

/** The quality module's routes: templates, plans, inspections and rectifications. */
export async function qualityRoutes(app: FastifyInstance): Promise<void> {
  await templateRoutes(app);
  await planRoutes(app);
  await inspectionRoutes(app);
  await reportRoutes(app);
  await ownerViewRoutes(app);
}
