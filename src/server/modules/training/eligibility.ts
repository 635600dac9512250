import { preJobHold, preJobHoldText } from '../../../common/training';
import type { DbOrTx } from '../../db/client';
import { registerSoloWorkCheck, type SoloWorkQuestion, type SoloWorkRefusal } from '../../work/staff-eligibility';
import { activeStaffMember } from '../registry';

/**
 * The pre-job training rule as a kernel solo-work check: a staff member still in pre-job training
 * (see `preJobHold`) is refused with the day their training may end.
 */
export async function preJobTrainingCheck(db: DbOrTx, q: SoloWorkQuestion): Promise<SoloWorkRefusal | null> {
  const member = await activeStaffMember(db, q.organizationId, q.staffId);
  if (!member) return null;
  const hold = preJobHold(member, q.on);
  if (!hold) return null;
  return { reason: 'pre_job_training', until: hold.awaitingCompletion ? null : hold.earliestCompletion, text: preJobHoldText(hold) };
}

/** Registers the training module's checks with the kernel (safe to run more than once). */
export function registerTrainingChecks(): void {
  registerSoloWorkCheck('pre_job_training', preJobTrainingCheck);
}
