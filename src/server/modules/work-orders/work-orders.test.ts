import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { sweepTimers } from '../standards/sweeper';
import { runAutoAdvance } from './commands/auto-advance';
import { localDate } from './numbering';
import { workOrders } from './tables';
import { act, addStaffMember, buildCrew, jpegPhoto, upload, uploadAs, type Crew } from './test-kit';

let t: TestApp;
let crew: Crew;
let other: Crew;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'wo');
  other = await buildCrew(t, 'wox');
});
afterAll(() => t.close());

const intake = (c: Crew, over: Record<string, unknown> = {}) => ({
  kind: 'repair',
  communityId: c.org.community.id,
  unitId: c.org.unit.id,
  channel: 'phone',
  category: 'plumbing',
  description: '卫生间下水慢',
  reporterResidentId: c.org.resident.id,
  ...over,
});

describe('intake', () => {
  it('returns the first response to sequential and concurrent retries with the same Idempotency-Key', async () => {
    const { desk } = crew.clients;
    const key = { 'idempotency-key': 'retry-1' };
    const first = await desk.post('/api/v1/work-orders', intake(crew), key);
    const again = await desk.post('/api/v1/work-orders', intake(crew), key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => desk.post('/api/v1/work-orders', intake(crew), { 'idempotency-key': 'burst' })));
    expect(new Set(concurrent.map((r) => r.json().id)).size).toBe(1);
    const stored = await t.database.db.select().from(workOrders).where(eq(workOrders.organizationId, crew.org.org.id));
    expect(stored.filter((o) => o.id === concurrent[0]!.json().id)).toHaveLength(1);
    const different = await desk.post('/api/v1/work-orders', intake(crew, { description: '另一件事' }), key);
    expect(different.statusCode).toBe(409);
  });

  it('numbers per community, kind and local day, without gaps or duplicates under concurrency', async () => {
    const { desk } = crew.clients;
    const made = await Promise.all(Array.from({ length: 6 }, () => desk.post('/api/v1/work-orders', intake(crew, { kind: 'complaint', category: 'environment' }))));
    const numbers = made.map((r) => r.json().number as string).sort();
    const day = localDate(new Date(), 'Asia/Shanghai').replaceAll('-', '');
    expect(numbers.every((n) => n.startsWith(`TS${day}-`))).toBe(true);
    const seqs = numbers.map((n) => Number(n.slice(-4)));
    expect(seqs).toEqual(Array.from({ length: 6 }, (_, i) => seqs[0]! + i));
    const elsewhere = await other.clients.desk.post('/api/v1/work-orders', intake(other, { kind: 'complaint', category: 'environment' }));
    expect(elsewhere.json().number).toBe(`TS${day}-0001`);
  });

  it('answers 400 per field for bad intake bodies, unknown categories and other tenants’ places', async () => {
    const { desk, resident } = crew.clients;
    const bad = await desk.post('/api/v1/work-orders', { kind: 'job', communityId: 'x', channel: 'fax', description: '', reporterPhone: '123' });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['category', 'channel', 'communityId', 'description', 'kind', 'reporterPhone']);
    const category = await desk.post('/api/v1/work-orders', intake(crew, { category: 'magic' }));
    expect(category.json().error.fields.category).toContain('plumbing');
    const foreign = await desk.post('/api/v1/work-orders', intake(crew, { communityId: other.org.community.id }));
    expect(foreign.json().error.fields).toEqual({ communityId: '找不到该项目' });
    const notMine = await resident.post('/api/v1/work-orders', intake(crew, { unitId: other.org.unit.id }));
    expect(notMine.json().error.fields).toHaveProperty('unitId');
  });

  it('sets emergency urgency from the category and starts the emergency limits', async () => {
    const res = await crew.clients.desk.post('/api/v1/work-orders', intake(crew, { category: 'leak', urgency: 'routine' }));
    expect(res.json().urgency).toBe('emergency');
    expect(res.json().promise.limits.map((l: { limitKey: string }) => l.limitKey).sort()).toEqual(['emergency_arrival', 'emergency_contact']);
  });

  it('finds units and residents by unit number, building and unit, and phone, with masked phones', async () => {
    const phone = crew.org.resident.phone;
    for (const q of ['101', '1栋101', '1-101', phone, phone.slice(-4)]) {
      const res = (await crew.clients.desk.get(`/api/v1/work-orders/intake-lookup?q=${encodeURIComponent(q)}`)).json();
      expect(res.units.map((u: { unitId: string }) => u.unitId), q).toContain(crew.org.unit.id);
      expect(JSON.stringify(res)).not.toContain(phone);
    }
    expect((await crew.clients.resident.get('/api/v1/work-orders/intake-lookup?q=101')).statusCode).toBe(403);
    const foreign = (await other.clients.desk.get(`/api/v1/work-orders/intake-lookup?q=${phone}`)).json();
    expect(foreign.units).toEqual([]);
  });
});

