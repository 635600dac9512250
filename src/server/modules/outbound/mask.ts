import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { outboundMessages } from './tables';

/** What replaces an erased recipient and the text sent to them. */
const MASK = '***';

/**
 * Masks every message of the organization to `to` (an erased resident's phone): recipient and
 * text become "***", the subject, channel, status and times stay for the message statistics.
 * Messages not yet sent are not sent any more. Returns how many messages were masked.
 */
export async function maskMessagesTo(tx: DbOrTx, organizationId: string, to: string): Promise<number> {
  if (!to) return 0;
  const where = and(eq(outboundMessages.organizationId, organizationId), eq(outboundMessages.to, to));
  await tx.update(outboundMessages).set({ status: 'failed', error: 'recipient erased' }).where(and(where, inArray(outboundMessages.status, ['pending'])));
  const rows = await tx.update(outboundMessages).set({ to: MASK, body: MASK, redacted: true }).where(where).returning({ id: outboundMessages.id });
  return rows.length;
}

/** Messages of the organization sent to a phone (a resident's own data download), oldest first. */
export async function messagesTo(db: DbOrTx, organizationId: string, to: string) {
  if (!to) return [];
  const rows = await db
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.organizationId, organizationId), eq(outboundMessages.to, to)))
    .orderBy(asc(outboundMessages.createdAt));
  return rows.map((m) => ({ at: m.createdAt.toISOString(), channel: m.channel, subject: m.subject, text: m.body, status: m.status }));
}
