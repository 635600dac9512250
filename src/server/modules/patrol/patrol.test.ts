import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../auth/context';
import { createUser } from '../../auth/commands/create-user';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { createStaff } from '../registry/commands/create-staff';
import { sweepTimers } from '../standards/sweeper';
import { slaTimers } from '../standards/tables';
import { workOrders } from '../work-orders/tables';
import { buildCrew, uploadAs, type Crew } from '../work-orders/test-kit';
import { attachmentLinks } from '../../work/tables';
import { detectMissed, generateRounds } from './commands/job';
import { roundStarts } from './schedule';
import { patrolPlans, patrolRounds } from './tables';

let t: TestApp;
let crew: Crew;
let guard2: TestClient;
let outsiderGuard: TestClient;
let routeId: string;
const TAGS = ['PT-EAST-1', 'PT-EAST-2', 'PT-EAST-3', 'PT-EAST-4'];

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'pt');
  await t.database.db.transaction(async (tx) => {
    const ctx = systemContext(crew.org.org.id);
    const s = await createStaff(tx, ctx, crew.org.org.id, { name: '第二保安', phone: '13912340077', position: 'guard', communityIds: [crew.org.community.id] });
    await createUser(tx, ctx, { organizationId: crew.org.org.id, username: 'pt-guard2', displayName: '第二保安', password: TEST_PASSWORD, roles: ['guard'], staffId: s.id });
  });
  guard2 = await t.client().login('pt-guard2', TEST_PASSWORD);
  const other = await buildOrganization(t.database, { prefix: 'ptx', roles: ['guard'] });
  outsiderGuard = await t.client().login(other.users.guard!, TEST_PASSWORD);
  const res = await crew.clients.manager.post('/api/v1/patrol/routes', {
    communityId: crew.org.community.id,
    name: '东区夜巡',
    checkpoints: TAGS.map((tagId, i) => ({ name: `东区${i + 1}号点`, tagId, offsetMinutes: i * 10, toleranceMinutes: 5 })),
  });
  expect(res.statusCode, res.body).toBe(201);
  routeId = res.json().id;
});
afterAll(() => t.close());

