import { and, eq, isNull, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { fieldError } from '../../../errors';
import { recordAudit } from '../../audit';
import type { residents, staff } from '../tables';

/** Today's date in a time zone (default: the product's home zone), as YYYY-MM-DD. */
export function localToday(timeZone = 'Asia/Shanghai', now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** `end` must be after `start` when both are given. */
export function assertPeriod(start: string | null | undefined, end: string | null | undefined, endField: string): void {
  if (start && end && end <= start) throw fieldError({ [endField]: { key: 'field.endBeforeStart' } });
}

/**
 * Uniqueness of a phone among the active residents or staff of an organization. Deliberately
 * organization-wide rather than scoped to the caller's communities: the rule is per organization,
 * and the answer reveals no more than the unique index would.
 */
export async function assertPhoneFree(
  tx: DbOrTx,
  table: typeof residents | typeof staff,
  organizationId: string,
  phone: string,
  exceptId?: string,
): Promise<void> {
  const where: (SQL | undefined)[] = [eq(table.organizationId, organizationId), eq(table.phone, phone), isNull(table.archivedAt)];
  if (exceptId) where.push(ne(table.id, exceptId));
  const [hit] = await tx.select({ id: table.id }).from(table).where(and(...where)).limit(1);
  if (hit) throw fieldError({ phone: { key: 'field.taken' } });
}

/** Audits one change of a registry record inside the caller's transaction. */
export function auditChange(
  tx: DbOrTx,
  ctx: RequestContext,
  entityType: 'community' | 'building' | 'unit' | 'resident' | 'staff',
  entity: { id: string; organizationId: string },
  action: 'create' | 'update' | 'archive' | 'reveal' | 'complete_training',
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  return recordAudit(tx, ctx, { organizationId: entity.organizationId, entityType, entityId: entity.id, action, before, after });
}
