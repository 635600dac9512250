import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../common/registry';
import { systemContext } from '../../auth/context';
import { createUser } from '../../auth/commands/create-user';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { localDateToday } from '../../work/staff-eligibility';
import { users } from '../../auth/tables';
import { auditLog } from '../audit/tables';
import { notifications } from '../notifications/tables';
import { createStaff } from '../registry/commands/create-staff';
import { buildCrew, uploadAs, type Crew } from '../work-orders/test-kit';
import { warnExpiringCertificates } from './jobs';

let t: TestApp;
let crew: Crew;
let other: Awaited<ReturnType<typeof buildOrganization>>;
let outsider: TestClient;
const today = localDateToday();
let hired = 0;

/** A staff member of the crew's community with a sign-in, hired and in training from `startedOn`. */
async function hire(username: string, position: 'technician' | 'guard', startedOn: string | null, hireDate: string | null = startedOn) {
  const member = await t.database.db.transaction(async (tx) => {
    const ctx = systemContext(crew.org.org.id);
    const s = await createStaff(tx, ctx, crew.org.org.id, {
      name: `新员工${username}`,
      phone: `136${String(process.pid % 10_000).padStart(4, '0')}${String(++hired).padStart(4, '0')}`,
      position,
      communityIds: [crew.org.community.id],
      skills: position === 'technician' ? ['plumbing'] : [],
      hireDate,
      trainingStartedOn: startedOn,
    });
    await createUser(tx, ctx, { organizationId: crew.org.org.id, username, displayName: `新员工${username}`, password: TEST_PASSWORD, roles: [position], staffId: s.id });
    return s;
  });
  return { staffId: member.id, client: await t.client().login(username, TEST_PASSWORD) };
}

