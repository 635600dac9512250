import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { RequestContext } from '../auth/context';
import type { DbOrTx } from '../db/client';
import { AppError } from '../errors';
import { idempotencyKeys } from '../modules/work-orders/tables';

/**
 * `Idempotency-Key` for step routes of any kind of work, on the intake's `idempotency_keys` table:
 * the first request with a key runs and its response is stored in the same transaction; a retry
 * with the same key and request gets that response back; the same key with another request is a
 * 409. (Work orders keep their own copy in `take-action.ts`; later kinds use this one.)
 */

/** What a claim found: a stored response to replay, or the claimed key to store the response under. */
export type IdempotencyClaim = { replay: unknown } | { keyId: string } | null;

/** Claims `key` for this caller and request inside the step's transaction; null without a key. */
export async function claimIdempotency(tx: DbOrTx, ctx: RequestContext, key: string | undefined, request: unknown): Promise<IdempotencyClaim> {
  if (!key || !ctx.actor.organizationId) return null;
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const [claimed] = await tx
    .insert(idempotencyKeys)
    .values({ organizationId: ctx.actor.organizationId, userId: ctx.actor.userId, key, requestHash })
    .onConflictDoNothing()
    .returning({ id: idempotencyKeys.id });
  if (claimed) return { keyId: claimed.id };
  const [first] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.organizationId, ctx.actor.organizationId), eq(idempotencyKeys.userId, ctx.actor.userId), eq(idempotencyKeys.key, key)));
  if (!first || first.requestHash !== requestHash || first.response === null) throw new AppError('CONFLICT', 'error.idempotencyMismatch');
  return { replay: first.response };
}

/** Stores the response of a claimed request, for its retries. */
export async function storeIdempotentResponse(tx: DbOrTx, keyId: string, response: unknown): Promise<void> {
  await tx.update(idempotencyKeys).set({ statusCode: 200, response }).where(eq(idempotencyKeys.id, keyId));
}
