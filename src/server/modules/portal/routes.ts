import type { FastifyInstance } from 'fastify';
import { residentRoutes } from './routes/resident';
import { reviewRoutes } from './routes/review';
import { signInRoutes } from './routes/sign-in';
import { myDataRoutes } from './routes/my-data';

/** The owner portal's API: sign-in by phone, the person's units and registration, the desk's review. */
export async function portalRoutes(app: FastifyInstance): Promise<void> {
  await signInRoutes(app);
  await residentRoutes(app);
  await reviewRoutes(app);
  await myDataRoutes(app);
}
