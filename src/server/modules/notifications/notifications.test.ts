import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { notifyRoles, notifyUsers } from './commands/notify';

let t: TestApp;
let org: Awaited<ReturnType<typeof buildOrganization>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrganization(t.database, { prefix: 'inbox', roles: ['company_admin', 'dispatcher', 'technician', 'project_manager'] });
});
afterAll(() => t.close());

describe('notifications inbox', () => {
  it('delivers to the holders of a role in the community, once per dedupe key, in the reader language', async () => {
    const n = {
      organizationId: org.org.id,
      communityId: org.community.id,
      kind: 'escalated',
      messageKey: 'entity.record' as const,
      dedupeKey: 'escalation-1',
    };
    expect(await notifyRoles(t.database.db, ['project_manager', 'company_admin'], n)).toBe(2);
    // Raised again (e.g. by a second sweeper): nobody gets it twice.
    expect(await notifyRoles(t.database.db, ['project_manager', 'company_admin'], n)).toBe(0);

    const pm = await t.client().login('inbox-project_manager', TEST_PASSWORD);
    const page = (await pm.get('/api/v1/notifications')).json();
    expect(page.total).toBe(1);
    expect(page.unreadCount).toBe(1);
    expect(page.items[0].message).toBe('记录');
    pm.language = 'en-US';
    expect((await pm.get('/api/v1/notifications')).json().items[0].message).toBe('record');

    const tech = await t.client().login('inbox-technician', TEST_PASSWORD);
    expect((await tech.get('/api/v1/notifications')).json().total).toBe(0);
  });

  it('marks read one by one or all at once, and only the owner may', async () => {
    const [techUser] = await t.database.query<{ id: string }>(`select id from users where username = 'inbox-technician'`);
    await notifyUsers(t.database.db, [techUser!.id], { organizationId: org.org.id, kind: 'assigned', messageKey: 'entity.unit' });
    await notifyUsers(t.database.db, [techUser!.id], { organizationId: org.org.id, kind: 'assigned', messageKey: 'entity.unit' });
    const tech = await t.client().login('inbox-technician', TEST_PASSWORD);
    const [first] = (await tech.get('/api/v1/notifications?unread=true')).json().items;

    const other = await t.client().login('inbox-dispatcher', TEST_PASSWORD);
    expect((await other.post(`/api/v1/notifications/${first.id}/read`)).statusCode).toBe(404);

    expect((await tech.post(`/api/v1/notifications/${first.id}/read`)).statusCode).toBe(204);
    expect((await tech.get('/api/v1/notifications?unread=true')).json().total).toBe(1);
    expect((await tech.post('/api/v1/notifications/read-all')).json()).toEqual({ updated: 1 });
    expect((await tech.get('/api/v1/notifications')).json().unreadCount).toBe(0);
  });
});
