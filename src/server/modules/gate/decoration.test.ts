import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { auditLog } from '../audit/tables';
import { buildCrew, uploadAs, type Crew } from '../work-orders/test-kit';

/*
 * Decorations run on the `decoration` standard: registered → approved (or rejected) → in
 * progress → checked (failed: back to the work; passed: accepted) → closed with the deposit.
 * Every step goes through the kernel's runStep: timeline, audit, If-Match, Idempotency-Key.
 */

let t: TestApp;
let crew: Crew;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'deco');
});
afterAll(() => t.close());

const localDate = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
const register = async () => {
  const res = await crew.clients.desk.post('/api/v1/gate/decorations', {
    unitId: crew.org.unit.id,
    company: '匠心装饰',
    responsibleName: '赵工',
    responsiblePhone: '13811112222',
    startsOn: localDate(0),
    endsOn: localDate(30),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const step = (who: keyof Crew['clients'], id: string, action: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  crew.clients[who].post(`/api/v1/gate/decorations/${id}/actions/${action}`, body, headers);

describe('decoration registrations', () => {
  it('runs through approval, work, a failed and a passed check and the deposit, with timeline and audit', async () => {
    const deco = await register();
    expect(deco).toMatchObject({ state: { key: 'applied', type: 'open' }, version: 0, allowedActions: ['cancel'] });
    const managerView = (await crew.clients.manager.get(`/api/v1/gate/decorations/${deco.id}`)).json();
    expect(managerView.allowedActions).toEqual(['approve', 'reject', 'cancel']);
    expect(managerView.actions.find((a: { key: string }) => a.key === 'approve').records).toEqual([
      expect.objectContaining({ name: 'rules_signed', type: 'consent', required: true }),
      expect.objectContaining({ name: 'approval_note', type: 'text', required: false, maxLength: 500 }),
    ]);

    // Only the project manager approves; the rules must be signed.
    expect((await step('desk', deco.id, 'approve', { rules_signed: true })).statusCode).toBe(403);
    expect((await step('manager', deco.id, 'approve', {})).json().error.fields).toEqual({ rules_signed: '必填' });
    const stale = await step('manager', deco.id, 'approve', { rules_signed: true }, { 'if-match': '"3"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE');
    const approved = await step('manager', deco.id, 'approve', { rules_signed: true, approval_note: '按图施工' }, { 'if-match': '"0"', 'idempotency-key': `approve-${deco.id}` });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.headers.etag).toBe('"1"');
    expect(approved.json()).toMatchObject({ state: { key: 'approved' }, version: 1 });
    const retried = await step('manager', deco.id, 'approve', { rules_signed: true, approval_note: '按图施工' }, { 'if-match': '"0"', 'idempotency-key': `approve-${deco.id}` });
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json().version).toBe(1);

    expect((await step('desk', deco.id, 'start')).json().state.key).toBe('working');
    // A failed check sends the work back with what must be put right.
    const photo = await uploadAs(crew.clients.manager, 'photo');
    const failedNoReason = await step('manager', deco.id, 'check', { checklist: { structure: { result: 'pass' } }, inspection_photos: [photo], passed: false });
    expect(failedNoReason.json().error.fields).toEqual({ rectification: '必填' });
    const failed = await step('manager', deco.id, 'check', {
      checklist: { structure: { result: 'pass' }, waterproofing: { result: 'fail', note: '闭水试验渗漏' } },
      inspection_photos: [photo],
      passed: false,
      rectification: '卫生间重做防水',
    });
    expect(failed.json().state.key).toBe('working');
    const photo2 = await uploadAs(crew.clients.manager, 'photo');
    expect((await step('manager', deco.id, 'check', { checklist: { waterproofing: { result: 'pass' } }, inspection_photos: [photo2], passed: true })).json().state.key).toBe('accepted');
    // The check's photos belong to the decoration: its readers open them.
    for (const who of ['desk', 'guard', 'resident'] as const) expect((await crew.clients[who].get(`/api/v1/attachments/${photo}`)).statusCode, who).toBe(200);

    const closed = (await step('desk', deco.id, 'close', { deposit_refunded: true, deposit_note: '押金 2000 元已退' })).json();
    expect(closed).toMatchObject({ state: { key: 'closed', type: 'closed' }, active: false, allowedActions: [] });
    expect(closed.events.map((e: { action: string }) => e.action)).toEqual(['created', 'approve', 'start', 'check', 'check', 'close']);
    expect(closed.events[3]).toMatchObject({ fromState: 'working', toState: 'working', data: { passed: false, rectification: '卫生间重做防水' } });
    expect(closed.events.at(-1)).toMatchObject({ toStateName: { 'zh-CN': '已关闭' }, by: { name: expect.any(String) }, data: { deposit_refunded: true } });
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'decoration'), eq(auditLog.entityId, deco.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['approve', 'check', 'check', 'close', 'create', 'start']);

    // A closed registration takes no more workers.
    const worker = await crew.clients.guard.post(`/api/v1/gate/decorations/${deco.id}/workers`, { name: '孙小工', kind: 'temporary', verification: '核对身份证' });
    expect(worker.statusCode).toBe(409);
  });

  it('is rejected with a reason, and answers 404 to those who may not read it', async () => {
    const deco = await register();
    expect((await step('manager', deco.id, 'reject', {})).json().error.fields).toEqual({ reason: '必填' });
    expect((await step('manager', deco.id, 'reject', { reason: '方案改动承重墙' })).json()).toMatchObject({ state: { key: 'rejected', type: 'cancelled' }, active: false });
    const stranger = await buildCrew(t, 'deco-x');
    const real = await step('manager', deco.id, 'start');
    expect(real.statusCode).toBe(409);
    const other = await stranger.clients.manager.post(`/api/v1/gate/decorations/${deco.id}/actions/start`, {});
    const random = await stranger.clients.manager.post('/api/v1/gate/decorations/00000000-0000-4000-8000-000000000002/actions/start', {});
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(random.json());
    expect((await crew.clients.tech.post(`/api/v1/gate/decorations/${deco.id}/actions/start`, {})).statusCode).toBe(404);
  });
});
