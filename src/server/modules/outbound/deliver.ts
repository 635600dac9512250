import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
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
  /**
   * Secret values the text carries (a sign-in code). They are masked in the stored row, so no
   * outbox reader, backup or log ever sees them; the clear text is held in this process's memory
   * until the message is handed to its channel.
   */
  secrets?: string[];
}

/** How long a held secret waits for delivery before the message is given up as failed. */
export const SECRET_HOLD_MS = 10 * 60_000;

// Clear texts of secret messages by row id, only in the process that queued them: a message
// queued by a transaction that rolled back is simply never claimed and ages out.
const heldSecrets = new Map<string, { subject: string; body: string; at: number }>();

function forgetStaleSecrets(now = Date.now()): void {
  for (const [id, held] of heldSecrets) if (now - held.at > SECRET_HOLD_MS) heldSecrets.delete(id);
}

/** Replaces every occurrence of each secret by asterisks of the same length. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  return secrets.filter(Boolean).reduce((out, secret) => out.split(secret).join('*'.repeat(secret.length)), text);
}

/**
 * How many messages this process has queued (committed or not). A command that did not move it
 * queued nothing, so `deliverSoon` need not claim after it (an intake that messages nobody costs
 * no delivery transaction); other requests moving it meanwhile only cost an empty claim.
 */
let queuedCount = 0;
export const queuedSoFar = () => queuedCount;

/** Queues a message; it is delivered after the transaction commits (never lost on a rollback, never sent for one). */
export async function queueOutbound(tx: DbOrTx, message: QueuedMessage): Promise<void> {
  queuedCount += 1;
  const { secrets, ...row } = message;
  if (!secrets?.length) {
    await tx.insert(outboundMessages).values({ ...row, communityId: row.communityId ?? null });
    return;
  }
  const [stored] = await tx
    .insert(outboundMessages)
    .values({ ...row, communityId: row.communityId ?? null, subject: maskSecrets(row.subject, secrets), body: maskSecrets(row.body, secrets), redacted: true })
    .returning({ id: outboundMessages.id });
  forgetStaleSecrets();
  heldSecrets.set(stored!.id, { subject: row.subject, body: row.body, at: Date.now() });
}

/**
 * Hands pending messages to their channels. Rows are claimed with SKIP LOCKED, so two server
 * processes never send one message twice; a failed send stays recorded with its error. A secret
 * message is claimed only by the process holding its clear text (or, once that hold has run out,
 * marked failed by whichever process sees it).
 */
export async function deliverPending(db: Db, channels: OutboundChannels, log: FastifyBaseLogger | null, batch = 50): Promise<number> {
  let delivered = 0;
  for (;;) {
    const n = await inTransaction(db, async (tx) => {
      const held = [...heldSecrets.keys()];
      const rows = await tx
        .select()
        .from(outboundMessages)
        .where(
          and(
            eq(outboundMessages.status, 'pending'),
            or(
              eq(outboundMessages.redacted, false),
              held.length ? inArray(outboundMessages.id, held) : undefined,
              lt(outboundMessages.createdAt, new Date(Date.now() - SECRET_HOLD_MS)),
            ),
          ),
        )
        .orderBy(asc(outboundMessages.createdAt))
        .limit(batch)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        const secret = row.redacted ? heldSecrets.get(row.id) : undefined;
        heldSecrets.delete(row.id);
        if (row.redacted && !secret) {
          await tx.update(outboundMessages).set({ status: 'failed', error: 'secret expired before delivery' }).where(eq(outboundMessages.id, row.id));
          continue;
        }
        try {
          const text = secret ?? { subject: row.subject, body: row.body };
          const result = await channels[row.channel].send({ to: row.to, subject: text.subject, body: text.body });
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
