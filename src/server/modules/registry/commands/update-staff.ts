import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import type { StaffUpdate } from '../../../../common/registry';
import { withUniqueFields } from '../../../db/errors';
import { staff } from '../tables';
import { assertPhoneFree, auditChange, localToday } from './shared';
import { assertServedCommunities, assertTrainingCompletion } from './staff-rules';

/**
 * Changes a staff member. A project manager assigns only communities they serve, and keeps the
 * assignments to other communities they cannot see.
 */
export async function updateStaff(tx: Tx, ctx: RequestContext, before: typeof staff.$inferSelect, input: StaffUpdate) {
  const patch = { ...input };
  if (input.communityIds) {
    await assertServedCommunities(tx, ctx, before.organizationId, input.communityIds);
    const served = ctx.actor.communityIds;
    if (served !== 'all') {
      const hidden = before.communityIds.filter((id) => !served.includes(id));
      patch.communityIds = [...new Set([...input.communityIds, ...hidden])];
    }
  }
  if (input.phone !== undefined && input.phone !== before.phone) await assertPhoneFree(tx, staff, before.organizationId, input.phone, before.id);
  if (input.trainingStartedOn !== undefined && before.trainingCompletedOn) {
    // Moving the start must not make a recorded completion shorter than the minimum.
    assertTrainingCompletion(input.trainingStartedOn, before.trainingCompletedOn, 'trainingStartedOn', localToday());
  }
  const [after] = await withUniqueFields(
    () => tx.update(staff).set({ ...patch, updatedAt: new Date() }).where(eq(staff.id, before.id)).returning(),
    { staff_org_phone_uq: 'phone' },
  );
  await auditChange(tx, ctx, 'staff', before, 'update', before, after!);
  return after!;
}
