import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../auth/context';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app';
import { createBuilding } from '../registry/commands/create-building';
import { createCommunity } from '../registry/commands/create-community';
import { units } from '../registry/tables';
import { act, buildCrew, type Crew } from '../work-orders/test-kit';

let t: TestApp;
let crew: Crew;
let otherAdmin: TestClient;
let elsewhereUnit: string;
let open: { id: string; number: string };
let done: { id: string; number: string };

const repair = (client: TestClient, description: string) =>
  client
    .post('/api/v1/work-orders', {
      kind: 'repair',
      communityId: crew.org.community.id,
      unitId: crew.org.unit.id,
      channel: 'phone',
      category: 'leak',
      description,
      reporterResidentId: crew.org.resident.id,
    })
    .then((r) => r.json());

beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'u360');
  const other = await buildOrganization(t.database, { prefix: 'u360x', roles: ['company_admin'] });
  otherAdmin = await t.client().login(other.users.company_admin!, TEST_PASSWORD);
  // A second community of the same company that the crew's desk does not serve.
  elsewhereUnit = await t.database.db.transaction(async (tx) => {
    const ctx = systemContext(crew.org.org.id);
    const c = await createCommunity(tx, ctx, crew.org.org.id, { name: 'u360 西区' });
    const b = await createBuilding(tx, ctx, { communityId: c.id, name: '9栋', floors: 1, unitsPerFloor: 1 }, { generateUnits: {} });
    const [u] = await tx.select().from(units).where(and(eq(units.buildingId, b.id)));
    return u!.id;
  });
  open = await repair(crew.clients.desk, '厨房水管漏水');
  done = await repair(crew.clients.desk, '重复报修');
  await act(crew.clients.desk, done.id, 'cancel', { reason: '重复报修' });
  await crew.clients.resident.post('/api/v1/gate/passes', { unitId: crew.org.unit.id, visitorName: '钱访客', validUntil: new Date(Date.now() + 3_600_000).toISOString() });
  await crew.clients.resident.post('/api/v1/gate/slips', { unitId: crew.org.unit.id, items: [{ name: '冰箱', quantity: 1 }], carrierName: '孙师傅' });
});
afterAll(() => t.close());

describe("a unit's 360° page", () => {
  it('composes residents, open and past orders, passes and slips for the desk', async () => {
    const res = await crew.clients.desk.get(`/api/v1/units/${crew.org.unit.id}/overview`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.unit).toMatchObject({ id: crew.org.unit.id, label: '1栋 101' });
    expect(body.unit.residents).toHaveLength(1);
    expect(body.unit.residents[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(body.workOrders.open.map((o: { number: string }) => o.number)).toEqual([open.number]);
    expect(body.workOrders.openTotal).toBe(1);
    expect(body.workOrders.past.map((o: { number: string }) => o.number)).toEqual([done.number]);
    expect(body.gate.passes.map((p: { visitorName: string }) => p.visitorName)).toEqual(['钱访客']);
    expect(body.gate.slips.map((s: { carrierName: string }) => s.carrierName)).toEqual(['孙师傅']);
    expect(body.gate.passTotal).toBe(1);
    expect(JSON.stringify(body)).not.toContain(crew.org.resident.phone);
  });

  it('shows each role its own part and answers 404 outside the caller’s communities and roles', async () => {
    const dispatcher = (await crew.clients.dispatcher.get(`/api/v1/units/${crew.org.unit.id}/overview`)).json();
    expect(dispatcher.workOrders.openTotal).toBe(1);
    // A dispatcher does not work the gate: no gate part.
    expect(dispatcher.gate).toBeNull();
    const random = await crew.clients.desk.get('/api/v1/units/00000000-0000-4000-8000-000000000000/overview');
    expect(random.statusCode).toBe(404);
    for (const [client, unitId] of [
      [otherAdmin, crew.org.unit.id],
      [crew.clients.desk, elsewhereUnit],
      [crew.clients.tech, crew.org.unit.id],
      [crew.clients.guard, crew.org.unit.id],
      [crew.clients.resident, crew.org.unit.id],
    ] as const) {
      const res = await client.get(`/api/v1/units/${unitId}/overview`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(random.json());
    }
    // The company admin serves every community.
    expect((await crew.clients.admin.get(`/api/v1/units/${elsewhereUnit}/overview`)).statusCode).toBe(200);
    expect((await t.client().get(`/api/v1/units/${crew.org.unit.id}/overview`)).statusCode).toBe(401);
  });

  it('the order list filters by unit too', async () => {
    const page = (await crew.clients.desk.get(`/api/v1/work-orders?unitId=${crew.org.unit.id}`)).json();
    expect(page.items.map((o: { id: string }) => o.id).sort()).toEqual([open.id, done.id].sort());
    expect((await crew.clients.desk.get(`/api/v1/work-orders?unitId=${elsewhereUnit}`)).json().total).toBe(0);
  });
});
