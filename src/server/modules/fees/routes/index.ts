import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { feeAccountRoutes } from './accounts';
import { feeBankRoutes } from './bank';
import { feeBillRunRoutes } from './bill-runs';
import { feeItemRoutes } from './items';
import { feeLateFeeRoutes } from './late-fees';
import { feeOwnerRoutes } from './owner';
import { feeMeterRoutes } from './meters';
import { feeMeterImportRoutes } from './meter-import';
import { feeShiftCloseRoutes } from './shift-closes';
import { feePaymentRoutes } from './payments';

/** Every route of the fees ledger. */
export async function feeRoutes(app: FastifyInstance): Promise<void> {
  await feeItemRoutes(app);
  await feeAccountRoutes(app);
  await feePaymentRoutes(app);
  await feeBillRunRoutes(app);
  await feeOwnerRoutes(app);
  await feeMeterRoutes(app);
  await feeShiftCloseRoutes(app);
  await feeLateFeeRoutes(app);
  // Uploads (bank statements, meter readings from Excel) parse multipart in their own scope only.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 5, parts: 6 } });
    await feeBankRoutes(scope);
    await feeMeterImportRoutes(scope);
  });
}
