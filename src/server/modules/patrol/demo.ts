import { systemContext } from '../../auth/context';
import { createUser } from '../../auth/commands/create-user';
import { userContext } from '../../auth/session';
import type { Database } from '../../db/client';
import { checkPlanStep, createIncidentIn, updateIncident, createPlanIn as createEmergencyPlanIn, recordDrillIn } from '../incidents';
import { firstCommunityOf, staffByName } from '../registry';
import { createPostIn, startDuty } from '../shifts';
import { createPlanIn, createRouteIn } from './commands/configure';
import { inTransaction } from '../../db/transaction';

const DEMO_PASSWORD = 'demo12345';

/** Duty posts of the demo community and what is counted at each handover. */
const POSTS = [
  { name: '东门岗', kind: 'gate', checklist: [['对讲机', 2], ['值班记录本', 1], ['门禁管理卡', 5], ['灭火器', 1], ['手电筒', 1]] },
  { name: '西门岗', kind: 'gate', checklist: [['对讲机', 1], ['值班记录本', 1], ['道闸遥控器', 1], ['灭火器', 1]] },
  { name: '巡逻岗', kind: 'patrol', checklist: [['对讲机', 1], ['巡更手机', 1], ['强光手电', 1], ['防暴器材', 1]] },
  { name: '监控中心', kind: 'control_room', checklist: [['对讲机', 2], ['值班记录本', 1], ['钥匙柜钥匙', 1], ['消防主机钥匙', 1]] },
  { name: '收费岗', kind: 'fee', checklist: [['备用金（元）', 500], ['停车发票（张）', 100], ['POS机', 1], ['对讲机', 1]] },
] as const;

/** The daily route: six checkpoints, about 50 minutes on foot. */
const CHECKPOINTS = [
  { name: '东门岗亭', tagId: 'CH-01-EAST-GATE', location: '东门岗亭外墙', offsetMinutes: 0 },
  { name: '1栋北侧消防通道', tagId: 'CH-02-B1-EXIT', location: '1栋北侧', offsetMinutes: 8 },
  { name: '地下车库入口', tagId: 'CH-03-GARAGE', location: '4栋南侧坡道', offsetMinutes: 16 },
  { name: '水泵房', tagId: 'CH-04-PUMP', location: '地下一层 B1-07', offsetMinutes: 24 },
  { name: '3栋楼顶天台门', tagId: 'CH-05-B3-ROOF', location: '3栋 15 层', offsetMinutes: 32 },
  { name: '西门岗亭', tagId: 'CH-06-WEST-GATE', location: '西门岗亭外墙', offsetMinutes: 40 },
];

const PLANS = [
  { type: 'fire', title: '火灾应急预案', steps: ['发现火情立即报告监控中心，监控中心确认后拨打 119', '启动消防广播，组织人员从安全通道疏散', '秩序员携带灭火器到场初期扑救，切断非消防电源', '开通消防通道，引导消防车进场', '清点人员，安抚业主，做好现场保护', '火灾扑灭后配合调查，填写事件报告'] },
  { type: 'flood', title: '水浸应急预案', steps: ['关闭相关区域进水阀门', '切断受影响区域电源', '用沙袋围堵，启动排水泵', '转移受威胁的车辆和物品', '通知受影响业主', '水退后清理消毒并检查设备'] },
  { type: 'power_loss', title: '停电应急预案', steps: ['确认停电范围，通知工程部', '检查电梯有无困人', '启动应急照明，必要时启动发电机', '在大堂和业主群发布停电通知', '来电后检查设备恢复情况'] },
  { type: 'lift_entrapment', title: '电梯困人应急预案', steps: ['通过对讲安抚被困人员，告知救援已在路上', '通知电梯维保单位（30 分钟内到场）', '秩序员到场守护，禁止非专业人员扒门', '维保人员断电盘车放人', '记录被困人员信息，做好回访'] },
  { type: 'theft', title: '盗窃事件应急预案', steps: ['保护现场，不让无关人员进入', '报告监控中心调取录像', '协助业主报警（110）', '加强出入口盘查', '配合公安机关调查'] },
  { type: 'gas_leak', title: '燃气泄漏应急预案', steps: ['严禁开关电器和使用明火', '打开门窗通风，疏散人员', '关闭燃气总阀', '在安全区域拨打燃气公司抢修电话', '确认安全后再恢复供气'] },
] as const;

