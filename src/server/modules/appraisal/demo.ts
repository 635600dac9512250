import { incentiveInputSchema, measureInputSchema, weightsInputSchema } from '../../../common/appraisal/api';
import { userContext } from '../../auth/session';
import type { Database } from '../../db/client';
import { addLocalDays } from '../../work/plans';
import { localDateIn } from '../../work/numbering';
import { mostFailedItems } from '../quality';
import { activeStaffMember, communityById } from '../registry';
import { proposeIncentive, takeIncentiveStep } from './commands/incentives';
import { raiseMeasure, takeMeasureStep } from './commands/measures';
import { setWeights } from './commands/weights';

const DAY = 86_400_000;

/**
 * Appraisal demo data through the module's own commands, after the quality month: the company's
 * weights for guards and the desk, a reward proposed by the inspector and approved by the
 * manager, a penalty awaiting the manager's approval, and two improvement measures raised 20 days
 * ago: one from the item that failed most often this month (planned and carried out, waiting for
 * its check) and one from the mean inspection score (planned). The month's appraisals are computed
 * from the data the other demos made.
 */
export async function seedDemoAppraisal(database: Database, organizationId: string): Promise<void> {
  const db = database.db;
  const admin = await userContext(db, organizationId, 'demo-admin');
  const manager = await userContext(db, organizationId, 'demo-manager');
  const inspector = await userContext(db, organizationId, 'demo-inspector');
  const served = inspector.actor.communityIds;
  const community = (await communityById(db, served === 'all' ? '' : served[0]!))!;
  const now = new Date();

  await setWeights(db, admin, 'guard', weightsInputSchema.parse({ inspection: 50, sla: 10, rating: 10, complaints: 30, complaintDeduction: 25 }));
  await setWeights(db, admin, 'service_desk', weightsInputSchema.parse({ inspection: 40, sla: 30, rating: 10, complaints: 20 }));

  const staffOf = async (username: string) => {
    const { staffId } = (await userContext(db, organizationId, username)).actor;
    return staffId ? activeStaffMember(db, organizationId, staffId) : null;
  };
  const guard = await staffOf('demo-guard');
  const desk = await staffOf('demo-desk');
  if (!guard || !desk) return;

  const reward = await proposeIncentive(
    db,
    inspector,
    incentiveInputSchema.parse({ communityId: community.id, staffId: desk.id, kind: 'reward', reason: '业主来信表扬：耐心协助老人办理缴费和报修', points: 3, amountFen: 20000 }),
    new Date(now.getTime() - 3 * DAY),
  );
  await takeIncentiveStep(db, manager, reward.id, 'decide', { approved: true, note: '同意，月度表扬' }, { now: new Date(now.getTime() - 2 * DAY) });
  await proposeIncentive(db, inspector, incentiveInputSchema.parse({ communityId: community.id, staffId: guard.id, kind: 'penalty', reason: '夜班岗亭内使用手机，经提醒后仍未改正', points: 2 }), new Date(now.getTime() - DAY));

  // The item that failed most often in the last 30 days (the quality demo's rectifications).
  const [worst] = await mostFailedItems(db, { organizationId, communityId: community.id, from: new Date(now.getTime() - 31 * DAY), limit: 1 });
  const raisedAt = new Date(now.getTime() - 20 * DAY);
  const dueOn = addLocalDays(localDateIn(community.timeZone, now), 10);
  if (worst) {
    const measure = await raiseMeasure(
      db,
      manager,
      measureInputSchema.parse({ communityId: community.id, title: '门岗反复出现的不合格项专项整改', source: 'inspection_item', sourceKey: `${worst.categoryKey}.${worst.itemKey}`, ownerStaffId: guard.id, dueOn, description: '近一个月多次检查不合格，需从交接班和班前检查入手。' }),
      raisedAt,
    );
    await takeMeasureStep(db, manager, measure.id, 'plan', { plan: '原因：交接班时未逐项检查；计划：修订交接班检查表，班前 5 分钟自查，品质专员每周抽查两次。' }, { now: new Date(raisedAt.getTime() + DAY) });
    await takeMeasureStep(db, manager, measure.id, 'do', { actions: '已修订交接班检查表并培训全体秩序员，班前自查记录上墙。' }, { now: new Date(raisedAt.getTime() + 6 * DAY) });
  }
  const kpi = await raiseMeasure(
    db,
    manager,
    measureInputSchema.parse({ communityId: community.id, title: '提升品质检查平均分', source: 'kpi', sourceKey: 'inspection_score', ownerStaffId: desk.id, dueOn: addLocalDays(dueOn, 20) }),
    raisedAt,
  );
  await takeMeasureStep(db, manager, kpi.id, 'plan', { plan: '每周例会通报检查得分最低的三项，责任到岗。' }, { now: new Date(raisedAt.getTime() + 2 * DAY) });
}
