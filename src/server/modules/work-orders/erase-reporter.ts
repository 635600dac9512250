import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { workOrders } from './tables';

/**
 * Replaces the reporter copy on a resident's work orders with the anonymised name and clears the
 * phone (the resident's data was erased). The orders, their timelines, times and numbers stay.
 * Returns how many orders changed.
 */
export async function anonymiseReporter(tx: DbOrTx, organizationId: string, residentId: string, name: string): Promise<number> {
  const rows = await tx
    .update(workOrders)
    .set({ reporterName: name, reporterPhone: null })
    .where(and(eq(workOrders.organizationId, organizationId), eq(workOrders.reporterResidentId, residentId)))
    .returning({ id: workOrders.id });
  return rows.length;
}
