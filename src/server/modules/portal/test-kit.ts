import { and, desc, eq } from 'drizzle-orm';
import type { TestApp, TestClient } from '../../test/test-app';
import { DevOutboxChannel } from '../outbound/channel';
import { outboundChannels } from '../outbound/routes';
import { unitRequests } from './tables';

const texts = new WeakMap<TestApp, Map<string, string>>();

/**
 * Starts catching the text messages the app's development SMS channel sends, in-process: the
 * only place a sign-in code exists in clear (the outbox and the log have it masked). Idempotent.
 */
export function watchTexts(t: TestApp): void {
  if (texts.has(t)) return;
  const latest = new Map<string, string>();
  texts.set(t, latest);
  const sms = outboundChannels(t.app).sms;
  if (!(sms instanceof DevOutboxChannel)) throw new Error('the SMS channel is not the development outbox');
  sms.onMessage((m) => latest.set(m.to, m.body));
}

/** The code of the latest text message sent to a phone since `watchTexts(t)`. */
export function latestCode(t: TestApp, phone: string): string {
  const code = /(\d{6})/.exec(texts.get(t)?.get(phone) ?? '')?.[1];
  if (!code) throw new Error(`no code sent to ${phone} (call watchTexts first)`);
  return code;
}

/**
 * A person signs in by code for the community, accepts the privacy notice and registers for a unit; returns their client and
 * the pending request's id.
 */
export async function registerByCode(t: TestApp, o: { communityId: string; phone: string; name: string; unitId: string }): Promise<{ client: TestClient; requestId: string }> {
  const client = t.client();
  watchTexts(t);
  const sent = await client.post('/api/v1/portal/otp', { phone: o.phone, communityId: o.communityId });
  if (sent.statusCode !== 202) throw new Error(`otp: ${sent.statusCode} ${sent.body}`);
  const verified = await client.post('/api/v1/portal/otp/verify', { phone: o.phone, code: latestCode(t, o.phone), communityId: o.communityId });
  if (verified.statusCode !== 200) throw new Error(`verify: ${verified.statusCode} ${verified.body}`);
  await client.acceptPrivacyNotice();
  const registered = await client.post('/api/v1/portal/registration', { name: o.name, unitId: o.unitId, relation: 'owner' });
  if (registered.statusCode !== 201) throw new Error(`register: ${registered.statusCode} ${registered.body}`);
  const [request] = await t.database.db.select({ id: unitRequests.id }).from(unitRequests).where(and(eq(unitRequests.unitId, o.unitId), eq(unitRequests.status, 'pending'))).orderBy(desc(unitRequests.createdAt)).limit(1);
  return { client, requestId: request!.id };
}
