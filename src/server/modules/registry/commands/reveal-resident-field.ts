import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import type { residents } from '../tables';
import { auditChange } from './shared';

/** Returns the full phone or ID number of a resident and writes the reveal, with its reason, to the audit log. */
export async function revealResidentField(
  tx: Tx,
  ctx: RequestContext,
  resident: typeof residents.$inferSelect,
  field: 'phone' | 'idNumber',
  reason: string,
): Promise<string | null> {
  await auditChange(tx, ctx, 'resident', resident, 'reveal', null, { field, reason });
  return field === 'phone' ? resident.phone : resident.idNumber;
}
