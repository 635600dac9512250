import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { disableStaffAccounts } from '../../../auth/commands/manage-account';
import { buildings, communities, residents, residentUnits, staff, units } from '../tables';
import { auditChange, localToday } from './shared';

const TABLES = { community: communities, building: buildings, unit: units, resident: residents, staff } as const;
export type ArchivableKind = keyof typeof TABLES;

/**
 * Archives a registry record: it stays readable (with `archivedAt`) and keeps its audit history,
 * but leaves lists by default and frees its unique name/number/phone. Archiving a resident also
 * ends their current unit bindings today, so their portal access to those units ends with it;
 * archiving a staff member disables their sign-in accounts and ends their sessions.
 */
export async function archiveRecord(tx: Tx, ctx: RequestContext, kind: ArchivableKind, record: { id: string; organizationId: string }) {
  const table = TABLES[kind];
  const now = new Date();
  await tx.update(table).set({ archivedAt: now, updatedAt: now }).where(and(eq(table.id, record.id), isNull(table.archivedAt)));
  let endedBindings = 0;
  if (kind === 'resident') {
    const ended = await tx
      .update(residentUnits)
      .set({ moveOutOn: localToday() })
      .where(and(eq(residentUnits.residentId, record.id), isNull(residentUnits.moveOutOn)))
      .returning({ id: residentUnits.id });
    endedBindings = ended.length;
  }
  if (kind === 'staff') await disableStaffAccounts(tx, ctx, record.id);
  await auditChange(tx, ctx, kind, record, 'archive', { archivedAt: null }, { archivedAt: now, ...(endedBindings ? { endedBindings } : {}) });
}
