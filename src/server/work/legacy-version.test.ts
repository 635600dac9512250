import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { standardVersions } from '../modules/standards/tables';
import { hashDefinition } from '../modules/standards/library-cache';
import { buildCrew, type Crew } from '../modules/work-orders/test-kit';
import { serviceStandardSchema } from '../standards/definition';
import { createTestApp, type TestApp } from '../test/test-app';
import { drive } from './test-kit';

/*
 * Versions stored before records were typed (`kind: field|photo|...`) stay in databases, and
 * work pinned to them must still run: such a version is stored raw, as the old code did, a
 * repair pins it and goes from intake to closed with the legacy record names.
 */

let t: TestApp;
let crew: Crew;
beforeAll(async () => {
  t = await createTestApp();
  crew = await buildCrew(t, 'lg');
});
afterAll(() => t.close());

const legacy = parseYaml(readFileSync(new URL('./fixtures/repair-legacy.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('a repair pinned to a legacy (untyped) standard version', () => {
  it('upgrades the records by the documented mapping', () => {
    const standard = serviceStandardSchema.parse(legacy);
    const records = Object.fromEntries(standard.transitions.flatMap((tr) => [...tr.records, ...(tr.outcomes ?? []).flatMap((o) => o.records)]).map((r) => [r.name, r]));
    expect(records.technician_id).toMatchObject({ type: 'staff', positions: ['technician'], assigns: true });
    expect(records.appointment_at).toMatchObject({ type: 'datetime' });
    expect(records.before).toMatchObject({ type: 'photo', min: 1 });
    expect(records.approved).toMatchObject({ type: 'boolean' });
    expect(records.satisfaction).toMatchObject({ type: 'number', min: 1, max: 5 });
    expect(records.channel).toMatchObject({ type: 'choice' });
    expect(records.owner).toMatchObject({ type: 'signature', requiredFor: ['resident'] });
    expect(records.price).toMatchObject({ type: 'consent' });
    expect(records.diagnosis).toMatchObject({ type: 'text', required: true });
  });

  it('runs from intake to closed with the legacy record names', async () => {
    const { desk, dispatcher, tech, resident } = crew.clients;
    await t.database.db.insert(standardVersions).values({
      organizationId: crew.org.org.id,
      key: 'repair',
      version: 1,
      definition: legacy as never,
      contentHash: hashDefinition(legacy),
      authorName: 'legacy',
      reason: 'stored before records were typed',
    });
    const created = await desk.post('/api/v1/work-orders', {
      kind: 'repair',
      communityId: crew.org.community.id,
      unitId: crew.org.unit.id,
      channel: 'phone',
      category: 'plumbing',
      description: '旧版本标准下的报修',
      reporterResidentId: crew.org.resident.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    // The new record name is unknown to this version; its own name works.
    const renamed = await dispatcher.post(`/api/v1/work-orders/${id}/actions/dispatch`, { technician: crew.techStaffId });
    expect(renamed.json().error.fields).toEqual({ technician: '此步骤没有这一项' });
    await drive(dispatcher, id, 'dispatch', crew.techStaffId, { technician_id: crew.techStaffId });
    expect((await desk.get(`/api/v1/work-orders/${id}`)).json().assignee.id).toBe(crew.techStaffId);
    for (const [client, action] of [
      [tech, 'accept'],
      [tech, 'arrive'],
      [tech, 'start'],
      [tech, 'complete'],
      [resident, 'confirm'],
      [desk, 'return-visit'],
    ] as const) {
      await drive(client, id, action, crew.techStaffId);
    }
    const done = (await desk.get(`/api/v1/work-orders/${id}`)).json();
    expect(done.status).toBe('closed');
    expect(done.timeline.find((e: { action: string }) => e.action === 'return-visit').data).toMatchObject({ satisfaction: 1, channel: 'phone' });
  });
});
