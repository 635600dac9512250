import type { FastifyInstance } from 'fastify';
import { actionRoutes } from './routes/actions';
import { exportRoutes } from './routes/export';
import { orderRoutes } from './routes/orders';
import { priceListRoutes } from './routes/price-list';
import { statsRoutes } from './routes/stats';

/** The work-order module: intake, lists, the order page, actions, comments and the price list. */
export async function workOrderRoutes(app: FastifyInstance): Promise<void> {
  await exportRoutes(app);
  await statsRoutes(app);
  await orderRoutes(app);
  await actionRoutes(app);
  await priceListRoutes(app);
}