describe('open orders at intake', () => {
  it('lists the open orders of the unit and of the reporter in the caller’s communities, masked, and answers 404 for others’ ids', async () => {
    const { desk, resident } = crew.clients;
    const opened = (await desk.post('/api/v1/work-orders', intake(crew, { category: 'electrical', description: '客厅插座没电' }))).json();
    // A complaint by the same reporter from the public area, and an order of another company on its own unit.
    const byPhone = (await desk.post('/api/v1/work-orders', intake(crew, { kind: 'complaint', category: 'environment', unitId: null, description: '垃圾清运不及时' }))).json();
    const elsewhere = (await other.clients.desk.post('/api/v1/work-orders', intake(other))).json();
    const cancelled = (await desk.post('/api/v1/work-orders', intake(crew, { category: 'electrical', description: '重复登记' }))).json();
    expect((await act(desk, cancelled.id, 'cancel', { reason: '重复登记' })).status).toBe('cancelled');

    const byUnit = await desk.get(`/api/v1/work-orders/open-at-intake?unitId=${crew.org.unit.id}`);
    expect(byUnit.statusCode).toBe(200);
    const unitItems = byUnit.json().items as { id: string; number: string; categoryName: { 'zh-CN': string }; statusName: unknown; matchedBy: string[]; reporter: { phone: string } }[];
    const found = unitItems.find((i) => i.id === opened.id)!;
    expect(found).toMatchObject({ number: opened.number, category: 'electrical', matchedBy: ['unit'] });
    expect(found.reporter.phone).toMatch(/\*{4}/);
    expect(unitItems.map((i) => i.id)).not.toContain(byPhone.id);
    expect(unitItems.map((i) => i.id)).not.toContain(cancelled.id);
    expect(unitItems.map((i) => i.id)).not.toContain(elsewhere.id);

    const byReporter = (await desk.get(`/api/v1/work-orders/open-at-intake?unitId=${crew.org.unit.id}&residentId=${crew.org.resident.id}`)).json().items as { id: string; matchedBy: string[] }[];
    expect(byReporter.find((i) => i.id === opened.id)!.matchedBy).toEqual(['unit', 'reporter']);
    expect(byReporter.find((i) => i.id === byPhone.id)!.matchedBy).toEqual(['reporter']);
    const typed = (await desk.get(`/api/v1/work-orders/open-at-intake?phone=${crew.org.resident.phone}`)).json().items as { id: string }[];
    expect(typed.map((i) => i.id)).toEqual(expect.arrayContaining([opened.id, byPhone.id]));

    // Ids of another company answer like random ones; nothing asked is a 400; residents do not take calls.
    expect((await desk.get(`/api/v1/work-orders/open-at-intake?unitId=${other.org.unit.id}`)).statusCode).toBe(404);
    expect((await desk.get(`/api/v1/work-orders/open-at-intake?residentId=${other.org.resident.id}`)).statusCode).toBe(404);
    const foreignPhone = (await desk.get(`/api/v1/work-orders/open-at-intake?phone=${other.org.resident.phone}`)).json().items as { id: string }[];
    expect(foreignPhone.map((i) => i.id)).not.toContain(elsewhere.id);
    expect((await desk.get('/api/v1/work-orders/open-at-intake')).statusCode).toBe(400);
    expect((await desk.get('/api/v1/work-orders/open-at-intake?phone=123')).json().error.fields).toHaveProperty('phone');
    expect((await resident.get(`/api/v1/work-orders/open-at-intake?unitId=${crew.org.unit.id}`)).statusCode).toBe(403);
  });
});

