import type { FastifyInstance } from 'fastify';
import { assetRegisterRoutes } from './assets';
import { assetImportRoutes } from './import';

/** The facilities and equipment register (docs/assets.md). */
export async function assetRoutes(app: FastifyInstance): Promise<void> {
  await assetImportRoutes(app);
  await assetRegisterRoutes(app);
}
