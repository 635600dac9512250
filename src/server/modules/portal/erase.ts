import { and, eq, inArray, or, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { otpChallenges, portalAccounts } from './tables';

/**
 * Removes a resident's portal identity: the phone sign-ins of their accounts and the sign-in
 * codes asked for with their phone in this organization. The caller disables the accounts and
 * ends their sessions (auth). Returns how many portal sign-ins were removed.
 */
export async function removePortalIdentity(tx: DbOrTx, organizationId: string, userIds: string[], phone: string): Promise<number> {
  const removed = userIds.length ? await tx.delete(portalAccounts).where(inArray(portalAccounts.userId, userIds)).returning({ id: portalAccounts.userId }) : [];
  if (phone) {
    await tx.delete(otpChallenges).where(and(eq(otpChallenges.phone, phone), or(eq(otpChallenges.organizationId, organizationId), isNull(otpChallenges.organizationId))));
  }
  return removed.length;
}
