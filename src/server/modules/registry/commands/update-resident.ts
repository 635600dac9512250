import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import type { ResidentUpdate } from '../../../../common/registry';
import { tenantScope } from '../../../db/scope';
import { withUniqueFields } from '../../../db/errors';
import { residents, residentUnits } from '../tables';
import { resolveBindingUnits } from './resident-bindings';
import { assertPhoneFree, auditChange, localToday } from './shared';

/**
 * Changes a resident. When `units` is given it is the full list of current bindings among the
 * units the actor manages: missing ones end today (kept as history), new ones start, changed
 * relations are updated. Bindings in communities the actor does not serve are left alone.
 */
export async function updateResident(tx: Tx, ctx: RequestContext, before: typeof residents.$inferSelect, input: ResidentUpdate) {
  const { units: bindings, ...fields } = input;
  if (fields.phone !== undefined && fields.phone !== before.phone) {
    await assertPhoneFree(tx, residents, before.organizationId, fields.phone, before.id);
  }
  const [after] = await withUniqueFields(
    () => tx.update(residents).set({ ...fields, updatedAt: new Date() }).where(eq(residents.id, before.id)).returning(),
    { residents_org_phone_uq: 'phone' },
  );
  const changes: Record<string, unknown> = {};
  if (bindings) {
    const byId = await resolveBindingUnits(
      tx,
      ctx,
      before.organizationId,
      bindings.map((b) => b.unitId),
    );
    const current = await tx
      .select()
      .from(residentUnits)
      .where(
        and(
          eq(residentUnits.residentId, before.id),
          isNull(residentUnits.moveOutOn),
          tenantScope(ctx.actor, { organizationId: residentUnits.organizationId, communityId: residentUnits.communityId }),
        ),
      );
    const wanted = new Map(bindings.map((b) => [b.unitId, b]));
    const ended = current.filter((c) => !wanted.has(c.unitId)).map((c) => c.id);
    if (ended.length) await tx.update(residentUnits).set({ moveOutOn: localToday() }).where(inArray(residentUnits.id, ended));
    for (const c of current) {
      const w = wanted.get(c.unitId);
      if (w && (w.relation !== c.relation || (w.moveInOn !== undefined && w.moveInOn !== c.moveInOn))) {
        await tx
          .update(residentUnits)
          .set({ relation: w.relation, ...(w.moveInOn !== undefined ? { moveInOn: w.moveInOn } : {}) })
          .where(eq(residentUnits.id, c.id));
      }
    }
    const existing = new Set(current.map((c) => c.unitId));
    const added = bindings.filter((b) => !existing.has(b.unitId));
    if (added.length) {
      await tx.insert(residentUnits).values(
        added.map((b) => ({
          organizationId: before.organizationId,
          communityId: byId.get(b.unitId)!.communityId,
          residentId: before.id,
          unitId: b.unitId,
          relation: b.relation,
          moveInOn: b.moveInOn ?? null,
        })),
      );
    }
    Object.assign(changes, { bindingsEnded: ended.length, bindingsAdded: added.length });
  }
  // Personal fields are audited by name only, never by value.
  const touched = Object.keys(fields).filter((k) => (fields as Record<string, unknown>)[k] !== undefined);
  await auditChange(tx, ctx, 'resident', before, 'update', null, { fields: touched, ...changes });
  return after!;
}
