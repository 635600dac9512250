import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { users } from '../tables';
import { endSessions } from './manage-account';

/**
 * Closes the accounts of a resident whose data is erased: disabled, renamed to `displayName`,
 * username replaced by `erased-<id>` (it was the phone for portal accounts), no password, every
 * session ended. The rows stay because work history points at them. Returns the account ids.
 */
export async function eraseResidentAccounts(tx: Tx, residentId: string, displayName: string, now = new Date()): Promise<string[]> {
  const rows = await tx.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.residentId, residentId));
  for (const row of rows) {
    await tx
      .update(users)
      .set({ username: `erased-${row.id}`, displayName, passwordHash: null, disabledAt: row.disabledAt ?? now, mustChangePassword: false, updatedAt: now })
      .where(eq(users.id, row.id));
    await endSessions(tx, row.id);
  }
  return rows.map((r) => r.id);
}
