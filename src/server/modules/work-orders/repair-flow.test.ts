import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { act, addTechnician, buildCrew, uploadAs, type Crew } from './test-kit';

let t: TestApp;
let crew: Crew;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'rf');
});
afterAll(() => t.close());

const repair = (over: Record<string, unknown> = {}) => ({
  kind: 'repair',
  communityId: crew.org.community.id,
  unitId: crew.org.unit.id,
  channel: 'phone',
  category: 'plumbing',
  description: '厨房水龙头漏水',
  reporterResidentId: crew.org.resident.id,
  ...over,
});

describe('a paid repair from intake to closed', () => {
  it('runs through the standard, pausing the clock while the owner considers the quote', async () => {
    const { desk, dispatcher, tech, resident, manager } = crew.clients;
    const created = await desk.post('/api/v1/work-orders', repair({ paid: true }));
    expect(created.statusCode).toBe(201);
    const order = created.json();
    expect(order.number).toMatch(/^BX\d{8}-\d{4}$/);
    expect(order).toMatchObject({ status: 'submitted', statusType: 'open', urgency: 'routine', paid: true, reporter: { name: '测试业主' } });
    expect(order.promise.limits.map((l: { limitKey: string }) => l.limitKey).sort()).toEqual(['arrival', 'completion', 'first_contact']);
    expect(order.allowedActions).toEqual(['cancel']);
    const id = order.id;

    const suggestions = (await dispatcher.get(`/api/v1/work-orders/${id}/suggested-assignees`)).json().items;
    expect(suggestions[0]).toMatchObject({ staffId: crew.techStaffId, skillMatch: true, onDuty: true });
    expect(suggestions[1].reasons).toContain('no_skill_match');

    await act(dispatcher, id, 'dispatch', { technician: crew.techStaffId });
    const inbox = (await tech.get('/api/v1/notifications')).json().items;
    expect(inbox.some((n: { kind: string; entityId: string }) => n.kind === 'assigned' && n.entityId === id)).toBe(true);
    await act(tech, id, 'accept');
    const at1 = new Date(Date.now() + 3 * 3_600_000).toISOString();
    await act(tech, id, 'schedule', { appointment_at: at1 });
    const noReason = await tech.post(`/api/v1/work-orders/${id}/actions/schedule`, { appointment_at: new Date(Date.now() + 5 * 3_600_000).toISOString() });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual({ reason: '更改预约须说明原因' });
    const at2 = new Date(Date.now() + 5 * 3_600_000).toISOString();
    const moved = await act(tech, id, 'schedule', { appointment_at: at2, reason: '业主临时外出' });
    const step = moved.timeline.at(-1) as { data: { appointment: { from: string; to: string; reason: string } } };
    expect(step.data.appointment).toEqual({ from: at1, to: at2, reason: '业主临时外出' });

    const arrive = await tech.post(`/api/v1/work-orders/${id}/actions/arrive`, { before: [] });
    expect(arrive.json().error.fields).toEqual({ before: '至少 1 项' });
    await act(tech, id, 'arrive', { before: [await uploadAs(tech)] });
    const noBasis = await tech.post(`/api/v1/work-orders/${id}/actions/quote`, { items: [{ name: '更换水龙头', amount: 8000 }] });
    expect(Object.keys(noBasis.json().error.fields).sort()).toEqual(['diagnosis']);
    const quoted = await act(tech, id, 'quote', { diagnosis: '阀芯老化', items: [{ name: '更换水龙头', amount: 8000 }], price_basis: '公示价目表' });
    expect(quoted.status).toBe('quoted');
    let detail = (await desk.get(`/api/v1/work-orders/${id}`)).json();
    expect(detail.timers.filter((x: { status: string }) => x.status === 'paused').map((x: { limitKey: string }) => x.limitKey)).toEqual(['completion']);
    expect(detail.quote.totalAmount).toBe(8000);

    expect((await tech.post(`/api/v1/work-orders/${id}/actions/complete`, { work_done: 'x' })).statusCode).toBe(409);
    const deskConsent = await desk.post(`/api/v1/work-orders/${id}/actions/consent`, { approved: true });
    expect(deskConsent.json().error.fields).toHaveProperty('channel');
    await act(resident, id, 'consent', { approved: true });
    detail = (await desk.get(`/api/v1/work-orders/${id}`)).json();
    expect(detail.consent).toMatchObject({ approved: true, channel: 'app', by: { name: expect.any(String) } });
    expect(detail.timers.find((x: { limitKey: string }) => x.limitKey === 'completion').status).toBe('running');

    await act(tech, id, 'complete', { work_done: '更换水龙头', after: [await uploadAs(tech)], materials: [{ name: '水龙头', quantity: 1 }] });
    const rejected = await act(resident, id, 'confirm', { approved: false, reason: '仍在滴水' });
    expect(rejected.status).toBe('in_repair');
    await act(tech, id, 'complete', { work_done: '重新更换阀芯', after: [await uploadAs(tech)], materials: [] });
    await act(resident, id, 'confirm', { approved: true, owner: await uploadAs(resident, 'signature') });
    // The owner reads the standard's owner-facing state name; the desk its own to-do.
    const ownerView = (await resident.get(`/api/v1/work-orders/${id}`)).json();
    expect(ownerView.statusName['zh-CN']).toBe('已验收');
    expect(ownerView.timeline.at(-1).toStateName['zh-CN']).toBe('已验收');
    expect((await resident.get('/api/v1/work-orders')).json().items.find((o: { id: string }) => o.id === id).statusName['zh-CN']).toBe('已验收');
    expect((await desk.get(`/api/v1/work-orders/${id}`)).json().statusName['zh-CN']).toBe('已验收待回访');
    // The desk is told what the owner's answer led to, in words that do not repeat the step's name.
    const told = ((await desk.get('/api/v1/notifications?pageSize=50')).json().items as { message: string }[]).map((n) => n.message);
    expect(told).toContain(`${order.number}：业主已回复，工单现为“已验收待回访”`);
    expect(told.filter((m) => m.includes('业主业主'))).toEqual([]);
    const closed = await act(manager, id, 'return-visit', { satisfaction: 5, channel: 'phone' });
    expect(closed.status).toBe('closed');
    detail = (await desk.get(`/api/v1/work-orders/${id}`)).json();
    expect(detail.counters).toEqual({ rejections: 1 });
    expect(detail.returnVisit.score).toBe(5);
    expect(detail.acceptance.signatureId).toBeTruthy();
    expect(detail.attachments.map((a: { purpose: string }) => a.purpose).sort()).toEqual(['after', 'after', 'before', 'owner']);
    expect(detail.timers.every((x: { status: string }) => x.status !== 'running' && x.status !== 'paused')).toBe(true);

    const outbox = (await desk.get('/api/v1/outbox?pageSize=50')).json().items.filter((m: { body: string }) => m.body.includes(order.number));
    expect(outbox.map((m: { status: string }) => m.status)).toEqual(expect.arrayContaining(['recorded']));
    const bodies = outbox.map((m: { body: string }) => m.body).join('\n');
    expect(bodies).toContain('原因：业主临时外出');
    expect(bodies).toContain('报价 80.00 元');
    expect(bodies).toContain('已完工');
  });
});

