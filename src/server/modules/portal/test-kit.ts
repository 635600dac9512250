import { and, desc, eq } from 'drizzle-orm';
import type { TestApp, TestClient } from '../../test/test-app';
import { outboundMessages } from '../outbound/tables';
import { unitRequests } from './tables';

/** The code of the latest text message to a phone (read from the outbound table). */
export async function latestCode(t: TestApp, phone: string): Promise<string> {
  const [m] = await t.database.db.select({ body: outboundMessages.body }).from(outboundMessages).where(eq(outboundMessages.to, phone)).orderBy(desc(outboundMessages.createdAt)).limit(1);
  const code = /(\d{6})/.exec(m?.body ?? '')?.[1];
  if (!code) throw new Error(`no code sent to ${phone}`);
  return code;
}

/**
 * A person signs in by code for the community and registers for a unit; returns their client and
 * the pending request's id.
 */
export async function registerByCode(t: TestApp, o: { communityId: string; phone: string; name: string; unitId: string }): Promise<{ client: TestClient; requestId: string }> {
  const client = t.client();
  const sent = await client.post('/api/v1/portal/otp', { phone: o.phone, communityId: o.communityId });
  if (sent.statusCode !== 202) throw new Error(`otp: ${sent.statusCode} ${sent.body}`);
  const verified = await client.post('/api/v1/portal/otp/verify', { phone: o.phone, code: await latestCode(t, o.phone) });
  if (verified.statusCode !== 200) throw new Error(`verify: ${verified.statusCode} ${verified.body}`);
  const registered = await client.post('/api/v1/portal/registration', { name: o.name, unitId: o.unitId, relation: 'owner' });
  if (registered.statusCode !== 201) throw new Error(`register: ${registered.statusCode} ${registered.body}`);
  const [request] = await t.database.db.select({ id: unitRequests.id }).from(unitRequests).where(and(eq(unitRequests.unitId, o.unitId), eq(unitRequests.status, 'pending'))).orderBy(desc(unitRequests.createdAt)).limit(1);
  return { client, requestId: request!.id };
}
