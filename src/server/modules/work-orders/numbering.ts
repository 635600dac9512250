import { sql } from 'drizzle-orm';
import { NUMBER_PREFIX, type WorkOrderKind } from '../../../common/work-orders';
import type { DbOrTx } from '../../db/client';
import { workOrderCounters } from './tables';

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * The next number of a kind in a community on the community's local day, e.g. BX20261122-0007.
 * One upsert increments the counter atomically, so concurrent intakes in several processes
 * never get the same number.
 */
export async function nextNumber(tx: DbOrTx, communityId: string, timeZone: string, kind: WorkOrderKind, at: Date): Promise<string> {
  const day = localDate(at, timeZone);
  const prefix = NUMBER_PREFIX[kind];
  const [row] = await tx
    .insert(workOrderCounters)
    .values({ communityId, day, prefix, value: 1 })
    .onConflictDoUpdate({
      target: [workOrderCounters.communityId, workOrderCounters.day, workOrderCounters.prefix],
      set: { value: sql`${workOrderCounters.value} + 1` },
    })
    .returning({ value: workOrderCounters.value });
  return `${prefix}${day.replaceAll('-', '')}-${String(row!.value).padStart(4, '0')}`;
}
