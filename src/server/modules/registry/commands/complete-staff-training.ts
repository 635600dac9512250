import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { staff } from '../tables';
import { auditChange, localToday } from './shared';
import { assertTrainingCompletion } from './staff-rules';

/** Records pre-job training as completed; refused before 30 days have passed since its start. */
export async function completeStaffTraining(tx: Tx, ctx: RequestContext, before: typeof staff.$inferSelect, completedOn: string) {
  assertTrainingCompletion(before.trainingStartedOn, completedOn, 'completedOn', localToday());
  const [after] = await tx
    .update(staff)
    .set({ trainingCompletedOn: completedOn, updatedAt: new Date() })
    .where(eq(staff.id, before.id))
    .returning();
  await auditChange(tx, ctx, 'staff', before, 'complete_training', { trainingCompletedOn: null }, { trainingCompletedOn: completedOn });
  return after!;
}
