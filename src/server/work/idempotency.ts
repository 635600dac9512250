import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { RequestContext } from '../auth/context';
import type { DbOrTx } from '../db/client';
import { AppError } from '../errors';
// The keys table was made for work-order steps; it is keyed by caller and key only, so every kind
// of work can share it. It should move into the kernel's tables when work orders use this helper.
import { idempotencyKeys } from '../modules/work-orders/tables';

/**
 * Runs a step once per `Idempotency-Key`, inside the caller's transaction: the first request's
 * response (what `run` returns) is stored, and a retry with the same key and the same request gets
 * it back (`replayed: true`) without running again; the same key with another request is a 409.
 * Without a key (or for a caller outside an organization) `run` simply runs.
 */
export async function stepOnce<T>(tx: DbOrTx, ctx: RequestContext, key: string | undefined, request: unknown, run: () => Promise<T>): Promise<{ replayed: boolean; body: T }> {
  const organizationId = ctx.actor.organizationId;
  if (!key || !organizationId) return { replayed: false, body: await run() };
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const [claimed] = await tx
    .insert(idempotencyKeys)
    .values({ organizationId, userId: ctx.actor.userId, key, requestHash })
    .onConflictDoNothing()
    .returning({ id: idempotencyKeys.id });
  if (!claimed) {
    const [first] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.organizationId, organizationId), eq(idempotencyKeys.userId, ctx.actor.userId), eq(idempotencyKeys.key, key)));
    if (!first || first.requestHash !== requestHash || first.response === null) throw new AppError('CONFLICT', 'error.idempotencyMismatch');
    return { replayed: true, body: first.response as T };
  }
  const body = await run();
  await tx.update(idempotencyKeys).set({ statusCode: 200, response: body as object }).where(eq(idempotencyKeys.id, claimed.id));
  return { replayed: false, body };
}
