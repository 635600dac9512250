import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { buildingRoutes } from './routes/buildings';
import { communityRoutes } from './routes/communities';
import { importRoutes } from './routes/imports';
import { residentRoutes } from './routes/residents';
import { staffRoutes } from './routes/staff';
import { unitRoutes } from './routes/units';

/** Largest import file accepted. */
export const IMPORT_FILE_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * The registry module: communities, buildings, units, residents, staff, import and export.
 * Multipart parsing is registered here, in this module's scope only, for the import uploads.
 */
export async function registryRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { fileSize: IMPORT_FILE_LIMIT_BYTES, files: 1, fields: 5, parts: 6 } });
  await communityRoutes(app);
  await buildingRoutes(app);
  await unitRoutes(app);
  await residentRoutes(app);
  await staffRoutes(app);
  await importRoutes(app);
}
