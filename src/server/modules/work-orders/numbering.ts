import type { WorkOrderKind } from '../../../common/work-orders';
import type { DbOrTx } from '../../db/client';
import { localDateIn } from '../../work/numbering';
import { kindNumber } from '../../work/subjects';

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return localDateIn(timeZone, at);
}

/**
 * The next number of a kind in a community on the community's local day, e.g. BX20261122-0007:
 * the prefix of the service from the work order kind object, the count from the work kernel's
 * numbering service (unique under concurrency, across processes).
 */
export function nextWorkOrderNumber(tx: DbOrTx, community: { id: string; organizationId: string; timeZone: string }, kind: WorkOrderKind, at: Date): Promise<string> {
  return kindNumber(tx, 'work_order', { organizationId: community.organizationId, scopeId: community.id, service: kind, period: 'day', timeZone: community.timeZone, at });
}