describe('due times', () => {
  it('reads one way in the read-back, the list and the order page: wall-clock instant, time left, desk hours named', async () => {
    const { desk } = crew.clients;
    const created = (await desk.post('/api/v1/work-orders', intake(crew, { kind: 'complaint', category: 'environment' }))).json();
    const detail = (await desk.get(`/api/v1/work-orders/${created.id}`)).json();
    // The complaint's first reply runs on desk hours; its time left is working time.
    const firstReply = detail.timers.find((x: { limitKey: string }) => x.limitKey === 'first_reply');
    expect(firstReply.due).toEqual({ at: firstReply.dueAt, remainingMs: firstReply.remainingMs, deskHours: true, timeZone: 'Asia/Shanghai' });
    expect(firstReply.due.remainingMs).toBeLessThanOrEqual(60 * 60_000);
    expect(detail.nextDue).toMatchObject({ at: detail.nextDueAt, deskHours: expect.any(Boolean), timeZone: 'Asia/Shanghai' });
    const promised = detail.promise.limits.find((l: { limitKey: string }) => l.limitKey === 'first_reply');
    expect(promised.due).toEqual(firstReply.due);
    const listed = (await desk.get(`/api/v1/work-orders?kind=complaint&pageSize=100`)).json().items.find((i: { id: string }) => i.id === created.id);
    expect(listed.nextDue).toMatchObject({ at: detail.nextDue.at, deskHours: detail.nextDue.deskHours, timeZone: 'Asia/Shanghai' });
    expect(Math.abs(listed.nextDue.remainingMs - detail.nextDue.remainingMs)).toBeLessThan(60_000);
    // An emergency repair runs around the clock.
    const leak = (await desk.post('/api/v1/work-orders', intake(crew, { category: 'leak' }))).json();
    const leakDetail = (await desk.get(`/api/v1/work-orders/${leak.id}`)).json();
    expect(leakDetail.nextDue.deskHours).toBe(false);
    expect(leakDetail.nextDue.remainingMs).toBeLessThanOrEqual(10 * 60_000);
  });
});

