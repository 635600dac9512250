import type { FastifyInstance } from 'fastify';
import { feeAccountRoutes } from './accounts';
import { feeBillRunRoutes } from './bill-runs';
import { feeItemRoutes } from './items';
import { feeOwnerRoutes } from './owner';
import { feeMeterRoutes } from './meters';
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
}
