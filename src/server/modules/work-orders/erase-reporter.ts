import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ERASED_TEXT } from '../../work/timeline';
import { workOrders } from './tables';

/**
 * Replaces the reporter copy on a resident's work orders with the anonymised name and clears the
 * phone (the resident's data was erased); the phone is also cut out of any order's description
 * ("call me on …", whoever reported it). The orders, their times and numbers stay. Returns how
 * many orders the resident reported.
 */
export async function anonymiseReporter(tx: DbOrTx, organizationId: string, resident: { id: string; phone: string }, name: string): Promise<number> {
  const rows = await tx
    .update(workOrders)
    .set({ reporterName: name, reporterPhone: null })
    .where(and(eq(workOrders.organizationId, organizationId), eq(workOrders.reporterResidentId, resident.id)))
    .returning({ id: workOrders.id });
  if (resident.phone.length >= 5) {
    await tx
      .update(workOrders)
      .set({ description: sql`replace(${workOrders.description}, ${resident.phone}, ${ERASED_TEXT})` })
      .where(and(eq(workOrders.organizationId, organizationId), sql`strpos(${workOrders.description}, ${resident.phone}) > 0`));
  }
  return rows.length;
}
