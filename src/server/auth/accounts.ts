import { and, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users } from './tables';

// Reads of user accounts for modules (which never select from `users` themselves).

/** Ids of the accounts, not disabled, that sign in as one of these residents (their portal logins). */
export async function activeAccountsOfResidents(db: DbOrTx, residentIds: readonly string[]): Promise<string[]> {
  if (!residentIds.length) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.residentId, [...residentIds]), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}