describe('complaints and inquiries', () => {
  it('hides an anonymous complainant from non-desk staff and links repeats of the same matter', async () => {
    const { desk, tech, dispatcher } = crew.clients;
    const body = intake(crew, { kind: 'complaint', category: 'noise', source: 'hotline', anonymous: true, description: '楼上夜间噪音' });
    const first = (await desk.post('/api/v1/work-orders', body)).json();
    expect(first.reporter.name).toBe('测试业主');
    const seenByTech = (await tech.get(`/api/v1/work-orders/${first.id}`)).json();
    expect(seenByTech.reporter).toEqual({ name: null, phone: null, residentId: null });
    const listed = (await dispatcher.get(`/api/v1/work-orders?kind=complaint&pageSize=100`)).json().items.find((i: { id: string }) => i.id === first.id);
    expect(listed.reporter).toEqual({ name: null, phone: null, residentId: null });
    const repeat = (await desk.post('/api/v1/work-orders', body)).json();
    expect(repeat.linkedOrders).toEqual([{ id: first.id, number: first.number, kind: 'complaint', relation: 'repeat_of' }]);
    const firstNow = (await desk.get(`/api/v1/work-orders/${first.id}`)).json();
    expect(firstNow.linkedOrders[0]).toMatchObject({ id: repeat.id, relation: 'repeated_by' });
    // A return visit that leaves the complainant unsatisfied reopens and counts.
    await act(desk, first.id, 'reply', { reply: '已联系楼上住户', channel: 'phone' });
    await act(desk, first.id, 'resolve', { cause: '夜间施工', resolution: '已要求停止夜间施工' });
    const reopened = await act(desk, first.id, 'return-visit', { satisfied: false, reason: '仍有噪音', channel: 'phone' });
    expect(reopened.status).toBe('replied');
    expect((await desk.get(`/api/v1/work-orders/${first.id}`)).json().counters).toEqual({ reopenings: 1 });
  });

  it('hands a complaint to a handler and another with a reason, takes it back from the handler, and holds it with its clocks stopped (#14)', async () => {
    type Detail = { status: string; statusName: Record<string, string>; assignee: { id: string } | null; allowedActions: string[]; timers: { limitKey: string; status: string; dueAt: string | null }[] };
    const { desk, dispatcher, manager, tech, resident } = crew.clients;
    const get = async (id: string, client = desk) => (await client.get(`/api/v1/work-orders/${id}`)).json() as Detail;
    const timer = (d: Detail, key: string) => d.timers.filter((x) => x.limitKey === key).at(-1);
    const inbox = async (client: typeof desk) => ((await client.get('/api/v1/notifications?pageSize=50')).json().items as { message: string }[]).map((n) => n.message);
    const first = await addStaffMember(t, crew, 'wo-desk-a', 'service_desk');
    const second = await addStaffMember(t, crew, 'wo-pm-b', 'project_manager');
    const { id, number } = (await desk.post('/api/v1/work-orders', intake(crew, { kind: 'complaint', category: 'environment', description: '楼道垃圾三天没清' }))).json() as { id: string; number: string };
    // A complaint goes to a handler once the complainant has had the first reply.
    expect((await get(id, dispatcher)).allowedActions).not.toContain('reassign');
    await act(desk, id, 'reply', { reply: '已收到，今天内安排处理', channel: 'phone' });
    expect((await get(id, dispatcher)).allowedActions).toEqual(['reassign', 'pause']);

    // Only dispatch and the project manager hand it out, to desk or management staff, with a reason.
    expect((await desk.post(`/api/v1/work-orders/${id}/actions/reassign`, { handler: first.staffId, reason: '由主管处理' })).statusCode).toBe(403);
    const refused = await dispatcher.post(`/api/v1/work-orders/${id}/actions/reassign`, { handler: crew.techStaffId });
    expect(refused.json().error.fields).toEqual({ handler: '岗位不符合要求', reason: '必填' });
    let d = await get(id);
    expect(d).toMatchObject({ status: 'replied', assignee: null });
    await act(dispatcher, id, 'reassign', { handler: first.staffId, reason: '前台主管负责环境类投诉' });
    d = await get(id);
    expect(d).toMatchObject({ status: 'handling', statusName: { 'zh-CN': '处理人处理中' }, assignee: { id: first.staffId } });
    expect(await inbox(first.client)).toContain(`新派给您的工单：${number}`);

    // The handler hands it back: nobody holds it and dispatch is told.
    expect((await first.client.post(`/api/v1/work-orders/${id}/actions/return`, {})).json().error.fields).toEqual({ reason: '必填' });
    await act(first.client, id, 'return', { reason: '涉及外包保洁合同，需项目经理处理' });
    d = await get(id);
    expect(d).toMatchObject({ status: 'replied', assignee: null });
    expect(await inbox(dispatcher)).toContain(`工单 ${number} 被退回，请重新派单`);
    await act(manager, id, 'reassign', { handler: second.staffId, reason: '外包合同由项目经理处理' });

    // Waiting for the cleaning contractor: the resolution clock stops; the hold is reviewed by the date given.
    const resumeAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    expect((await second.client.post(`/api/v1/work-orders/${id}/actions/pause-handling`, { hold_reason: 'third_party' })).json().error.fields).toEqual({ resume_at: '必填' });
    await act(second.client, id, 'pause-handling', { hold_reason: 'third_party', resume_at: resumeAt, note: '保洁公司周三回复' });
    d = await get(id);
    expect(d.status).toBe('on_hold_handling');
    expect(timer(d, 'resolution')?.status).toBe('paused');
    expect(timer(d, 'hold_review')).toMatchObject({ status: 'running', dueAt: resumeAt });
    expect((await get(id, resident)).statusName['zh-CN']).toBe('暂缓处理');
    expect((await tech.post(`/api/v1/work-orders/${id}/actions/resume-handling`, {})).statusCode).toBe(403);
    await act(dispatcher, id, 'resume-handling');
    d = await get(id);
    expect(d).toMatchObject({ status: 'handling', assignee: { id: second.staffId } });
    expect(timer(d, 'resolution')?.status).toBe('running');
    expect(timer(d, 'hold_review')?.status).toBe('met');

    // Reassigned while with a handler: the one who had it is told.
    await act(dispatcher, id, 'reassign', { handler: first.staffId, reason: '项目经理出差' });
    expect(await inbox(second.client)).toContain(`工单 ${number} 已改派给其他人员`);
    expect((await act(first.client, id, 'resolve', { cause: '保洁排班缺人', resolution: '已补员并清运' })).status).toBe('resolved');
    const events = (await get(id) as unknown as { timeline: { action: string; data: Record<string, unknown> }[] }).timeline;
    expect(events.filter((e) => e.action === 'reassign').map((e) => e.data.reason)).toEqual(['前台主管负责环境类投诉', '外包合同由项目经理处理', '项目经理出差']);
  });

  it('answers an inquiry on the spot at intake, and converts another into a linked repair', async () => {
    const { desk } = crew.clients;
    const spot = (await desk.post('/api/v1/work-orders', intake(crew, { kind: 'inquiry', category: 'fees', unitId: null, answer: '物业费按季度缴纳' }))).json();
    expect(spot).toMatchObject({ status: 'answered', statusType: 'closed', unit: null });
    expect(spot.timers.map((x: { status: string }) => x.status)).toEqual(['met']);
    const open = (await desk.post('/api/v1/work-orders', intake(crew, { kind: 'inquiry', category: 'services', description: '阳台灯不亮能修吗' }))).json();
    expect(open.promise.limits.map((l: { limitKey: string }) => l.limitKey)).toEqual(['callback']);
    const bad = await desk.post(`/api/v1/work-orders/${open.id}/actions/refer`, { department: '街道办' });
    expect(bad.json().error.fields).toEqual({ handover_note: '必填' });
    const converted = await act(desk, open.id, 'convert', { converted_to: 'repair', category: 'electrical' });
    expect(converted.status).toBe('converted');
    const detail = (await desk.get(`/api/v1/work-orders/${open.id}`)).json();
    expect(detail.linkedOrders).toHaveLength(1);
    expect(detail.linkedOrders[0]).toMatchObject({ kind: 'repair', relation: 'converted_to' });
    const repair = (await desk.get(`/api/v1/work-orders/${detail.linkedOrders[0].id}`)).json();
    expect(repair).toMatchObject({ category: 'electrical', status: 'submitted', description: '阳台灯不亮能修吗' });
  });

  it('keeps internal comments from the owner and shows owner-visible ones', async () => {
    const { desk, resident } = crew.clients;
    const order = (await desk.post('/api/v1/work-orders', intake(crew))).json();
    await desk.post(`/api/v1/work-orders/${order.id}/comments`, { body: '内部：需要带疏通机', visibility: 'internal' });
    await desk.post(`/api/v1/work-orders/${order.id}/comments`, { body: '师傅下午两点到', visibility: 'owner' });
    const own = (await resident.post(`/api/v1/work-orders/${order.id}/comments`, { body: '好的', visibility: 'internal' })).json();
    const texts = own.timeline.filter((e: { kind: string }) => e.kind === 'comment').map((e: { data: { body: string } }) => e.data.body);
    expect(texts).toEqual(['师傅下午两点到', '好的']);
    expect((await desk.post(`/api/v1/work-orders/${order.id}/comments`, { body: '' })).json().error.fields).toHaveProperty('body');
    expect((await other.clients.desk.post(`/api/v1/work-orders/${order.id}/comments`, { body: 'x' })).statusCode).toBe(404);
  });
});

