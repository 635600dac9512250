import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../auth/context';
import { createUser } from '../../auth/commands/create-user';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { createStaff } from '../registry/commands/create-staff';
import { buildCrew, uploadAs, type Crew } from '../work-orders/test-kit';

let t: TestApp;
let crew: Crew;
let guard2: TestClient;
let outsiderGuard: TestClient;
let postId: string;

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'sh');
  await t.database.db.transaction(async (tx) => {
    const ctx = systemContext(crew.org.org.id);
    const s = await createStaff(tx, ctx, crew.org.org.id, { name: '接班保安', phone: '13912340088', position: 'guard', communityIds: [crew.org.community.id] });
    await createUser(tx, ctx, { organizationId: crew.org.org.id, username: 'sh-guard2', displayName: '接班保安', password: TEST_PASSWORD, roles: ['guard'], staffId: s.id });
  });
  guard2 = await t.client().login('sh-guard2', TEST_PASSWORD);
  const other = await buildOrganization(t.database, { prefix: 'shx', roles: ['guard'] });
  outsiderGuard = await t.client().login(other.users.guard!, TEST_PASSWORD);
  const res = await crew.clients.manager.post('/api/v1/duty-posts', {
    communityId: crew.org.community.id,
    name: '东门岗',
    kind: 'gate',
    checklist: [{ name: '对讲机', expected: 2 }, { name: '值班记录本', expected: 1 }, { name: '钥匙', expected: 5 }],
  });
  expect(res.statusCode, res.body).toBe(201);
  postId = res.json().id;
});
afterAll(() => t.close());

const counts = (values: number[], notes: (string | undefined)[] = []) => values.map((count, i) => ({ key: String(i + 1), count, ...(notes[i] ? { note: notes[i] } : {}) }));

describe('shift handover', () => {
  it('lets only a guard take up a vacant post, and nobody take a held post without a handover', async () => {
    expect((await crew.clients.tech.post(`/api/v1/duty-posts/${postId}/start-duty`)).statusCode).toBe(403);
    expect((await outsiderGuard.post(`/api/v1/duty-posts/${postId}/start-duty`)).statusCode).toBe(404);
    expect((await crew.clients.guard.post(`/api/v1/duty-posts/${postId}/start-duty`)).statusCode).toBe(200);
    const taken = await guard2.post(`/api/v1/duty-posts/${postId}/start-duty`);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain('交接班');
    const notMine = await guard2.post(`/api/v1/duty-posts/${postId}/handovers`, { counts: counts([2, 1, 5]), signatureId: await uploadAs(guard2, 'signature') });
    expect(notMine.statusCode).toBe(409);
  });

  it('needs every item counted, shortfalls explained and the guard’s own signature', async () => {
    const foreign = await uploadAs(guard2, 'signature');
    const res = await crew.clients.guard.post(`/api/v1/duty-posts/${postId}/handovers`, { counts: counts([2, 1]).concat({ key: '9', count: 1 }), signatureId: foreign });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['counts.2.count', 'counts.2.key', 'signatureId']);
    const short = await crew.clients.guard.post(`/api/v1/duty-posts/${postId}/handovers`, { counts: counts([1, 1, 5]), signatureId: await uploadAs(crew.clients.guard, 'signature') });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields['counts.0.note']).toContain('对讲机');
    const post = (await crew.clients.guard.get(`/api/v1/duty-posts/${postId}`)).json();
    expect(post).toMatchObject({ openHandover: null, history: [], onDutyIsMe: true });
  });

  it('hands over: both count and sign, differences explained, and only then the post changes hands', async () => {
    const out = await crew.clients.guard.post(`/api/v1/duty-posts/${postId}/handovers`, {
      counts: counts([1, 1, 5], ['一台送修']),
      openMatters: '3栋 1202 装修垃圾明早 8 点清运，需放行',
      signatureId: await uploadAs(crew.clients.guard, 'signature'),
    });
    expect(out.statusCode, out.body).toBe(201);
    const handoverId = out.json().id;
    // Until the incoming guard signs, the post is still the outgoing guard's.
    expect((await guard2.post(`/api/v1/duty-posts/${postId}/start-duty`)).statusCode).toBe(409);
    expect((await crew.clients.guard.post(`/api/v1/shift-handovers/${handoverId}/take-over`, { counts: counts([1, 1, 5]), signatureId: await uploadAs(crew.clients.guard, 'signature') })).statusCode).toBe(409);
    const sig2 = await uploadAs(guard2, 'signature');
    const unexplained = await guard2.post(`/api/v1/shift-handovers/${handoverId}/take-over`, { counts: counts([1, 1, 4]), signatureId: sig2 });
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.json().error.fields['counts.2.note']).toContain('5');
    expect((await outsiderGuard.post(`/api/v1/shift-handovers/${handoverId}/take-over`, { counts: counts([1, 1, 5]), signatureId: sig2 })).statusCode).toBe(404);
    const taken = await guard2.post(`/api/v1/shift-handovers/${handoverId}/take-over`, { counts: counts([1, 1, 4], [undefined, undefined, '少一把地库钥匙，已报告']), signatureId: sig2 });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'completed', incomingName: '接班保安' });
    const post = (await guard2.get(`/api/v1/duty-posts/${postId}`)).json();
    expect(post).toMatchObject({ onDutyName: '接班保安', onDutyIsMe: true, allowedActions: ['handOver'], history: [{ id: handoverId, openMatters: expect.stringContaining('装修垃圾') }] });
    const again = await guard2.post(`/api/v1/shift-handovers/${handoverId}/take-over`, { counts: counts([1, 1, 4], [undefined, undefined, 'x']), signatureId: await uploadAs(guard2, 'signature') });
    expect(again.statusCode).toBe(409);
  });
});

