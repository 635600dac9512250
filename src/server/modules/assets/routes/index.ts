import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { assetRegisterRoutes } from './assets';
import { assetImportRoutes } from './import';

/** The facilities and equipment register (docs/assets.md). */
export async function assetRoutes(app: FastifyInstance): Promise<void> {
  await assetRegisterRoutes(app);
  // The import's upload parses multipart in its own scope only.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 5, parts: 6 } });
    await assetImportRoutes(scope);
  });
}