describe('lists', () => {
  it('filters, searches and pages within the tenant scope', async () => {
    const { desk, resident, tech } = crew.clients;
    const order = (await desk.post('/api/v1/work-orders', intake(crew, { description: '列表测试' }))).json();
    const byNumber = (await desk.get(`/api/v1/work-orders?q=${order.number}`)).json();
    expect(byNumber.items.map((i: { id: string }) => i.id)).toEqual([order.id]);
    expect(byNumber.items[0].reporter.phone).toMatch(/\*{4}/);
    const byPhone = (await desk.get(`/api/v1/work-orders?q=${crew.org.resident.phone}&kind=repair&statusType=open&pageSize=100`)).json();
    expect(byPhone.items.map((i: { id: string }) => i.id)).toContain(order.id);
    const own = (await resident.get('/api/v1/work-orders?pageSize=100')).json();
    expect(own.total).toBeGreaterThan(0);
    expect((await other.clients.desk.get('/api/v1/work-orders?pageSize=100')).json().items.some((i: { id: string }) => i.id === order.id)).toBe(false);
    expect((await tech.get(`/api/v1/work-orders?assigneeId=${crew.techStaffId}&overdue=false&sort=dueAt`)).statusCode).toBe(200);
    expect((await other.clients.resident.get(`/api/v1/work-orders/${order.id}`)).statusCode).toBe(404);
  });
});

