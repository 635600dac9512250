import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../auth/context';
import { createUser } from '../../auth/commands/create-user';
import { TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { createCommunity } from '../registry/commands/create-community';
import { createBuilding } from '../registry/commands/create-building';
import { createStaff } from '../registry/commands/create-staff';
import { sweepTimers } from '../standards/sweeper';
import { buildCrew, uploadAs, type Crew } from '../work-orders/test-kit';

let t: TestApp;
let crew: Crew;
let otherGuard: TestClient;
let otherUnitId: string;
const hour = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'gate');
  // A second community of the same company, with its own guard and a unit.
  otherUnitId = await t.database.db.transaction(async (tx) => {
    const ctx = systemContext(crew.org.org.id);
    const other = await createCommunity(tx, ctx, crew.org.org.id, { name: '东门另一小区' });
    const building = await createBuilding(tx, ctx, { communityId: other.id, name: '8栋', floors: 1, unitsPerFloor: 1 }, { generateUnits: {} });
    const s = await createStaff(tx, ctx, crew.org.org.id, { name: '另一门岗', phone: '13700009901', position: 'guard', communityIds: [other.id] });
    await createUser(tx, ctx, { organizationId: crew.org.org.id, username: 'gate-guard2', displayName: '另一门岗', password: TEST_PASSWORD, roles: ['guard'], staffId: s.id });
    const { units } = await import('../registry/tables');
    const { eq } = await import('drizzle-orm');
    const [u] = await tx.select().from(units).where(eq(units.buildingId, building.id));
    return u!.id;
  });
  otherGuard = await t.client().login('gate-guard2', TEST_PASSWORD);
});
afterAll(() => t.close());

const inHours = (h: number) => new Date(Date.now() + h * hour).toISOString();

