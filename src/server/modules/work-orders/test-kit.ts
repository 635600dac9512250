import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { Position, Skill } from '../../../common/registry';
import type { Role } from '../../../common/roles';
import { systemContext } from '../../auth/context';
import { createUser } from '../../auth/commands/create-user';
import { users } from '../../auth/tables';
import { buildOrganization, TEST_PASSWORD } from '../../test/factories';
import type { TestApp, TestClient } from '../../test/test-app';
import { createStaff } from '../registry/commands/create-staff';

// Test support for work orders: an organization with every acting role, uploads and paths.

export type Org = Awaited<ReturnType<typeof buildOrganization>>;

/** The people of a work-order test: every role, plus a second technician nobody assigns. */
export interface Crew {
  org: Org;
  clients: Record<'admin' | 'manager' | 'desk' | 'dispatcher' | 'tech' | 'tech2' | 'resident' | 'guard', TestClient>;
  techStaffId: string;
  tech2StaffId: string;
}

/** Builds an organization with every role used by the standards, signed in. */
export async function buildCrew(t: TestApp, prefix: string): Promise<Crew> {
  const roles: Role[] = ['company_admin', 'project_manager', 'service_desk', 'dispatcher', 'technician', 'resident', 'guard'];
  const org = await buildOrganization(t.database, { prefix, roles });
  const tech2 = await t.database.db.transaction(async (tx) => {
    const ctx = systemContext(org.org.id);
    const s = await createStaff(tx, ctx, org.org.id, { name: '第二技工', phone: `139${String(Date.now()).slice(-8)}`, position: 'technician', communityIds: [org.community.id], skills: ['electrical'] });
    await createUser(tx, ctx, { organizationId: org.org.id, username: `${prefix}-tech2`, displayName: '第二技工', password: TEST_PASSWORD, roles: ['technician'], staffId: s.id });
    return s;
  });
  const login = (u: string) => t.client().login(u, TEST_PASSWORD);
  const clients = {
    admin: await login(org.users.company_admin!),
    manager: await login(org.users.project_manager!),
    desk: await login(org.users.service_desk!),
    dispatcher: await login(org.users.dispatcher!),
    tech: await login(org.users.technician!),
    tech2: await login(`${prefix}-tech2`),
    resident: await login(org.users.resident!),
    guard: await login(org.users.guard!),
  };
  const [tech] = await t.database.db.select({ staffId: users.staffId }).from(users).where(eq(users.username, org.users.technician!));
  return { org, clients, techStaffId: tech!.staffId!, tech2StaffId: tech2.id };
}

/** Another technician of the crew's community with these skills, signed in. */
export async function addTechnician(t: TestApp, crew: Crew, username: string, skills: Skill[]): Promise<{ client: TestClient; staffId: string }> {
  const member = await t.database.db.transaction(async (tx) => {
    const ctx = systemContext(crew.org.org.id);
    const s = await createStaff(tx, ctx, crew.org.org.id, { name: `技工${username}`, phone: `137${String(Date.now()).slice(-8)}`, position: 'technician', communityIds: [crew.org.community.id], skills });
    await createUser(tx, ctx, { organizationId: crew.org.org.id, username, displayName: `技工${username}`, password: TEST_PASSWORD, roles: ['technician'], staffId: s.id });
    return s;
  });
  return { client: await t.client().login(username, TEST_PASSWORD), staffId: member.id };
}

let added = 0;
/** Another staff member of the crew's community in a position, signed in with the same role. */
export async function addStaffMember(t: TestApp, crew: Crew, username: string, position: Position & Role): Promise<{ client: TestClient; staffId: string }> {
  const member = await t.database.db.transaction(async (tx) => {
    const ctx = systemContext(crew.org.org.id);
    const s = await createStaff(tx, ctx, crew.org.org.id, { name: `员工${username}`, phone: `136${String(Date.now() + ++added).slice(-8)}`, position, communityIds: [crew.org.community.id] });
    await createUser(tx, ctx, { organizationId: crew.org.org.id, username, displayName: `员工${username}`, password: TEST_PASSWORD, roles: [position], staffId: s.id });
    return s;
  });
  return { client: await t.client().login(username, TEST_PASSWORD), staffId: member.id };
}

/** The staff id behind one of the crew's logins. */
export async function staffIdOf(t: TestApp, crew: Crew, role: Role): Promise<string> {
  const [row] = await t.database.db.select({ staffId: users.staffId }).from(users).where(eq(users.username, crew.org.users[role]!));
  return row!.staffId!;
}

/** A multipart body with a `kind` field and one file. */
export function upload(fileName: string, data: Buffer, kind = 'photo'): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----wuye${randomBytes(8).toString('hex')}`;
  const field = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(field + head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

let jpeg: Buffer | null = null;
let png: Buffer | null = null;
/** A small real JPEG photo. */
export async function jpegPhoto(): Promise<Buffer> {
  jpeg ??= await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer();
  return jpeg;
}
/** A small real PNG (a drawn signature). */
export async function pngSignature(): Promise<Buffer> {
  png ??= await sharp({ create: { width: 300, height: 120, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } }).png().toBuffer();
  return png;
}

/** Uploads a file as the client; returns its id. */
export async function uploadAs(client: TestClient, kind: 'photo' | 'signature' = 'photo'): Promise<string> {
  const data = kind === 'photo' ? await jpegPhoto() : await pngSignature();
  const { body, headers } = upload(kind === 'photo' ? 'p.jpg' : 's.png', data, kind);
  const res = await client.request('POST', '/api/v1/attachments', body, headers);
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** Posts an action and throws unless it succeeds; returns the order. */
export async function act(client: TestClient, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await client.post(`/api/v1/work-orders/${id}/actions/${action}`, body);
  if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.statusCode} ${res.body}`);
  return res.json() as { status: string; allowedActions: string[]; timeline: unknown[] };
}
