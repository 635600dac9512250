import { eq, sql } from 'drizzle-orm';
import type { RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../../db/scope';
import { AppError, notFound } from '../../../errors';
import { recordAudit, redactAuditSummaries } from '../../audit';
import { residentPolicy } from '../policy';
import { bindingsOf, findResident } from '../repository/residents';
import { residents } from '../tables';

/** The resident an admin may erase, with the phone the other modules need to find copies by. */
export async function residentToErase(db: DbOrTx, actor: Actor, id: string): Promise<{ id: string; organizationId: string; name: string; phone: string }> {
  const row = await findResident(db, actor, id);
  if (!row) throw notFound('entity.resident');
  const bindings = await bindingsOf(db, actor, [row.id]);
  if (row.erasedAt && residentPolicy.can(actor, 'erase', { organizationId: row.organizationId, archivedAt: row.archivedAt, communityIds: [] })) {
    throw new AppError('CONFLICT', 'error.residentErased');
  }
  residentPolicy.assert(actor, 'erase', {
    organizationId: row.organizationId,
    archivedAt: row.archivedAt,
    erasedAt: row.erasedAt,
    communityIds: [...new Set(bindings.map((b) => b.communityId))],
  });
  return { id: row.id, organizationId: row.organizationId, name: row.name, phone: row.phone };
}

/**
 * Erases a resident's personal data in the registry: the name becomes `erasedName`, phone, ID and
 * plates are cleared, the record is archived (so the phone is free again) and its audit summaries
 * lose the personal fields. Bindings stay: the unit's history keeps that someone lived there.
 */
export async function eraseResidentRecord(tx: DbOrTx, ctx: RequestContext, residentId: string, erasedName: string, now = new Date()): Promise<void> {
  const [after] = await tx
    .update(residents)
    .set({ name: erasedName, phone: '', idType: null, idNumber: null, plates: sql`'{}'::text[]`, erasedAt: now, archivedAt: sql`coalesce(${residents.archivedAt}, ${now})`, updatedAt: now })
    .where(eq(residents.id, residentId))
    .returning();
  await redactAuditSummaries(tx, { organizationId: after!.organizationId, entityType: 'resident', entityIds: [residentId], keys: ['name', 'phone', 'idType', 'idNumber', 'plates', 'field'] });
  await recordAudit(tx, ctx, { organizationId: after!.organizationId, entityType: 'resident', entityId: residentId, action: 'erase', after: { erasedAt: now } });
}