const repair = () => ({
  kind: 'repair',
  communityId: crew.org.community.id,
  unitId: crew.org.unit.id,
  channel: 'phone',
  category: 'plumbing',
  description: '卫生间地漏堵塞',
  reporterResidentId: crew.org.resident.id,
});

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'tr');
  other = await buildOrganization(t.database, { prefix: 'trx', roles: ['company_admin', 'technician'] });
  outsider = await t.client().login(other.users.company_admin!, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('the pre-job training block (a kernel solo-work check registered by training)', () => {
  it('refuses to dispatch a repair to a technician still in pre-job training, at the step’s staff field, saying until when', async () => {
    const started = addDays(today, -5);
    const trainee = await hire('tr-newtech', 'technician', started);
    const id = (await crew.clients.desk.post('/api/v1/work-orders', repair())).json().id as string;
    const zh = await crew.clients.dispatcher.post(`/api/v1/work-orders/${id}/actions/dispatch`, { technician: trainee.staffId }, { 'accept-language': 'zh-CN' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.fields).toEqual({ technician: `岗前培训中（${started} 起），${addDays(started, 30)} 前不能独立上岗或单独派单` });
    const en = await crew.clients.dispatcher.post(`/api/v1/work-orders/${id}/actions/dispatch`, { technician: trainee.staffId }, { 'accept-language': 'en-US' });
    expect(en.json().error.fields.technician).toBe(`In pre-job training since ${started}; may not work alone or be dispatched alone before ${addDays(started, 30)}`);
    // The dispatcher's picker is told the same refusal before sending.
    const suggested = (await crew.clients.dispatcher.get(`/api/v1/work-orders/${id}/suggested-assignees`)).json().items as { staffId: string; heldFromSoloWork: unknown }[];
    expect(suggested.find((s) => s.staffId === trainee.staffId)?.heldFromSoloWork).toEqual(expect.objectContaining({ 'zh-CN': expect.stringContaining(addDays(started, 30)) }));
    expect(suggested.find((s) => s.staffId === crew.techStaffId)?.heldFromSoloWork).toBeNull();
    // Nothing was written: the order still waits for dispatch, and a cleared technician can take it.
    expect((await crew.clients.desk.get(`/api/v1/work-orders/${id}`)).json().status).toBe('submitted');
    const ok = await crew.clients.dispatcher.post(`/api/v1/work-orders/${id}/actions/dispatch`, { technician: crew.techStaffId });
    expect(ok.statusCode, ok.body).toBe(200);
    // Reassigning to the trainee is refused the same way (the reassign step's record also assigns).
    const re = await crew.clients.dispatcher.post(`/api/v1/work-orders/${id}/actions/reassign`, { technician: trainee.staffId });
    expect(re.statusCode).toBe(400);
    expect(re.json().error.fields.technician).toContain('岗前培训中');
  });

  it('holds a new hire with no training on record for 30 days from the hire date, and lifts the hold once completion is recorded', async () => {
    const newHire = await hire('tr-hire', 'technician', null, addDays(today, -3));
    const id = (await crew.clients.desk.post('/api/v1/work-orders', repair())).json().id as string;
    const held = await crew.clients.dispatcher.post(`/api/v1/work-orders/${id}/actions/dispatch`, { technician: newHire.staffId });
    expect(held.json().error.fields.technician).toContain(addDays(today, 27));

    const late = await hire('tr-late', 'technician', addDays(today, -40));
    const waiting = await crew.clients.dispatcher.post(`/api/v1/work-orders/${id}/actions/dispatch`, { technician: late.staffId });
    expect(waiting.statusCode).toBe(400);
    expect(waiting.json().error.fields.technician).toBe(`岗前培训（${addDays(today, -40)} 起）尚未确认完成，确认完成后方可独立上岗`);
    const status = (await crew.clients.manager.get(`/api/v1/training/staff/${late.staffId}/pre-job`)).json();
    expect(status).toMatchObject({ held: true, startedOn: addDays(today, -40), earliestCompletion: addDays(today, -10), completedOn: null });
    const done = await crew.clients.manager.post(`/api/v1/staff/${late.staffId}/complete-training`, { completedOn: today });
    expect(done.statusCode, done.body).toBe(200);
    expect((await crew.clients.manager.get(`/api/v1/training/staff/${late.staffId}/pre-job`)).json()).toMatchObject({ held: false, reason: null });
    const ok = await crew.clients.dispatcher.post(`/api/v1/work-orders/${id}/actions/dispatch`, { technician: late.staffId });
    expect(ok.statusCode, ok.body).toBe(200);
    // Another company's staff member is not found, like a random id.
    expect((await crew.clients.manager.get(`/api/v1/training/staff/${other.org.id}/pre-job`)).statusCode).toBe(404);
  });

  it('refuses a guard in pre-job training a duty post, by starting duty or by a handover', async () => {
    const started = addDays(today, -2);
    const trainee = await hire('tr-newguard', 'guard', started);
    const post = await crew.clients.manager.post('/api/v1/duty-posts', { communityId: crew.org.community.id, name: '西门岗', kind: 'gate', checklist: [{ name: '对讲机', expected: 1 }] });
    expect(post.statusCode, post.body).toBe(201);
    const postId = post.json().id as string;
    const start = await trainee.client.post(`/api/v1/duty-posts/${postId}/start-duty`);
    expect(start.statusCode).toBe(409);
    expect(start.json().error.message).toBe(`不能上岗：岗前培训中（${started} 起），${addDays(started, 30)} 前不能独立上岗或单独派单`);
    expect((await crew.clients.guard.post(`/api/v1/duty-posts/${postId}/start-duty`)).statusCode).toBe(200);
    const out = await crew.clients.guard.post(`/api/v1/duty-posts/${postId}/handovers`, { counts: [{ key: '1', count: 1 }], signatureId: await uploadAs(crew.clients.guard, 'signature') });
    expect(out.statusCode, out.body).toBe(201);
    const take = await trainee.client.post(`/api/v1/shift-handovers/${out.json().id}/take-over`, { counts: [{ key: '1', count: 1 }], signatureId: await uploadAs(trainee.client, 'signature') });
    expect(take.statusCode).toBe(409);
    expect(take.json().error.message).toContain(addDays(started, 30));
    expect((await crew.clients.guard.get(`/api/v1/duty-posts/${postId}`)).json().onDutyIsMe).toBe(true);
  });

  it('shows trainees their own hold and until when in their training record', async () => {
    const me = (await (await hire('tr-self', 'guard', addDays(today, -1))).client.get('/api/v1/training/me')).json();
    expect(me.preJob).toMatchObject({ held: true, earliestCompletion: addDays(today, 29) });
    expect(me.preJob.reason['zh-CN']).toContain('岗前培训中');
  });
});

describe('courses and sessions', () => {
  let courseId: string;

  it('adds courses per position with per-field errors, only for managers of the company', async () => {
    const bad = await crew.clients.manager.post('/api/v1/training/courses', { name: '', kind: 'x', positions: [], hours: 0 }, { 'accept-language': 'zh-CN' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['hours', 'kind', 'name', 'positions']);
    expect((await crew.clients.tech.post('/api/v1/training/courses', { name: '岗前培训·维修', kind: 'pre_job', positions: ['technician'], hours: 40 })).statusCode).toBe(403);
    const ok = await crew.clients.manager.post('/api/v1/training/courses', { name: '岗前培训·秩序维护', kind: 'pre_job', positions: ['guard'], hours: 40, passScore: 80 });
    expect(ok.statusCode, ok.body).toBe(201);
    courseId = ok.json().id;
    await crew.clients.admin.post('/api/v1/training/courses', { name: '电梯困人应急', kind: 'safety', positions: ['technician', 'guard'], hours: 4 });
    const guards = (await crew.clients.manager.get('/api/v1/training/courses?position=guard')).json();
    expect(guards.total).toBe(2);
    expect(guards.items.map((c: { name: string }) => c.name)).toEqual(['岗前培训·秩序维护', '电梯困人应急']);
    expect((await crew.clients.manager.get('/api/v1/training/courses?kind=safety&position=guard')).json().total).toBe(1);
    expect((await outsider.get('/api/v1/training/courses')).json().total).toBe(0);
    expect((await outsider.patch(`/api/v1/training/courses/${courseId}`, { hours: 1 })).statusCode).toBe(404);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'training_course'), eq(auditLog.entityId, courseId)));
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('records a session with attendance and exam scores, each listed staff member checked', async () => {
    const body = (attendance: unknown[]) => ({ courseId, communityId: crew.org.community.id, heldOn: today, trainer: '周建华', attendance });
    const guard = (await crew.clients.guard.get('/api/v1/auth/me')).json();
    const [stranger] = await t.database.db.select({ staffId: users.staffId }).from(users).where(eq(users.username, other.users.technician!));
    const bad = await crew.clients.manager.post('/api/v1/training/sessions', body([
      { staffId: crew.techStaffId, attended: false, examScore: 90 },
      { staffId: crew.techStaffId, attended: true },
      { staffId: stranger!.staffId, attended: true },
    ]));
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['attendance.0.examScore', 'attendance.1.staffId', 'attendance.2.staffId']);
    const ok = await crew.clients.manager.post('/api/v1/training/sessions', body([
      { staffId: crew.techStaffId, attended: true, examScore: 92 },
      { staffId: crew.tech2StaffId, attended: true, examScore: 70 },
      { staffId: guard.user.staffId, attended: false },
    ]));
    expect(ok.statusCode, ok.body).toBe(201);
    const session = ok.json();
    expect(session).toMatchObject({ courseName: '岗前培训·秩序维护', attended: 2, passed: 1 });
    expect(session.attendance.find((a: { staffId: string }) => a.staffId === crew.tech2StaffId)).toMatchObject({ examScore: 70, passed: false });
    expect((await crew.clients.manager.get(`/api/v1/training/sessions?staffId=${crew.tech2StaffId}`)).json().items.map((s: { id: string }) => s.id)).toEqual([session.id]);
    expect((await crew.clients.manager.get(`/api/v1/training/courses?q=秩序`)).json().items[0].sessions).toBe(1);
    const mine = (await crew.clients.tech2.get('/api/v1/training/me')).json();
    expect(mine.sessions.map((s: { id: string }) => s.id)).toEqual([session.id]);
    expect(mine.preJob).toMatchObject({ held: false });
    // A community of another company is not found; a technician may not record.
    const foreign = await crew.clients.manager.post('/api/v1/training/sessions', { ...body([{ staffId: crew.techStaffId, attended: true }]), communityId: other.community.id });
    expect(foreign.statusCode).toBe(400);
    expect(Object.keys(foreign.json().error.fields)).toEqual(['communityId']);
    expect((await crew.clients.tech.post('/api/v1/training/sessions', body([{ staffId: crew.techStaffId, attended: true }]))).statusCode).toBe(403);
    expect((await outsider.get('/api/v1/training/sessions')).json().total).toBe(0);
  });
});

describe('certificates', () => {
  it('records certificates with expiry, warns 30 days ahead once per expiry, and exports the list', async () => {
    const cert = (over: Record<string, unknown>) => ({ staffId: crew.techStaffId, kind: 'electrician', number: 'T-0001', issuedOn: addDays(today, -700), expiresOn: addDays(today, 20), ...over });
    const [{ staffId: stranger } = { staffId: null }] = await t.database.db.select({ staffId: users.staffId }).from(users).where(eq(users.username, other.users.technician!));
    const bad = await crew.clients.manager.post('/api/v1/training/certificates', cert({ expiresOn: addDays(today, -800) }), { 'accept-language': 'en-US' });
    expect(bad.json().error.fields).toEqual({ expiresOn: 'The expiry must be after the issue date' });
    const foreign = await crew.clients.manager.post('/api/v1/training/certificates', cert({ staffId: stranger }));
    expect(Object.keys(foreign.json().error.fields)).toEqual(['staffId']);
    const ok = await crew.clients.manager.post('/api/v1/training/certificates', cert({}));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ state: 'expiring', daysLeft: 20, staffName: 'technician 员工' });
    const twice = await crew.clients.manager.post('/api/v1/training/certificates', cert({ staffId: crew.tech2StaffId }));
    expect(twice.json().error.fields).toEqual({ number: '已登记过该证书编号' });
    await crew.clients.manager.post('/api/v1/training/certificates', cert({ staffId: crew.tech2StaffId, kind: 'lift', number: 'L-9', expiresOn: addDays(today, 400) }));

    const expiring = (await crew.clients.manager.get('/api/v1/training/certificates?state=expiring')).json();
    expect(expiring.items.map((c: { number: string }) => c.number)).toEqual(['T-0001']);
    expect((await crew.clients.manager.get('/api/v1/training/certificates?state=valid')).json().items.map((c: { number: string }) => c.number)).toEqual(['L-9']);
    expect((await outsider.get('/api/v1/training/certificates')).json().total).toBe(0);
    expect((await outsider.patch(`/api/v1/training/certificates/${ok.json().id}`, { number: 'X' })).statusCode).toBe(404);

    await warnExpiringCertificates(t.database.db, today);
    await warnExpiringCertificates(t.database.db, today);
    const sent = await t.database.db.select().from(notifications).where(eq(notifications.entityId, ok.json().id));
    // The holder and the community's project manager, each once; nothing for the lift certificate.
    expect(sent).toHaveLength(2);
    const inbox = (await crew.clients.tech.get('/api/v1/notifications')).json();
    expect(JSON.stringify(inbox)).toContain(`电工证（T-0001）将于 ${addDays(today, 20)} 到期`);

    // Renewing (a new expiry) moves it out of the warning window.
    const renewed = await crew.clients.manager.patch(`/api/v1/training/certificates/${ok.json().id}`, { expiresOn: addDays(today, 1000) });
    expect(renewed.json()).toMatchObject({ state: 'valid' });
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, ok.json().id));
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'update']);

    const file = await crew.clients.manager.get('/api/v1/training/certificates?format=xlsx');
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r[3]).sort()).toEqual(['L-9', 'T-0001']);
  });
});
