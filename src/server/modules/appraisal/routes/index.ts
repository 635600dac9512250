import type { FastifyInstance } from 'fastify';
import { appraisalRoutes as monthRoutes } from './appraisals';
import { incentiveRoutes } from './incentives';
import { measureRoutes } from './measures';

/** Staff appraisal: weights, monthly appraisals, one's own, rewards and penalties, improvement measures. */
export async function appraisalRoutes(app: FastifyInstance): Promise<void> {
  await monthRoutes(app);
  await incentiveRoutes(app);
  await measureRoutes(app);
}