describe('timers and automatic steps', () => {
  it('puts breaches on the timeline and closes completed repairs never confirmed after the standard’s days', async () => {
    const { desk, dispatcher, tech } = crew.clients;
    const order = (await desk.post('/api/v1/work-orders', intake(crew, { category: 'leak' }))).json();
    await sweepTimers(t.database.db, new Date(Date.now() + 2 * 3_600_000));
    const timeline = (await desk.get(`/api/v1/work-orders/${order.id}`)).json().timeline;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'timer').map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['warn', 'breach']),
    );
    await act(dispatcher, order.id, 'dispatch', { technician: crew.techStaffId });
    await act(tech, order.id, 'accept');
    await act(tech, order.id, 'arrive', { before: [await uploadAs(tech)] });
    await act(tech, order.id, 'start', { diagnosis: '管件破裂' });
    await act(tech, order.id, 'complete', { work_done: '更换管件', after: [await uploadAs(tech)], materials: [{ name: '管件', quantity: 1 }] });
    expect(await runAutoAdvance(t.database.db, new Date(Date.now() + 6 * 86_400_000))).toBe(0);
    expect(await runAutoAdvance(t.database.db, new Date(Date.now() + 7 * 86_400_000 + 60_000))).toBeGreaterThanOrEqual(1);
    const closed = (await desk.get(`/api/v1/work-orders/${order.id}`)).json();
    expect(closed.status).toBe('closed');
    const last = closed.timeline.at(-1);
    expect(last).toMatchObject({ action: 'auto-close', automatic: true, channel: 'system', actor: null });
    expect(await runAutoAdvance(t.database.db, new Date(Date.now() + 30 * 86_400_000))).toBe(0);
  });
});

describe('attachments', () => {
  it('checks the type by content, limits the size, makes thumbnails and scopes access', async () => {
    const { tech, desk } = crew.clients;
    const fake = upload('photo.jpg', Buffer.from('just some text, not a picture'));
    const refused = await tech.request('POST', '/api/v1/attachments', fake.body, fake.headers);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.file).toContain('文件类型不符');
    const big = upload('big.jpg', Buffer.concat([await jpegPhoto(), Buffer.alloc(10 * 1024 * 1024)]));
    const tooBig = await tech.request('POST', '/api/v1/attachments', big.body, big.headers);
    expect([400, 413]).toContain(tooBig.statusCode);
    const notSignature = upload('s.png', await jpegPhoto(), 'signature');
    expect((await tech.request('POST', '/api/v1/attachments', notSignature.body, notSignature.headers)).statusCode).toBe(400);
    const id = await uploadAs(tech);
    const thumb = await tech.get(`/api/v1/attachments/${id}/thumbnail`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await desk.get(`/api/v1/attachments/${id}`)).statusCode).toBe(404);
    expect((await other.clients.tech.get(`/api/v1/attachments/${id}`)).statusCode).toBe(404);
    // Another tenant's photo, or one already linked, is refused per field.
    const order = (await desk.post('/api/v1/work-orders', intake(crew, { photoIds: [id] }))).json();
    expect((await desk.get(`/api/v1/attachments/${id}`)).statusCode).toBe(200);
    const foreignPhoto = await uploadAs(other.clients.tech);
    const again = await desk.post('/api/v1/work-orders', intake(crew, { photoIds: [id, foreignPhoto] }));
    expect(again.json().error.fields).toEqual({ 'photoIds.0': '该附件已属于其他工单', 'photoIds.1': '找不到该附件' });
    expect(order.attachments).toHaveLength(1);
  });
});

describe('price list', () => {
  it('lets managers publish items, everyone in the community read them, and quotes reference them', async () => {
    const { manager, desk, resident } = crew.clients;
    const item = await manager.post('/api/v1/price-list', { communityId: crew.org.community.id, name: '更换水龙头', price: 8000, category: 'plumbing' });
    expect(item.statusCode).toBe(201);
    expect((await manager.post('/api/v1/price-list', { communityId: crew.org.community.id, name: '更换水龙头', price: 1 })).json().error.fields).toEqual({ name: '已被使用' });
    expect((await desk.post('/api/v1/price-list', { communityId: crew.org.community.id, name: '疏通下水道', price: 12000 })).statusCode).toBe(403);
    expect((await resident.get(`/api/v1/price-list?communityId=${crew.org.community.id}`)).json().items.map((i: { price: number }) => i.price)).toEqual([8000]);
    expect((await other.clients.admin.get(`/api/v1/price-list?communityId=${crew.org.community.id}`)).statusCode).toBe(404);
    expect((await manager.patch(`/api/v1/price-list/${item.json().id}`, { price: 9000 })).json().price).toBe(9000);
    expect((await other.clients.admin.delete(`/api/v1/price-list/${item.json().id}`)).statusCode).toBe(404);
  });
});
