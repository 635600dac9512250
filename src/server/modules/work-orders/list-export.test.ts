import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { slaTimers } from '../standards/tables';
import { buildCrew, type Crew } from './test-kit';
import { workOrders } from './tables';
import { eq } from 'drizzle-orm';

let t: TestApp;
let crew: Crew;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'wol');
});
afterAll(() => t.close());

const open = async (category: string, description: string) =>
  (
    await crew.clients.desk.post('/api/v1/work-orders', {
      kind: 'repair',
      communityId: crew.org.community.id,
      unitId: crew.org.unit.id,
      channel: 'phone',
      category,
      description,
      reporterResidentId: crew.org.resident.id,
    })
  ).json() as { id: string; number: string };

describe('work-order list and export', () => {
  it('gives each list item its next due instant and the worst phase of its running limits', async () => {
    const fresh = await open('leak', '厨房漏水');
    const late = await open('power_loss', '全屋停电');
    // Move the second order's timers into the past: its limits are now breached.
    const hour = 3_600_000;
    await t.database.db
      .update(slaTimers)
      .set({ dueAt: new Date(Date.now() - hour), warnAt: new Date(Date.now() - 2 * hour) })
      .where(eq(slaTimers.subjectId, late.id));
    // The timer code keeps the earliest due instant on the order; moving timers by hand moves it too.
    await t.database.db.update(workOrders).set({ nextDueAt: new Date(Date.now() - hour) }).where(eq(workOrders.id, late.id));
    const page = (await crew.clients.desk.get('/api/v1/work-orders?sort=dueAt')).json();
    const byId = Object.fromEntries(page.items.map((i: { id: string }) => [i.id, i]));
    expect(byId[fresh.id].nextDueAt).not.toBeNull();
    expect(byId[fresh.id].slaPhase).toBe('ok');
    expect(byId[late.id].slaPhase).toBe('breached');
    expect(byId[late.id].overdue).toBe(true);
    // Sorted by due time: the overdue order comes first.
    expect(page.items[0].id).toBe(late.id);
    const detail = (await crew.clients.desk.get(`/api/v1/work-orders/${late.id}`)).json();
    expect(detail.slaPhase).toBe('breached');
  });

  it('exports the filtered list as xlsx with masked phones, for staff only', async () => {
    const res = await crew.clients.desk.get('/api/v1/work-orders/export?kind=repair');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('单号');
    const total = (await crew.clients.desk.get('/api/v1/work-orders?kind=repair')).json().total;
    expect(sheet.rowCount - 1).toBe(total);
    const phones = sheet.getColumn(10).values.slice(2).map(String);
    expect(phones.every((p) => /^\d{3}\*{4}\d{4}$/.test(p))).toBe(true);
    expect((await crew.clients.resident.get('/api/v1/work-orders/export')).statusCode).toBe(403);
  });

  it("tells a staff account its staff id, so it can list its own jobs", async () => {
    const me = (await crew.clients.tech.get('/api/v1/auth/me')).json();
    expect(me.user.staffId).toBeTruthy();
    expect((await crew.clients.resident.get('/api/v1/auth/me')).json().user.staffId).toBeNull();
  });
});
