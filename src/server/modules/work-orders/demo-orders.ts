import type { RequestContext } from '../../auth/context';
import { userContext } from '../../auth/session';
import type { Database } from '../../db/client';
import { firstCommunityOf, staffByName, unitByLabel } from '../registry';
import { createWorkOrder } from './commands/create-work-order';
import { takeAction } from './commands/take-action';
import { priceListItems } from './tables';

/** The demo community's published price list (prices in fen). */
export const DEMO_PRICE_LIST = [
  { name: '更换水龙头', price: 8000, unit: '个', category: 'plumbing' },
  { name: '疏通下水道', price: 12000, unit: '次', category: 'plumbing' },
  { name: '更换角阀', price: 4500, unit: '个', category: 'plumbing' },
  { name: '更换灯具', price: 5000, unit: '个', category: 'electrical' },
  { name: '更换开关插座', price: 3000, unit: '个', category: 'electrical' },
  { name: '更换门锁锁芯', price: 15000, unit: '个', category: 'locks' },
  { name: '门窗合页调整', price: 4000, unit: '次', category: 'locks' },
  { name: '墙面局部修补', price: 20000, unit: '平方米', category: 'walls_floors' },
] as const;

/**
 * Demo price list and a handful of work orders in various states, created through the product's
 * own commands by the demo accounts, so the console shows real timelines and timers.
 */
export async function seedDemoWorkOrders(database: Database, organizationId: string): Promise<void> {
  const db = database.db;
  const community = await firstCommunityOf(db, organizationId);
  if (!community) return;
  await db.insert(priceListItems).values(DEMO_PRICE_LIST.map((i) => ({ ...i, organizationId, communityId: community.id })));
  const ctxOf = (username: string) => userContext(db, organizationId, username);
  const desk = await ctxOf('demo-desk');
  const dispatcher = await ctxOf('demo-dispatcher');
  const tech = await ctxOf('demo-tech');
  const owner = await ctxOf('demo-owner');
  const manager = await ctxOf('demo-manager');
  const techStaff = await staffByName(db, organizationId, '张强');
  const unitOf = async (building: string, number: string) => {
    const u = await unitByLabel(db, { organizationId, communityId: community.id, building, number });
    return { unitId: u!.id, reporterResidentId: u!.residentId };
  };
  const open = async (ctx: RequestContext, body: Record<string, unknown>) =>
    (await createWorkOrder(db, ctx, { communityId: community.id, channel: 'phone', ...body } as Parameters<typeof createWorkOrder>[2])).body.id;
  const step = (ctx: RequestContext, id: string, action: string, body: Record<string, unknown> = {}) => takeAction(db, ctx, id, action, body);
  const tomorrow = new Date(Date.now() + 24 * 3_600_000);
  tomorrow.setUTCHours(2, 0, 0, 0); // 10:00 in Shanghai

  const home = await unitOf('3栋', '1202');
  // A paid repair booked for this afternoon (arrival needs photos, taken on site).
  const tap = await open(desk, { kind: 'repair', ...home, category: 'plumbing', paid: true, description: '厨房水龙头关不紧，一直滴水' });
  await step(dispatcher, tap, 'dispatch', { technician: techStaff!.id });
  await step(tech, tap, 'accept');
  await step(tech, tap, 'schedule', { appointment_at: new Date(Date.now() + 3_600_000).toISOString() });
  // A routine repair just reported, not yet dispatched.
  await open(desk, { kind: 'repair', ...(await unitOf('1栋', '502')), category: 'electrical', description: '卧室顶灯不亮，换过灯泡也不行' });
  // An emergency leak, dispatched and accepted.
  const leak = await open(desk, { kind: 'repair', ...(await unitOf('5栋', '803')), category: 'leak', description: '卫生间天花板往下渗水，楼上无人' });
  await step(dispatcher, leak, 'dispatch', { technician: techStaff!.id });
  await step(tech, leak, 'accept');
  // A repair the owner reported in the app, booked for tomorrow.
  const door = await open(owner, { kind: 'repair', unitId: home.unitId, channel: 'app', category: 'locks', description: '入户门锁有时打不开' });
  await step(dispatcher, door, 'dispatch', { technician: techStaff!.id });
  await step(tech, door, 'accept');
  await step(tech, door, 'schedule', { appointment_at: tomorrow.toISOString() });
  // A common-area repair cancelled as a duplicate.
  const lamp = await open(desk, { kind: 'repair', category: 'common_lighting', channel: 'patrol', description: '2栋一楼大堂灯闪烁' });
  await step(dispatcher, lamp, 'dispatch', { technician: techStaff!.id });
  await step(tech, lamp, 'accept');
  await step(manager, lamp, 'cancel', { reason: '重复报修，已由巡检工单处理' });
  // Complaints: one replied, one new and anonymous.
  const noise = await open(desk, { kind: 'complaint', ...(await unitOf('4栋', '1101')), category: 'noise', source: 'hotline', description: '楼上每晚十一点后还在装修敲打' });
  await step(desk, noise, 'reply', { reply: '已联系楼上业主，核实装修时间', channel: 'phone' });
  await open(desk, { kind: 'complaint', ...(await unitOf('6栋', '301')), category: 'environment', source: 'owner_group', anonymous: true, description: '地下车库垃圾桶满了两天没人清' });
  // Inquiries: one answered on the spot, one waiting for a call back.
  await open(desk, { kind: 'inquiry', category: 'fees', channel: 'walk_in', description: '物业费可以按年交吗', answer: '可以，按年缴纳可在前台或线上办理' });
  await open(desk, { kind: 'inquiry', ...(await unitOf('2栋', '704')), category: 'decoration', description: '装修需要办理哪些手续，押金多少' });
}