async function register(client: TestClient, body: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/gate/passes', { unitId: crew.org.unit.id, visitorName: '王建国', visitorPhone: '13812345678', plate: '浙a12345', validUntil: inHours(4), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const act = (client: TestClient, id: string, action: string, body: Record<string, unknown> = {}) => client.post(`/api/v1/gate/passes/${id}/actions/${action}`, body);

describe('visitor passes', () => {
  it('admits a pre-registered visitor once by code, records the exit, then refuses the used pass', async () => {
    const pass = await register(crew.clients.resident);
    expect(pass).toMatchObject({ origin: 'pre_registered', plate: '浙A12345', state: { key: 'expected' }, verdict: { ok: true } });
    expect(pass.code).toMatch(/^[2-9A-Z]{6}$/);
    // A running number per community and local day, next to the typed code.
    const today = new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' }).replaceAll('-', '');
    expect(pass.number).toMatch(new RegExp(`^FK${today}-\\d{4}$`));
    const second = await register(crew.clients.resident);
    expect(Number(second.number.slice(-4))).toBe(Number(pass.number.slice(-4)) + 1);
    expect(pass.allowedActions).toEqual(expect.arrayContaining(['cancel', 'share']));
    expect(pass.timers[0]).toMatchObject({ limitKey: 'validity', status: 'running', dueAt: pass.validUntil });

    const found = (await crew.clients.guard.post('/api/v1/gate/lookup', { q: pass.code.toLowerCase() })).json();
    expect(found.passes.map((p: { id: string }) => p.id)).toEqual([pass.id]);
    expect(found.passes[0].allowedActions).toContain('enter');
    const byQr = (await crew.clients.guard.post('/api/v1/gate/lookup', { q: `WYP:${pass.token}` })).json();
    expect(byQr.passes[0].id).toBe(pass.id);

    expect((await act(crew.clients.guard, pass.id, 'enter')).json()).toMatchObject({ state: { key: 'inside' } });
    const again = await act(crew.clients.guard, pass.id, 'enter');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/已于 .* 入园，请登记离开/);
    expect((await act(crew.clients.guard, pass.id, 'exit')).json()).toMatchObject({ state: { key: 'left', type: 'closed' } });
    const reused = await act(crew.clients.guard, pass.id, 'enter');
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.message).toContain('不予通行：已使用');
  });

  it('expires an unused pass at the end of its window and refuses it with the reason', async () => {
    const pass = await register(crew.clients.resident, { validUntil: inHours(1) });
    await sweepTimers(t.database.db, new Date(Date.now() + 2 * hour));
    const detail = (await crew.clients.guard.get(`/api/v1/gate/passes/${pass.id}`)).json();
    expect(detail.state.key).toBe('expired');
    expect(detail.events.at(-1)).toMatchObject({ action: 'expire', automatic: true, by: null });
    expect(detail.allowedActions).not.toContain('enter');
    const res = await act(crew.clients.guard, pass.id, 'enter');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/不予通行：已过期（有效期至 .+）/);
    crew.clients.guard.language = 'en-US';
    expect((await act(crew.clients.guard, pass.id, 'enter')).json().error.message).toMatch(/^Refused: expired \(valid until .+\)$/);
    crew.clients.guard.language = 'zh-CN';
  });

  it('refuses a pass that is not valid yet and one that was cancelled', async () => {
    const later = await register(crew.clients.resident, { validFrom: inHours(2), validUntil: inHours(5) });
    const early = await act(crew.clients.guard, later.id, 'enter');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('不予通行：尚未生效');

    const noReason = await act(crew.clients.desk, later.id, 'cancel');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual({ reason: '必填' });
    expect((await act(crew.clients.resident, later.id, 'cancel')).json().state.key).toBe('cancelled');
    const cancelled = await act(crew.clients.guard, later.id, 'enter');
    expect(cancelled.json().error.message).toBe('不予通行：已取消');
  });

  it('answers a pass or slip of another community exactly as a random id (404), and refuses every wrong role', async () => {
    const pass = await register(crew.clients.resident);
    const slip = (await crew.clients.resident.post('/api/v1/gate/slips', { unitId: crew.org.unit.id, items: [{ name: '椅子', quantity: 1 }], carrierName: '李师傅' })).json();
    const random = '00000000-0000-4000-8000-000000000001';
    // Trust issue #12 item 5: nothing tells the guard of another community that the item exists or where.
    const same = async (path: (id: string) => string, post?: Record<string, unknown>) => {
      const send = (id: string) => (post ? otherGuard.post(path(id), post) : otherGuard.get(path(id)));
      const [real, none] = [await send(path === passPath || path === passStep ? pass.id : slip.id), await send(random)];
      expect(real.statusCode, path(':id')).toBe(404);
      expect(real.json(), path(':id')).toEqual(none.json());
      expect(real.body).not.toContain(crew.org.community.name);
    };
    const passPath = (id: string) => `/api/v1/gate/passes/${id}`;
    const passStep = (id: string) => `/api/v1/gate/passes/${id}/actions/enter`;
    await same(passPath);
    await same(passStep, {});
    await same((id) => `/api/v1/gate/slips/${id}`);
    await same((id) => `/api/v1/gate/slips/${id}/actions/release`, { goods_checked: true });
    await same((id) => `/api/v1/gate/slips/${id}/qr`);
    const byToken = await otherGuard.post('/api/v1/gate/lookup', { q: `WYP:${pass.token}` });
    const byRandomToken = await otherGuard.post('/api/v1/gate/lookup', { q: `WYP:${'A'.repeat(32)}` });
    expect(byToken.statusCode).toBe(404);
    expect(byToken.json()).toEqual(byRandomToken.json());
    expect((await otherGuard.post('/api/v1/gate/lookup', { q: `WYS:${slip.token}` })).statusCode).toBe(404);
    expect((await otherGuard.post('/api/v1/gate/lookup', { q: pass.code })).json().passes).toEqual([]);

    expect((await act(crew.clients.tech, pass.id, 'enter')).statusCode).toBe(404);
    expect((await act(crew.clients.resident, pass.id, 'enter')).statusCode).toBe(403);
    expect((await crew.clients.tech.post('/api/v1/gate/lookup', { q: pass.code })).statusCode).toBe(403);
    expect((await crew.clients.resident.post('/api/v1/gate/lookup', { q: pass.code })).statusCode).toBe(403);
    expect((await crew.clients.tech.post('/api/v1/gate/passes', { unitId: crew.org.unit.id, visitorName: '某人' })).statusCode).toBe(403);
    const notHome = await crew.clients.resident.post('/api/v1/gate/passes', { unitId: otherUnitId, visitorName: '某人' });
    expect(notHome.json().error.fields).toEqual({ unitId: '只能为自己家的房屋登记' });
  });

  it('registers a walk-in only with the host’s confirmation and can admit at once', async () => {
    const missing = await crew.clients.guard.post('/api/v1/gate/passes', { unitId: crew.org.unit.id, visitorName: '快递员' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ hostConfirmation: '必填', confirmedBy: '必填' });
    const walkIn = await register(crew.clients.guard, { hostConfirmation: 'phone', confirmedBy: '测试业主', enterNow: true, validUntil: undefined });
    expect(walkIn).toMatchObject({ origin: 'walk_in', state: { key: 'inside' }, confirmation: { channel: 'phone', confirmedBy: '测试业主' } });
    expect(walkIn.events.map((e: { action: string }) => e.action)).toEqual(['created', 'enter']);
    const window = new Date(walkIn.validUntil).getTime() - new Date(walkIn.validFrom).getTime();
    expect(window).toBe(24 * hour);
  });

  it('shows the visitor’s link without login and with the minimum data', async () => {
    const pass = await register(crew.clients.resident);
    const anon = t.client();
    const res = await anon.get(`/api/v1/gate/shared-passes/${pass.token}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ visitorName: '王*', code: pass.code, qrContent: `WYP:${pass.token}`, verdict: { ok: true } });
    expect(res.body).not.toContain('13812345678');
    expect(res.body).not.toContain(crew.org.unit.number);
    const qr = await anon.get(`/api/v1/gate/shared-passes/${pass.token}/qr`);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect((await anon.get(`/api/v1/gate/shared-passes/${pass.token}/qr?format=png`)).headers['content-type']).toBe('image/png');
    expect((await anon.get('/api/v1/gate/shared-passes/AAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
  });
});

describe('goods release', () => {
  const slipBody = () => ({ unitId: crew.org.unit.id, items: [{ name: '旧冰箱', quantity: 1 }, { name: '纸箱', quantity: 3, note: '书籍' }], carrierName: '李师傅', carrierPhone: '13987654321' });
  const slipAct = (client: TestClient, id: string, action: string, body: Record<string, unknown> = {}) => client.post(`/api/v1/gate/slips/${id}/actions/${action}`, body);

  it('releases the goods of a slip exactly once, against the check and the signature', async () => {
    const slip = (await crew.clients.resident.post('/api/v1/gate/slips', slipBody())).json();
    expect(slip).toMatchObject({ state: { key: 'issued' }, verdict: { ok: true } });
    expect(slip.number).toMatch(/^FX\d{8}-\d{4}$/);
    const missing = await slipAct(crew.clients.guard, slip.id, 'release', {});
    expect(missing.json().error.fields).toEqual({ goods_checked: '必填', guard_signature: '必填' });
    expect((await slipAct(crew.clients.desk, slip.id, 'release', { goods_checked: true })).statusCode).toBe(403);

    const signatureId = await uploadAs(crew.clients.guard, 'signature');
    const released = await slipAct(crew.clients.guard, slip.id, 'release', { goods_checked: true, guard_signature: signatureId });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ state: { key: 'released' }, release: { signatureId } });
    const twice = await slipAct(crew.clients.guard, slip.id, 'release', { goods_checked: true, guard_signature: await uploadAs(crew.clients.guard, 'signature') });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/放行条已于 .+ 使用，每张只能使用一次/);
  });

  it('shows the released slip’s signature to everyone who may read the slip, and 404 to everyone else', async () => {
    const slip = (await crew.clients.resident.post('/api/v1/gate/slips', slipBody())).json();
    const signatureId = await uploadAs(crew.clients.guard, 'signature');
    // Before it is linked only its uploader may open it.
    expect((await crew.clients.guard.get(`/api/v1/attachments/${signatureId}`)).statusCode).toBe(200);
    expect((await crew.clients.desk.get(`/api/v1/attachments/${signatureId}`)).statusCode).toBe(404);
    expect((await slipAct(crew.clients.guard, slip.id, 'release', { goods_checked: true, guard_signature: signatureId })).statusCode).toBe(200);
    for (const who of ['guard', 'desk', 'manager', 'admin', 'resident'] as const) {
      const res = await crew.clients[who].get(`/api/v1/attachments/${signatureId}`);
      expect(res.statusCode, who).toBe(200);
      expect(res.headers['content-type'], who).toBe('image/png');
    }
    const stranger = await buildCrew(t, 'gate-x');
    expect((await otherGuard.get(`/api/v1/attachments/${signatureId}`)).statusCode).toBe(404);
    expect((await stranger.clients.admin.get(`/api/v1/attachments/${signatureId}`)).statusCode).toBe(404);
    expect((await stranger.clients.admin.get(`/api/v1/attachments/${signatureId}/thumbnail`)).statusCode).toBe(404);
    // Used once: the same signature cannot be linked to another slip.
    const other = (await crew.clients.resident.post('/api/v1/gate/slips', slipBody())).json();
    const reuse = await slipAct(crew.clients.guard, other.id, 'release', { goods_checked: true, guard_signature: signatureId });
    expect(Object.keys(reuse.json().error.fields)).toEqual(['guard_signature']);
    expect(reuse.statusCode).toBe(400);
    // The slip's log is on the one timeline, with who released it.
    const detail = (await crew.clients.desk.get(`/api/v1/gate/slips/${slip.id}`)).json();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['created', 'release']);
    expect(detail.events[1]).toMatchObject({ automatic: false, by: { name: expect.any(String) }, data: { guard_signature: signatureId, goods_checked: true } });
  });

  it('lets the desk issue only with the owner’s confirmation, and refuses an expired slip', async () => {
    const noConfirm = await crew.clients.desk.post('/api/v1/gate/slips', slipBody());
    expect(noConfirm.json().error.fields).toEqual({ ownerConfirmation: '必填', confirmedBy: '必填' });
    const slip = (await crew.clients.desk.post('/api/v1/gate/slips', { ...slipBody(), ownerConfirmation: 'phone', confirmedBy: '测试业主' })).json();
    expect(slip.confirmation).toMatchObject({ channel: 'phone', confirmedBy: '测试业主' });
    await sweepTimers(t.database.db, new Date(Date.now() + 25 * hour));
    const res = await slipAct(crew.clients.guard, slip.id, 'release', { goods_checked: true, guard_signature: await uploadAs(crew.clients.guard, 'signature') });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('不予放行：放行条已过期');
    expect((await slipAct(otherGuard, slip.id, 'release', { goods_checked: true })).statusCode).toBe(404);
  });
});

describe('decoration workers', () => {
  const day = 86_400_000;
  const localDate = (ms: number) => new Date(Date.now() + ms + 8 * hour).toISOString().slice(0, 10);

  it('gives a fixed worker a pass for every entry in the period, and refuses it after the period', async () => {
    const backwards = await crew.clients.desk.post('/api/v1/gate/decorations', { unitId: crew.org.unit.id, company: '匠心装饰', responsibleName: '赵工', responsiblePhone: '13811112222', startsOn: localDate(0), endsOn: localDate(-day) });
    expect(backwards.json().error.fields).toEqual({ endsOn: '结束日期须晚于开始日期' });
    const deco = (await crew.clients.desk.post('/api/v1/gate/decorations', { unitId: crew.org.unit.id, company: '匠心装饰', responsibleName: '赵工', responsiblePhone: '13811112222', startsOn: localDate(0), endsOn: localDate(2 * day) })).json();
    expect(deco.active).toBe(true);
    expect((await crew.clients.resident.post(`/api/v1/gate/decorations/${deco.id}/workers`, { name: '钱师傅', kind: 'fixed' })).statusCode).toBe(403);

    const missing = await crew.clients.desk.post(`/api/v1/gate/decorations/${deco.id}/workers`, { name: '钱师傅', kind: 'fixed' });
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['certificateNumber', 'certificatePhotoId']);
    const photoId = await uploadAs(crew.clients.desk, 'photo');
    const res = await crew.clients.desk.post(`/api/v1/gate/decorations/${deco.id}/workers`, { name: '钱师傅', kind: 'fixed', certificateNumber: 'ZJ-2026-0088', certificatePhotoId: photoId });
    expect(res.statusCode, res.body).toBe(201);
    const pass = res.json();
    expect(pass).toMatchObject({ origin: 'decoration', decorationId: deco.id, verdict: { ok: true } });
    const detail = (await crew.clients.desk.get(`/api/v1/gate/decorations/${deco.id}`)).json();
    expect(detail.workers[0]).toMatchObject({ kind: 'fixed', certificateNumber: 'ZJ-2026-0088', certificatePhotoId: photoId, certificateCheckedBy: { name: expect.any(String) }, passId: pass.id });
    // The certificate copy is linked to the decoration: its readers see it, a guard of another community does not.
    for (const who of ['desk', 'manager', 'guard', 'resident'] as const) expect((await crew.clients[who].get(`/api/v1/attachments/${photoId}`)).statusCode, who).toBe(200);
    expect((await otherGuard.get(`/api/v1/attachments/${photoId}`)).statusCode).toBe(404);

    // Fixed workers come and go through the period.
    await act(crew.clients.guard, pass.id, 'enter');
    expect((await act(crew.clients.guard, pass.id, 'exit')).json().state.key).toBe('expected');
    expect((await act(crew.clients.guard, pass.id, 'enter')).json().state.key).toBe('inside');
    await act(crew.clients.guard, pass.id, 'exit');

    // After the last day the validity timer expires the pass and the guard is told why.
    await sweepTimers(t.database.db, new Date(Date.now() + 4 * day));
    const after = await act(crew.clients.guard, pass.id, 'enter');
    expect(after.statusCode).toBe(409);
    expect(after.json().error.message).toMatch(/不予通行：已过期/);
  });

  it('registers a temporary worker per visit only after verification', async () => {
    const deco = (await crew.clients.desk.post('/api/v1/gate/decorations', { unitId: crew.org.unit.id, company: '匠心装饰', responsibleName: '赵工', responsiblePhone: '13811112222', startsOn: localDate(0), endsOn: localDate(day) })).json();
    const unverified = await crew.clients.guard.post(`/api/v1/gate/decorations/${deco.id}/workers`, { name: '孙小工', kind: 'temporary' });
    expect(unverified.json().error.fields).toEqual({ verification: '必填' });
    expect((await crew.clients.guard.post(`/api/v1/gate/decorations/${deco.id}/workers`, { name: '孙小工', kind: 'fixed', certificateNumber: 'X1234' })).statusCode).toBe(403);
    const pass = (await crew.clients.guard.post(`/api/v1/gate/decorations/${deco.id}/workers`, { name: '孙小工', kind: 'temporary', verification: '核对身份证' })).json();
    expect(new Date(pass.validUntil).getTime() - Date.now()).toBeLessThanOrEqual(day);
    await act(crew.clients.guard, pass.id, 'enter');
    expect((await act(crew.clients.guard, pass.id, 'exit')).json().state.key).toBe('left');
  });
});