/**
 * Patrol, handover and emergency demo data of 翠湖花园, entered through the modules' own
 * commands as the project manager and the guards would: duty posts with their checklists (demo-guard
 * on duty at the east gate), the daily patrol route with a plan making today's and tomorrow's
 * rounds, emergency plans, one past incident and one drill, and the second guard's login.
 */
export async function seedDemoSecurity(database: Database, organizationId: string): Promise<void> {
  const community = await firstCommunityOf(database.db, organizationId);
  const guard2 = await staffByName(database.db, organizationId, '罗军');
  await inTransaction(database.db, (tx) =>
    createUser(tx, systemContext(organizationId), { organizationId, username: 'demo-guard2', displayName: guard2!.name, password: DEMO_PASSWORD, roles: ['guard'], staffId: guard2!.id }),
  );
  const manager = await userContext(database.db, organizationId, 'demo-manager');
  const guard = await userContext(database.db, organizationId, 'demo-guard');
  const communityId = community!.id;

  const postIds = await inTransaction(database.db, async (tx) => {
    const ids: string[] = [];
    for (const p of POSTS) {
      const post = await createPostIn(tx, manager, { communityId, name: p.name, kind: p.kind, checklist: p.checklist.map(([name, expected]) => ({ name, expected })) });
      ids.push(post.id);
    }
    const route = await createRouteIn(tx, manager, { communityId, name: '日常巡更路线', description: '东门—1栋—地下车库—水泵房—3栋天台—西门', checkpoints: CHECKPOINTS.map((c) => ({ ...c, toleranceMinutes: 5 })) });
    await createPlanIn(tx, manager, {
      communityId,
      routeId: route.id,
      name: '全天巡更（早晚高峰前加密）',
      startTime: '00:00',
      endTime: '22:00',
      everyMinutes: 120,
      peakWindows: [{ start: '06:00', end: '08:00', everyMinutes: 60 }, { start: '16:00', end: '18:00', everyMinutes: 60 }],
    });
    return ids;
  });
  await startDuty(database.db, guard, postIds[0]!);

  await inTransaction(database.db, async (tx) => {
    const plans = new Map<string, string>();
    for (const p of PLANS) plans.set(p.type, (await createEmergencyPlanIn(tx, manager, { communityId, type: p.type, title: p.title, steps: [...p.steps] })).id);
    const month = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    await recordDrillIn(tx, manager, { planId: plans.get('fire')!, heldOn: month, participants: '秩序部 8 人、工程部 3 人、客服 2 人，业主志愿者 15 人', findings: '疏散用时 6 分钟；2栋消防通道堆放杂物，已通知清理；建议每季度演练一次。' });
  });
  const occurred = new Date(Date.now() - 3 * 86_400_000);
  const incident = await inTransaction(database.db, (tx) =>
    createIncidentIn(tx, guard, { communityId, type: 'lift_entrapment', place: '2栋 1号电梯', occurredAt: occurred.toISOString(), description: '电梯停在 7 层与 8 层之间，轿厢内 2 人被困', people: '2栋 1502 住户 2 人' }),
  );
  for (const step of [1, 2, 3, 4, 5]) await checkPlanStep(database.db, guard, incident.id, step, true);
  await updateIncident(database.db, manager, incident.id, { actionsTaken: '监控中心对讲安抚，维保单位 22 分钟到场盘车放人', outcome: '2 人安全救出，无人受伤；维保单位更换门锁继电器后恢复运行', close: true });
}
