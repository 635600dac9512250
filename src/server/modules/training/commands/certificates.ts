import { and, eq, isNull, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { certificateInputSchema, certificateUpdateSchema } from '../../../../common/training';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { fieldError, forbidden, notFound, type FieldProblem } from '../../../errors';
import { recordAudit } from '../../audit';
import { checkReferences } from '../../registry';
import { certificatePolicy } from '../policy';
import { staffCertificates } from '../tables';

export type CertificateRow = typeof staffCertificates.$inferSelect;

const text = (zh: string, en: string): FieldProblem => ({ text: { 'zh-CN': zh, 'en-US': en } });
const audited = (c: CertificateRow) => ({ staffId: c.staffId, kind: c.kind, number: c.number, issuedOn: c.issuedOn, expiresOn: c.expiresOn, archived: c.archivedAt !== null });

async function checkCertificate(tx: DbOrTx, organizationId: string, c: { id?: string; kind: string; number: string; issuedOn: string; expiresOn: string }) {
  const problems: Record<string, FieldProblem> = {};
  if (c.expiresOn <= c.issuedOn) problems.expiresOn = text('有效期至须晚于发证日期', 'The expiry must be after the issue date');
  const [same] = await tx
    .select({ id: staffCertificates.id })
    .from(staffCertificates)
    .where(
      and(
        eq(staffCertificates.organizationId, organizationId),
        eq(staffCertificates.kind, c.kind as CertificateRow['kind']),
        eq(staffCertificates.number, c.number),
        isNull(staffCertificates.archivedAt),
        c.id ? ne(staffCertificates.id, c.id) : undefined,
      ),
    );
  if (same) problems.number = text('已登记过该证书编号', 'A certificate with this number is already recorded');
  if (Object.keys(problems).length) throw fieldError(problems);
}

/** Records a certificate of a staff member the caller may see (a staff member elsewhere: not found). */
export async function createCertificate(db: Db, ctx: RequestContext, input: z.output<typeof certificateInputSchema>): Promise<CertificateRow> {
  const organizationId = ctx.actor.organizationId;
  if (!organizationId) throw forbidden();
  return inTransaction(db, async (tx) => {
    const problems = await checkReferences(tx, ctx.actor, [{ field: 'staffId', kind: 'staff', id: input.staffId }], { active: true, organizationId });
    if (Object.keys(problems).length) throw fieldError(problems);
    certificatePolicy.assert(ctx.actor, 'record', { organizationId });
    await checkCertificate(tx, organizationId, input);
    const [row] = await tx.insert(staffCertificates).values({ organizationId, ...input }).returning();
    await recordAudit(tx, ctx, { organizationId, entityType: 'staff_certificate', entityId: row!.id, action: 'create', after: audited(row!) });
    return row!;
  });
}

/** A certificate whose holder the caller may see, or null. */
export async function findCertificate(db: DbOrTx, ctx: RequestContext, id: string, lock = false): Promise<CertificateRow | null> {
  if (!ctx.actor.organizationId) return null;
  const q = db.select().from(staffCertificates).where(and(eq(staffCertificates.id, id), eq(staffCertificates.organizationId, ctx.actor.organizationId)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) return null;
  const hidden = await checkReferences(db, ctx.actor, [{ field: 'staffId', kind: 'staff', id: row.staffId }]);
  return Object.keys(hidden).length ? null : row;
}

/** Renews (new number or dates) or withdraws a certificate. */
export async function updateCertificate(db: Db, ctx: RequestContext, id: string, input: z.output<typeof certificateUpdateSchema>): Promise<CertificateRow> {
  return inTransaction(db, async (tx) => {
    const before = await findCertificate(tx, ctx, id, true);
    if (!before || !certificatePolicy.can(ctx.actor, 'read', before)) throw notFound('entity.staffCertificate');
    certificatePolicy.assert(ctx.actor, 'record', before);
    const { archived, ...fields } = input;
    const next = { ...before, ...fields };
    // An archived certificate holds no number; one that stays or becomes current is checked.
    const currentAfter = archived === undefined ? before.archivedAt === null : !archived;
    if (currentAfter) await checkCertificate(tx, before.organizationId, next);
    const [row] = await tx
      .update(staffCertificates)
      .set({ ...fields, ...(archived === undefined ? {} : { archivedAt: archived ? (before.archivedAt ?? new Date()) : null }), updatedAt: new Date() })
      .where(eq(staffCertificates.id, id))
      .returning();
    await recordAudit(tx, ctx, { organizationId: before.organizationId, entityType: 'staff_certificate', entityId: id, action: 'update', before: audited(before), after: audited(row!) });
    return row!;
  });
}