const extraRound = async (client = crew.clients.guard) => {
  const res = await client.post('/api/v1/patrol/rounds', { routeId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; visits: { status: string }[]; dueAt: string };
};
const checkIn = (client: TestClient, id: string, body: Record<string, unknown>) => client.post(`/api/v1/patrol/rounds/${id}/check-ins`, { method: 'qr', ...body });

describe('routes and plans', () => {
  it('refuses a tag used twice and a route from someone who does not manage patrols', async () => {
    const body = { communityId: crew.org.community.id, name: '重复', checkpoints: [{ name: 'A', tagId: 'PT-X-1', offsetMinutes: 0 }, { name: 'B', tagId: 'pt-x-1', offsetMinutes: 5 }, { name: 'C', tagId: TAGS[0], offsetMinutes: 1 }] };
    const res = await crew.clients.manager.post('/api/v1/patrol/routes', body);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['checkpoints.1.tagId', 'checkpoints.2.offsetMinutes', 'checkpoints.2.tagId']);
    expect((await crew.clients.guard.post('/api/v1/patrol/routes', { ...body, checkpoints: [body.checkpoints[0]] })).statusCode).toBe(403);
  });

  it('generates rounds once however often and however concurrently the job runs', async () => {
    const res = await crew.clients.manager.post('/api/v1/patrol/plans', {
      communityId: crew.org.community.id,
      routeId,
      name: '夜间巡更',
      startTime: '20:00',
      endTime: '06:00',
      everyMinutes: 120,
      peakWindows: [{ start: '06:30', end: '08:30', everyMinutes: 60 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const roundsOf = async () => (await t.database.db.select({ n: count() }).from(patrolRounds).where(eq(patrolRounds.planId, res.json().id)))[0]!.n;
    const made = await roundsOf();
    expect(made).toBeGreaterThan(0);
    await t.database.db.update(patrolPlans).set({ generatedThrough: null }).where(eq(patrolPlans.id, res.json().id));
    await Promise.all([generateRounds(t.database.db), generateRounds(t.database.db)]);
    await generateRounds(t.database.db);
    expect(await roundsOf()).toBe(made);
  });

  it('spaces rounds by the plan and adds the peak windows', () => {
    const starts = roundStarts({ startTime: '20:00', endTime: '02:00', everyMinutes: 180, peakWindows: [{ start: '07:00', end: '08:00', everyMinutes: 30 }] }, '2026-03-02', 'Asia/Shanghai');
    expect(starts.map((d) => d.toISOString())).toEqual(['2026-03-01T23:00:00.000Z', '2026-03-01T23:30:00.000Z', '2026-03-02T12:00:00.000Z', '2026-03-02T15:00:00.000Z', '2026-03-02T18:00:00.000Z']);
  });
});

describe('check-in refusals', () => {
  it('refuses a wrong tag, another community, the wrong role and a round not yet started', async () => {
    const round = await extraRound();
    const wrongTag = await checkIn(crew.clients.guard, round.id, { tagId: 'PT-NOPE' });
    expect(wrongTag.statusCode).toBe(400);
    expect(wrongTag.json().error.fields.tagId).toContain('PT-NOPE');
    expect((await checkIn(outsiderGuard, round.id, { tagId: TAGS[0] })).statusCode).toBe(404);
    expect((await checkIn(crew.clients.tech, round.id, { tagId: TAGS[0] })).statusCode).toBe(403);
    expect((await checkIn(crew.clients.manager, round.id, { tagId: TAGS[0] })).statusCode).toBe(403);

    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' });
    const later = (await crew.clients.guard.get(`/api/v1/patrol/rounds?communityId=${crew.org.community.id}&date=${tomorrow}`)).json().items[0];
    const early = await checkIn(crew.clients.guard, later.id, { tagId: TAGS[0] });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('尚未到签到时间');
    // A photo linked to work the guard may not read answers like a random id, not "used elsewhere".
    const deskPhoto = await uploadAs(crew.clients.desk);
    await t.database.db.insert(attachmentLinks).values({ organizationId: crew.org.org.id, attachmentId: deskPhoto, subjectType: 'work_order', subjectId: crypto.randomUUID(), purpose: 'photos' });
    for (const photoId of [deskPhoto, crypto.randomUUID()]) {
      const hidden = await checkIn(crew.clients.guard, round.id, { tagId: TAGS[0], photoId });
      expect(hidden.statusCode).toBe(400);
      expect(hidden.json().error.fields.photoId).toBe((await checkIn(crew.clients.guard, round.id, { tagId: TAGS[0], photoId: crypto.randomUUID() })).json().error.fields.photoId);
    }
    const fresh = (await crew.clients.guard.get(`/api/v1/patrol/rounds/${round.id}`)).json();
    expect(fresh.state).toBe('planned');
    expect(fresh.counts.pending).toBe(TAGS.length);
  });

  it('refuses a check-in after the checkpoint’s window closed, and a round another guard walks', async () => {
    const round = await extraRound();
    expect((await checkIn(crew.clients.guard, round.id, { tagId: TAGS[0] })).statusCode).toBe(200);
    expect((await checkIn(guard2, round.id, { tagId: TAGS[1] })).statusCode).toBe(409);
    // Four minutes of the second point's 20-minute window are moved into the past.
    await t.database.query(`update patrol_visits set closes_at = now() - interval '1 minute' where round_id = $1 and seq = 2`, [round.id]);
    const late = await checkIn(crew.clients.guard, round.id, { tagId: TAGS[1]!.toLowerCase() });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('签到时间已于');
    const again = await checkIn(crew.clients.guard, round.id, { tagId: TAGS[0] });
    expect(again.statusCode).toBe(409);
  });
});

describe('a round', () => {
  it('hands hazards on in the same step and reports checkpoints left when the guard ends early', async () => {
    const round = await extraRound();
    const photoId = await uploadAs(crew.clients.guard);
    const repair = await checkIn(crew.clients.guard, round.id, { tagId: TAGS[0], note: '消防门闭门器松脱', photoId, hazard: { action: 'repair', description: '消防门闭门器松脱', category: 'locks' } });
    expect(repair.statusCode, repair.body).toBe(200);
    const first = repair.json().visits[0];
    expect(first.status).toBe('on_time');
    const [order] = await t.database.db.select().from(workOrders).where(eq(workOrders.id, first.workOrderId));
    expect(order).toMatchObject({ channel: 'patrol', category: 'locks', kind: 'repair' });
    const badType = await checkIn(crew.clients.guard, round.id, { tagId: TAGS[1], hazard: { action: 'incident', description: '有积水', incidentType: 'tsunami' } });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.fields).toHaveProperty(['hazard.incidentType']);
    const incident = await checkIn(crew.clients.guard, round.id, { tagId: TAGS[1], hazard: { action: 'incident', description: '地下车库入口积水', incidentType: 'flood' } });
    expect(incident.statusCode).toBe(200);
    const found = (await crew.clients.manager.get(`/api/v1/incidents/${incident.json().visits[1].incidentId}`)).json();
    expect(found).toMatchObject({ type: 'flood', status: 'open' });
    expect(incident.json().visits[1].status).toBe('early');

    // Ending early is the standard's finish step, taken from `actions` with the round's version.
    const walking = (await crew.clients.guard.get(`/api/v1/patrol/rounds/${round.id}`));
    expect(walking.headers.etag).toBe(`"${walking.json().version}"`);
    const finishStep = walking.json().actions.find((a: { key: string }) => a.key === 'finish');
    expect(finishStep.records).toEqual([expect.objectContaining({ name: 'reason', type: 'text', maxLength: 500 })]);
    const noReason = await crew.clients.guard.post(`/api/v1/patrol/rounds/${round.id}/actions/finish`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual({ reason: '必填' });
    const stale = await crew.clients.guard.post(`/api/v1/patrol/rounds/${round.id}/actions/finish`, { reason: 'x' }, { 'if-match': `"${walking.json().version - 1}"` });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE');
    expect((await crew.clients.manager.post(`/api/v1/patrol/rounds/${round.id}/actions/expire`, {})).statusCode).toBe(403);
    const headers = { 'if-match': walking.headers.etag as string, 'idempotency-key': `finish-${round.id}` };
    const finish = await crew.clients.guard.post(`/api/v1/patrol/rounds/${round.id}/actions/finish`, { reason: '对讲机通知前往北门处理纠纷' }, headers);
    expect(finish.statusCode, finish.body).toBe(200);
    expect(finish.json()).toMatchObject({ state: 'incomplete', version: walking.json().version + 1, counts: { missed: 2, on_time: 1, early: 1 }, allowedActions: [], actions: [], finishNote: '对讲机通知前往北门处理纠纷' });
    expect(finish.headers.etag).toBe(`"${walking.json().version + 1}"`);
    const replay = await crew.clients.guard.post(`/api/v1/patrol/rounds/${round.id}/actions/finish`, { reason: '对讲机通知前往北门处理纠纷' }, headers);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const inbox = (await crew.clients.manager.get('/api/v1/notifications?pageSize=50')).json().items.map((n: { message: string }) => n.message);
    expect(inbox).toEqual(expect.arrayContaining([expect.stringContaining('东区3号点'), expect.stringContaining('提前结束')]));
    expect((await checkIn(crew.clients.guard, round.id, { tagId: TAGS[2] })).statusCode).toBe(409);
    // The round's timeline, in order, with the guard on each step; the photo is the round's too.
    const detail = (await crew.clients.manager.get(`/api/v1/patrol/rounds/${round.id}`)).json();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['created', 'start', 'check_in', 'check_in', 'finish']);
    expect(detail.timeline.every((e: { automatic: boolean; actor: { name: string } | null }) => !e.automatic && e.actor !== null)).toBe(true);
    expect(detail.timeline[2].data).toMatchObject({ checkpoint: expect.any(String), status: 'on_time', photoId, workOrderId: first.workOrderId });
    expect(detail.timeline.at(-1).data).toMatchObject({ reason: '对讲机通知前往北门处理纠纷', missed: { checkpoints: ['东区3号点', '东区4号点'] } });
    expect((await crew.clients.manager.get(`/api/v1/attachments/${photoId}`)).statusCode).toBe(200);
    const audit = await t.database.query<{ action: string }>(`select action from audit_log where entity_id = $1 order by at`, [round.id]);
    // (A check-in and the step it takes share one transaction, so their audit rows share an instant.)
    expect(audit.map((r) => r.action).sort()).toEqual(['created', 'start', 'check_in', 'check_in', 'finish'].sort());
  });

  it('completes when every checkpoint is checked in, and the clock is met', async () => {
    const round = await extraRound(guard2);
    let last;
    for (const tagId of TAGS) last = await checkIn(guard2, round.id, { tagId, method: 'nfc' });
    expect(last!.json()).toMatchObject({ state: 'completed', counts: { missed: 0, pending: 0 } });
    const [timer] = await t.database.db.select().from(slaTimers).where(eq(slaTimers.subjectId, round.id));
    expect(timer!.status).toBe('met');
  });

  it('detects missed checkpoints by itself and closes the round at its deadline as breached', async () => {
    const round = await extraRound();
    await checkIn(crew.clients.guard, round.id, { tagId: TAGS[0] });
    const afterSecond = new Date(Date.now() + 25 * 60_000);
    expect(await detectMissed(t.database.db, afterSecond)).toBeGreaterThan(0);
    expect(await detectMissed(t.database.db, afterSecond)).toBe(0);
    let fresh = (await crew.clients.guard.get(`/api/v1/patrol/rounds/${round.id}`)).json();
    expect(fresh).toMatchObject({ state: 'on_patrol', counts: { on_time: 1, missed: 1, pending: 2 } });
    await detectMissed(t.database.db, new Date(Date.parse(round.dueAt) + 2 * 60_000));
    fresh = (await crew.clients.guard.get(`/api/v1/patrol/rounds/${round.id}`)).json();
    expect(fresh).toMatchObject({ state: 'incomplete', counts: { on_time: 1, missed: 3 } });
    const [timer] = await t.database.db.select().from(slaTimers).where(eq(slaTimers.subjectId, round.id));
    expect(timer!.status).toBe('breached');
    const inbox = (await crew.clients.manager.get('/api/v1/notifications?pageSize=100')).json().items;
    expect(inbox.filter((n: { entityId: string }) => n.entityId === round.id)).toHaveLength(3);
    const report = (await crew.clients.manager.get(`/api/v1/patrol/report?communityId=${crew.org.community.id}`)).json();
    expect(report.rounds.find((r: { id: string }) => r.id === round.id)).toMatchObject({ state: 'incomplete' });
    expect(report.checkpoints.find((c: { name: string }) => c.name === '东区4号点').missed).toBeGreaterThanOrEqual(2);
    // The job's steps are on the timeline as automatic, with no actor, and audited as the system.
    const steps = fresh.timeline.filter((e: { automatic: boolean }) => e.automatic);
    expect(steps.map((e: { action: string }) => e.action)).toEqual(['missed', 'missed', 'expire']);
    expect(steps.every((e: { actor: unknown }) => e.actor === null)).toBe(true);
    const audit = await t.database.query<{ action: string; actor_name: string }>(`select action, actor_name from audit_log where entity_id = $1 and action in ('missed', 'expire')`, [round.id]);
    expect(audit.map((r) => r.action).sort()).toEqual(['expire', 'missed', 'missed']);
    expect(audit.every((r) => r.actor_name === 'system')).toBe(true);
    // Start, the check-in and the job's steps each left an audit row, in the order of the timeline.
    const all = await t.database.query<{ action: string }>(`select action from audit_log where entity_id = $1 order by at`, [round.id]);
    expect(all.map((r) => r.action).sort()).toEqual(['created', 'start', 'check_in', 'missed', 'missed', 'expire'].sort());
    expect(fresh.timeline.map((e: { action: string }) => e.action)).toEqual(['created', 'start', 'check_in', 'missed', 'missed', 'expire']);
  });

  it('reports a round nobody walked once, by its clock, not once per checkpoint', async () => {
    const round = await extraRound();
    const due = new Date(Date.parse(round.dueAt) + 1);
    await sweepTimers(t.database.db, due);
    // The sweeper took the limit's breach step (expire) itself; the job finds nothing left.
    let fresh = (await crew.clients.manager.get(`/api/v1/patrol/rounds/${round.id}`)).json();
    expect(fresh).toMatchObject({ state: 'incomplete', counts: { missed: TAGS.length } });
    expect(fresh.timeline.map((e: { action: string; automatic: boolean }) => [e.action, e.automatic])).toEqual([['created', false], ['missed', true], ['expire', true]]);
    expect(await detectMissed(t.database.db, new Date(due.getTime() + 2 * 60_000))).toBe(0);
    fresh = (await crew.clients.manager.get(`/api/v1/patrol/rounds/${round.id}`)).json();
    expect(fresh).toMatchObject({ state: 'incomplete', counts: { missed: TAGS.length } });
    const inbox = (await crew.clients.manager.get('/api/v1/notifications?pageSize=100')).json().items.filter((n: { entityId: string }) => n.entityId === round.id);
    expect(inbox.map((n: { message: string }) => n.message)).toEqual([expect.stringContaining('按时巡完全部巡更点')]);
  });

  it('gives the guard their round', async () => {
    const mine = (await guard2.get('/api/v1/patrol/my-round')).json().round;
    expect(mine === null || mine.allowedActions.includes('checkIn')).toBe(true);
    const round = await extraRound(guard2);
    await checkIn(guard2, round.id, { tagId: TAGS[0] });
    expect((await guard2.get('/api/v1/patrol/my-round')).json().round.id).toBe(round.id);
    expect((await crew.clients.resident.get('/api/v1/patrol/my-round')).json().round).toBeNull();
  });
});
