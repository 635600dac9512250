import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { staffInputSchema, type StaffInput } from '../../../../common/registry';
import { withUniqueFields } from '../../../db/errors';
import { staff } from '../tables';
import { assertPhoneFree, auditChange, localToday } from './shared';
import { assertServedCommunities, assertTrainingCompletion } from './staff-rules';

/**
 * Adds a staff member serving communities of the organization. A completion date for pre-job
 * training is accepted only 30 days or more after its start.
 */
export async function createStaff(tx: Tx, ctx: RequestContext, organizationId: string, raw: StaffInput) {
  const input = staffInputSchema.parse(raw);
  await assertServedCommunities(tx, ctx, organizationId, input.communityIds);
  if (input.trainingCompletedOn) {
    assertTrainingCompletion(input.trainingStartedOn ?? null, input.trainingCompletedOn, 'trainingCompletedOn', localToday());
  }
  await assertPhoneFree(tx, staff, organizationId, input.phone);
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
  await auditChange(tx, ctx, 'staff', row!, 'create', null, row!);
  return row!;
}
