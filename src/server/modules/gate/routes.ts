import type { FastifyInstance } from 'fastify';
import { decorationRoutes } from './routes/decorations';
import { exportRoutes } from './routes/exports';
import { passRoutes } from './routes/passes';
import { postRoutes } from './routes/post';
import { slipRoutes } from './routes/slips';
import { stepRoutes } from './routes/steps';

/** The gate module: visitor passes, goods-release slips, decoration workers and the guard's post. */
export async function gateRoutes(app: FastifyInstance): Promise<void> {
  await exportRoutes(app);
  await passRoutes(app);
  await slipRoutes(app);
  await postRoutes(app);
  await decorationRoutes(app);
  await stepRoutes(app);
}
