import { and, count, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { AppError } from '../errors';
import { loginFailures } from './tables';
import { inTransaction } from '../db/transaction';

export const MAX_FAILURES = 10;
export const WINDOW_MINUTES = 15;

const keysFor = (username: string, ip: string) => [`user:${username.toLowerCase()}`, `ip:${ip}`];

/**
 * Refuses a sign-in attempt with 429 when the account or the address has failed 10 times within
 * 15 minutes. Kept in the database so every server process sees the same count.
 */
export async function assertNotThrottled(db: Db, username: string, ip: string): Promise<void> {
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
  const rows = await db
    .select({ key: loginFailures.key, n: count() })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, keysFor(username, ip)), gt(loginFailures.at, since)))
    .groupBy(loginFailures.key);
  if (rows.some((r) => r.n >= MAX_FAILURES)) {
    throw new AppError('TOO_MANY_ATTEMPTS', 'error.tooManyAttempts', { minutes: WINDOW_MINUTES });
  }
}

/** Counts one failure against the account and the address, and forgets failures past the window. */
export async function recordFailure(db: Db, username: string, ip: string): Promise<void> {
  const keys = keysFor(username, ip);
  await inTransaction(db, async (tx) => {
    await tx
      .delete(loginFailures)
      .where(and(inArray(loginFailures.key, keys), lt(loginFailures.at, new Date(Date.now() - WINDOW_MINUTES * 60_000))));
    await tx.insert(loginFailures).values(keys.map((key) => ({ key })));
  });
}

/** A successful sign-in clears the account's failures (not the address's). */
export async function clearAccountFailures(db: Db, username: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, `user:${username.toLowerCase()}`));
}