describe('incidents and emergency plans', () => {
  it('logs an incident with the plan’s steps to tick off, records drills, and closes only with an outcome', async () => {
    const plan = await crew.clients.manager.post('/api/v1/emergency-plans', { communityId: crew.org.community.id, type: 'lift_entrapment', title: '电梯困人应急预案', steps: ['安抚被困人员', '通知维保单位', '断电盘车放人'] });
    expect(plan.statusCode, plan.body).toBe(201);
    expect((await crew.clients.manager.post('/api/v1/emergency-plans', { communityId: crew.org.community.id, type: 'lift_entrapment', title: '重复', steps: ['x'] })).statusCode).toBe(400);
    expect((await crew.clients.guard.post('/api/v1/emergency-plans', { communityId: crew.org.community.id, type: 'fire', title: '火警', steps: ['x'] })).statusCode).toBe(403);
    const created = await crew.clients.guard.post('/api/v1/incidents', { communityId: crew.org.community.id, type: 'lift_entrapment', place: '2栋 1号梯', occurredAt: new Date().toISOString(), description: '电梯停在 7-8 层之间，2 人被困' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json().plan.steps).toHaveLength(3);
    expect((await crew.clients.resident.post('/api/v1/incidents', { communityId: crew.org.community.id, type: 'other', place: 'x', occurredAt: new Date().toISOString(), description: 'x' })).statusCode).toBe(403);
    const ticked = await crew.clients.guard.put(`/api/v1/incidents/${id}/steps/2`, { done: true });
    expect(ticked.json().plan.steps[1]).toMatchObject({ doneBy: expect.any(String) });
    expect((await crew.clients.guard.put(`/api/v1/incidents/${id}/steps/4`, { done: true })).statusCode).toBe(400);
    const noOutcome = await crew.clients.guard.patch(`/api/v1/incidents/${id}`, { close: true });
    expect(noOutcome.json().error.fields).toHaveProperty('outcome');
    const closed = await crew.clients.guard.patch(`/api/v1/incidents/${id}`, { actionsTaken: '维保 20 分钟到场', outcome: '2 人安全救出，无人受伤', close: true });
    expect(closed.json()).toMatchObject({ status: 'closed', allowedActions: [] });
    expect((await crew.clients.guard.patch(`/api/v1/incidents/${id}`, { outcome: '改' })).statusCode).toBe(409);
    const drill = await crew.clients.manager.post('/api/v1/emergency-drills', { planId: plan.json().id, heldOn: '2026-01-05', participants: '秩序部 6 人，工程部 2 人', findings: '盘车工具取用慢，改放电梯机房门口' });
    expect(drill.statusCode, drill.body).toBe(201);
    expect((await outsiderGuard.get(`/api/v1/incidents/${id}`)).statusCode).toBe(404);
    expect((await crew.clients.manager.get(`/api/v1/emergency-plans?communityId=${crew.org.community.id}`)).json().items[0].lastDrillOn).toBe('2026-01-05');
  });
});
