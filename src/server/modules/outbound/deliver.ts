import { asc, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../../db/client';
import type { OutboundChannels } from './channel';
import { outboundMessages } from './tables';
import { inTransaction } from '../../db/transaction';

/** A message to queue inside the transaction that caused it. */
export interface QueuedMessage {
  organizationId: string;
  communityId?: string | null;
  channel: 'email' | 'sms' | 'wechat';
  to: string;
  subject: string;
  body: string;
  entityType?: string;
  entityId?: string;
}

/** Queues a message; it is delivered after the transaction commits (never lost on a rollback, never sent for one). */
export async function queueOutbound(tx: DbOrTx, message: QueuedMessage): Promise<void> {
  await tx.insert(outboundMessages).values({ ...message, communityId: message.communityId ?? null });
}

/**
 * Hands pending messages to their channels. Rows are claimed with SKIP LOCKED, so two server
 * processes never send one message twice; a failed send stays recorded with its error.
 */
export async function deliverPending(db: Db, channels: OutboundChannels, log: FastifyBaseLogger | null, batch = 50): Promise<number> {
  let delivered = 0;
  for (;;) {
    const n = await inTransaction(db, async (tx) => {
      const rows = await tx
        .select()
        .from(outboundMessages)
        .where(eq(outboundMessages.status, 'pending'))
        .orderBy(asc(outboundMessages.createdAt))
        .limit(batch)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        try {
          const result = await channels[row.channel].send({ to: row.to, subject: row.subject, body: row.body });
          await tx
            .update(outboundMessages)
            .set({ status: result.status, provider: result.provider, sentAt: sql`now()` })
            .where(eq(outboundMessages.id, row.id));
        } catch (err) {
          log?.warn({ err, id: row.id }, 'outbound message failed');
          await tx
            .update(outboundMessages)
            .set({ status: 'failed', error: err instanceof Error ? err.message : String(err) })
            .where(eq(outboundMessages.id, row.id));
        }
      }
      return rows.length;
    });
    delivered += n;
    if (n < batch) return delivered;
  }
}

/** Delivers pending messages every `seconds` (messages queued while a process was down). */
export function startOutboundDelivery(db: Db, channels: OutboundChannels, log: FastifyBaseLogger, seconds: number): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = deliverPending(db, channels, log).catch((err: unknown) => log.error({ err }, 'outbound delivery failed'));
  };
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
