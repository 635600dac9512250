import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { AppError } from '../errors';
import { loginAttempts } from './tables';

/** Failed sign-ins an account may have in one window, from any number of addresses. */
export const MAX_FAILURES = 10;
/**
 * Failed sign-ins one address may have in one window. Much higher than an account's limit: a
 * whole property office signs in from behind one NAT address, and ten typos there must not lock
 * every colleague out; guessing many accounts from one address is still stopped.
 */
export const ADDRESS_MAX_FAILURES = 100;
export const WINDOW_MINUTES = 15;

/** A claimed sign-in attempt: settle it once the password has been checked. */
export interface SignInAttempt {
  /** The password was right: the account's count is cleared and the address gets its attempt back. */
  succeeded(): Promise<void>;
}

/**
 * Claims one sign-in attempt for an account (username or phone key) from an address, before the
 * password is checked: each key's counter is incremented by one upsert that returns the new
 * count, so concurrent attempts are counted one after the other and never all pass a check of the
 * same old count. Past either limit the attempt is refused with 429 without checking the password.
 * Kept in the database, so every server process shares the counts.
 */
export async function claimSignInAttempt(db: Db, account: string, ip: string): Promise<SignInAttempt> {
  const accountKey = `user:${account.toLowerCase()}`;
  const addressKey = `ip:${ip}`;
  // Counters of past windows are forgotten here, so the table holds about one window of keys.
  await db.delete(loginAttempts).where(sql`${loginAttempts.windowStartedAt} < now() - make_interval(mins => ${2 * WINDOW_MINUTES})`);
  const [accountCount, addressCount] = [await claim(db, accountKey), await claim(db, addressKey)];
  if (accountCount > MAX_FAILURES || addressCount > ADDRESS_MAX_FAILURES) {
    throw new AppError('TOO_MANY_ATTEMPTS', 'error.tooManyAttempts', { minutes: WINDOW_MINUTES });
  }
  return {
    async succeeded() {
      await db.delete(loginAttempts).where(eq(loginAttempts.key, accountKey));
      await db
        .update(loginAttempts)
        .set({ attempts: sql`greatest(${loginAttempts.attempts} - 1, 0)` })
        .where(eq(loginAttempts.key, addressKey));
    },
  };
}

/** Counts one attempt against a key in its window (a window past its 15 minutes starts again at 1). */
async function claim(db: Db, key: string): Promise<number> {
  const expired = sql`${loginAttempts.windowStartedAt} < now() - make_interval(mins => ${WINDOW_MINUTES})`;
  const [row] = await db
    .insert(loginAttempts)
    .values({ key, attempts: 1 })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        attempts: sql`case when ${expired} then 1 else ${loginAttempts.attempts} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${loginAttempts.windowStartedAt} end`,
      },
    })
    .returning({ attempts: loginAttempts.attempts });
  return row!.attempts;
}
