import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { RequestContext } from '../auth/context';
import type { DbOrTx } from '../db/client';
import { AppError } from '../errors';
import { idempotencyKeys } from './tables';

/**
 * Runs a step (or an intake) once per `Idempotency-Key`, inside the caller's transaction: the first
 * request's response (what `run` returns) is stored with `status`, and a retry with the same key and
 * the same request gets it back (`replayed: true`) without running again; the same key with another
 * request is a 409. A concurrent retry waits on the key's unique index until the first commits.
 * Without a key (or for a caller outside an organization) `run` simply runs.
 */
export async function stepOnce<T>(
  tx: DbOrTx,
  ctx: RequestContext,
  key: string | undefined,
  request: unknown,
  run: () => Promise<T>,
  status = 200,
): Promise<{ replayed: boolean; status: number; body: T }> {
  const organizationId = ctx.actor.organizationId;
  if (!key || !organizationId) return { replayed: false, status, body: await run() };
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
    return { replayed: true, status: first.statusCode ?? status, body: first.response as T };
  }
  const body = await run();
  await tx.update(idempotencyKeys).set({ statusCode: status, response: body as object }).where(eq(idempotencyKeys.id, claimed.id));
  return { replayed: false, status, body };
}