describe('retrying a step', () => {
  it('returns the first response to a retry with the same Idempotency-Key, and refuses the key for another body', async () => {
    const { desk, dispatcher } = crew.clients;
    const id = (await desk.post('/api/v1/work-orders', repair())).json().id as string;
    const headers = { 'idempotency-key': `dispatch-${id}` };
    const first = await dispatcher.post(`/api/v1/work-orders/${id}/actions/dispatch`, { technician: crew.techStaffId }, headers);
    expect(first.statusCode).toBe(200);
    const retry = await dispatcher.post(`/api/v1/work-orders/${id}/actions/dispatch`, { technician: crew.techStaffId }, headers);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().timeline).toHaveLength(first.json().timeline.length);
    const detail = (await desk.get(`/api/v1/work-orders/${id}`)).json();
    expect(detail.timeline.filter((e: { action: string }) => e.action === 'dispatch')).toHaveLength(1);
    const other = await dispatcher.post(`/api/v1/work-orders/${id}/actions/dispatch`, { technician: crew.tech2StaffId }, headers);
    expect(other.statusCode).toBe(409);
  });
});

describe('two people acting on one order at once', () => {
  it('lets the first dispatch win and refuses the second with 409 STALE naming where the order is now', async () => {
    const { desk, dispatcher, manager } = crew.clients;
    const other = await addTechnician(t, crew, 'rf-tech4', ['plumbing']);
    const created = (await desk.post('/api/v1/work-orders', repair())).json();
    const seen = (await dispatcher.get(`/api/v1/work-orders/${created.id}`));
    expect(seen.headers.etag).toBe(`"${created.version}"`);
    const ifMatch = { 'if-match': seen.headers.etag as string };
    // Both saw the order undispatched; each sends it to a different technician.
    const [a, b] = await Promise.all([
      dispatcher.post(`/api/v1/work-orders/${created.id}/actions/dispatch`, { technician: crew.techStaffId }, ifMatch),
      manager.post(`/api/v1/work-orders/${created.id}/actions/dispatch`, { technician: other.staffId }, ifMatch),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [won, lost] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(won.headers.etag).toBe(`"${created.version + 1}"`);
    expect(lost.json().error).toMatchObject({ code: 'STALE', current: { state: 'dispatched', version: created.version + 1 } });
    expect(lost.json().error.message).toContain('已派单');
    const detail = (await desk.get(`/api/v1/work-orders/${created.id}`)).json();
    expect(detail.timeline.filter((e: { action: string }) => e.action === 'dispatch')).toHaveLength(1);
    expect(detail.assignee.id).toBe(won === a ? crew.techStaffId : other.staffId);
    // Without If-Match a step still goes (scripts and integrations that read and act at once).
    const reassign = { technician: crew.techStaffId, reason: '原技工请假' };
    expect((await dispatcher.post(`/api/v1/work-orders/${created.id}/actions/reassign`, reassign)).statusCode).toBe(200);
    // A malformed If-Match is a 400 naming the header.
    const bad = await dispatcher.post(`/api/v1/work-orders/${created.id}/actions/reassign`, reassign, { 'if-match': 'seven' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('a working day without workarounds (#14)', () => {
  type Detail = { status: string; assignee: { id: string } | null; timers: { limitKey: string; status: string; dueAt: string | null }[]; allowedActions: string[] };
  const detail = async (id: string) => (await crew.clients.desk.get(`/api/v1/work-orders/${id}`)).json() as Detail;
  const timer = (d: Detail, key: string) => d.timers.filter((x) => x.limitKey === key).at(-1);
  const inbox = async (who: keyof Crew['clients']) => (await crew.clients[who].get('/api/v1/notifications?pageSize=50')).json().items as { message: string }[];

  it('puts an order on hold with its clocks stopped, reassigns it with a reason and lets the technician hand it back', async () => {
    const { desk, dispatcher, tech } = crew.clients;
    const { client: tech3, staffId: tech3Id } = await addTechnician(t, crew, 'rf-tech3', ['plumbing']);
    const { id, number } = (await desk.post('/api/v1/work-orders', repair())).json() as { id: string; number: string };
    await act(dispatcher, id, 'dispatch', { technician: crew.techStaffId });
    await act(tech, id, 'accept');

    const appointmentAt = new Date(Date.now() + 86_400_000).toISOString();
    await act(tech, id, 'schedule', { appointment_at: appointmentAt });
    const messages = async () => (await t.database.query<{ n: number }>(`select count(*)::int as n from outbound_messages where entity_id = $1`, [id]))[0]!.n;
    const toldOwner = await messages();
    expect(toldOwner).toBeGreaterThan(0);

    // Waiting for a part: the completion clock stands still, the hold review runs to the date given.
    // The expected resume date is no appointment: the booked visit stays and the owner hears of no new one.
    const resumeAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const refused = await tech.post(`/api/v1/work-orders/${id}/actions/pause`, { hold_reason: 'parts' });
    expect(refused.json().error.fields).toEqual({ resume_at: '必填' });
    await act(tech, id, 'pause', { hold_reason: 'parts', resume_at: resumeAt, note: '阀芯缺货' });
    let d = await detail(id);
    expect(d.status).toBe('on_hold');
    expect((d as Detail & { appointmentAt: string | null }).appointmentAt).toBe(appointmentAt);
    expect(await messages()).toBe(toldOwner);
    expect(timer(d, 'completion')?.status).toBe('paused');
    expect(timer(d, 'hold_review')).toMatchObject({ status: 'running', dueAt: resumeAt });
    await act(dispatcher, id, 'resume');
    d = await detail(id);
    expect(d.status).toBe('accepted');
    expect(timer(d, 'completion')?.status).toBe('running');
    expect(timer(d, 'hold_review')?.status).toBe('met');

    // Reassigned with a reason: the first technician is told and can no longer act on it.
    // Reassigned with a reason, to someone with the category's skill (named in words, not codes).
    const noReason = await dispatcher.post(`/api/v1/work-orders/${id}/actions/reassign`, { technician: crew.tech2StaffId });
    expect(noReason.json().error.fields).toEqual({ technician: '不具备所需技能“水暖”', reason: '必填' });
    await act(dispatcher, id, 'reassign', { technician: tech3Id, reason: '原技工请假' });
    d = await detail(id);
    expect(d).toMatchObject({ status: 'dispatched', assignee: { id: tech3Id } });
    expect((await inbox('tech')).map((n) => n.message)).toContain(`工单 ${number} 已改派给其他人员`);
    expect(((await tech3.get('/api/v1/notifications')).json().items as { message: string }[]).map((n) => n.message)).toContain(`新派给您的工单：${number}`);
    expect((await tech.post(`/api/v1/work-orders/${id}/actions/accept`, {})).statusCode).toBe(403);

    // The new technician hands it back: nobody holds it, dispatch is told, it can be dispatched again.
    await act(tech3, id, 'return', { reason: '不具备该项资质' });
    d = await detail(id);
    expect(d).toMatchObject({ status: 'submitted', assignee: null });
    expect(((await dispatcher.get(`/api/v1/work-orders/${id}`)).json() as Detail).allowedActions).toContain('dispatch');
    expect((await inbox('dispatcher')).map((n) => n.message)).toContain(`工单 ${number} 被退回，请重新派单`);
    expect((await tech3.post(`/api/v1/work-orders/${id}/actions/accept`, {})).statusCode).toBe(409);
  });

  it('starts a repair marked paid only after a quote, or as free work with the reason on record', async () => {
    const { desk, dispatcher, tech } = crew.clients;
    const { id } = (await desk.post('/api/v1/work-orders', repair({ paid: true }))).json() as { id: string };
    await act(dispatcher, id, 'dispatch', { technician: crew.techStaffId });
    await act(tech, id, 'accept');
    await act(tech, id, 'arrive', { before: [await uploadAs(tech)] });
    const techView = (await tech.get(`/api/v1/work-orders/${id}`)).json() as Detail;
    expect(techView.allowedActions.filter((a) => a.startsWith('start') || a === 'quote')).toEqual(['quote', 'start-free']);
    expect((await tech.post(`/api/v1/work-orders/${id}/actions/start`, { diagnosis: '阀芯老化' })).statusCode).toBe(409);
    const noReason = await tech.post(`/api/v1/work-orders/${id}/actions/start-free`, { diagnosis: '阀芯老化' });
    expect(noReason.json().error.fields).toEqual({ free_reason: '必填' });
    const started = (await act(tech, id, 'start-free', { diagnosis: '阀芯老化', free_reason: '保修期内' })) as Awaited<ReturnType<typeof act>> & { paid: boolean; number: string };
    expect(started.status).toBe('in_repair');
    const event = (started.timeline as { action: string; data: Record<string, unknown> }[]).find((e) => e.action === 'start-free');
    expect(event?.data.free_reason).toBe('保修期内');
    // Free after all: the order no longer reads as paid work, here or in the list.
    expect(techView).toMatchObject({ paid: true });
    expect(started.paid).toBe(false);
    const listed = (await desk.get(`/api/v1/work-orders?q=${started.number}`)).json().items as { id: string; paid: boolean }[];
    expect(listed.find((o) => o.id === id)?.paid).toBe(false);
  });

  it('records an acceptance by phone without a signature, and sends a low rating to the project manager with its own limit', async () => {
    const { desk, dispatcher, tech, resident, manager } = crew.clients;
    const { id, number } = (await desk.post('/api/v1/work-orders', repair())).json() as { id: string; number: string };
    await act(dispatcher, id, 'dispatch', { technician: crew.techStaffId });
    await act(tech, id, 'accept');
    await act(tech, id, 'arrive', { before: [await uploadAs(tech)] });
    await act(tech, id, 'start', { diagnosis: '阀芯老化' });
    await act(tech, id, 'complete', { work_done: '更换阀芯', after: [await uploadAs(tech)] });
    const bare = await desk.post(`/api/v1/work-orders/${id}/actions/confirm`, { approved: true, channel: 'phone' });
    expect(bare.json().error.fields).toEqual({ call_note: '必填' });
    const onSite = await desk.post(`/api/v1/work-orders/${id}/actions/confirm`, { approved: true, channel: 'walk_in' });
    expect(onSite.json().error.fields).toEqual({ owner: '必填' });
    await act(desk, id, 'confirm', { approved: true, channel: 'phone', call_note: '业主电话确认已不漏水' });
    expect((await detail(id)).status).toBe('confirmed');

    await act(resident, id, 'return-visit', { satisfaction: 2, comment: '师傅迟到了一个小时' });
    const d = await detail(id);
    expect(d.status).toBe('follow_up');
    expect(timer(d, 'low_rating_follow_up')?.status).toBe('running');
    expect((await inbox('manager')).map((n) => n.message)).toContain(`工单 ${number}：差评跟进中`);
    expect((await desk.post(`/api/v1/work-orders/${id}/actions/follow-up`, { finding: 'x', measure: 'y', channel: 'phone' })).statusCode).toBe(403);
    const closed = await act(manager, id, 'follow-up', { finding: '技工前一单超时', measure: '调整排班并致歉', channel: 'phone' });
    expect(closed.status).toBe('closed');
    // The manager's notes are staff-only records: the owner's history shows the step, not them.
    const step = (o: unknown) => (o as { timeline: { action: string | null; data: Record<string, unknown> }[] }).timeline.find((e) => e.action === 'follow-up')!;
    expect(step(await detail(id)).data).toMatchObject({ finding: '技工前一单超时', measure: '调整排班并致歉', channel: 'phone' });
    const owners = (await resident.get(`/api/v1/work-orders/${id}`)).json();
    expect(step(owners).data).toMatchObject({ channel: 'phone' });
    expect(step(owners).data).not.toHaveProperty('finding');
    expect(step(owners).data).not.toHaveProperty('measure');
    expect(JSON.stringify(owners)).not.toContain('技工前一单超时');
  });
});
