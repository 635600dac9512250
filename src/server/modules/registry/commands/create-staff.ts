import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { staffInputSchema, type StaffInput } from '../../../../common/registry';
import { withUniqueFields } from '../../../db/errors';
import { fieldError } from '../../../errors';
import { recordAudit } from '../../audit/record-audit';
import { communities, staff } from '../tables';

/** Adds a staff member serving communities of the organization. */
export async function createStaff(tx: Tx, ctx: RequestContext, organizationId: string, raw: StaffInput) {
  const input = staffInputSchema.parse(raw);
  if (input.communityIds.length) {
    const found = await tx
      .select({ id: communities.id })
      .from(communities)
      .where(and(eq(communities.organizationId, organizationId), inArray(communities.id, input.communityIds)));
    const known = new Set(found.map((c) => c.id));
    const missing = input.communityIds.findIndex((id) => !known.has(id));
    if (missing >= 0) {
      throw fieldError({ [`communityIds.${missing}`]: { key: 'error.notFound', params: { entity: 'entity.community' } } });
    }
  }
  if (input.trainingCompletedOn && !input.trainingStartedOn) {
    throw fieldError({ trainingStartedOn: { key: 'field.required' } });
  }
  const [row] = await withUniqueFields(
    () =>
      tx
        .insert(staff)
        .values({
          organizationId,
          name: input.name,
          phone: input.phone,
          position: input.position,
          skills: input.skills,
          communityIds: input.communityIds,
          hireDate: input.hireDate ?? null,
          onDuty: input.onDuty,
          trainingStartedOn: input.trainingStartedOn ?? null,
          trainingCompletedOn: input.trainingCompletedOn ?? null,
        })
        .returning(),
    { staff_org_phone_uq: 'phone' },
  );
  await recordAudit(tx, ctx, { organizationId, entityType: 'staff', entityId: row!.id, action: 'create', after: row });
  return row!;
}
