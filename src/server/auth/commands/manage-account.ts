import { randomInt } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { AppError, fieldError } from '../../errors';
import { recordAudit } from '../../modules/audit/record-audit';
import type { RequestContext } from '../context';
import { hashPassword, verifyPassword } from '../password';
import { assertNewPassword, temporaryPassword, type PasswordOwner } from '../password-policy';
import { sessions, users } from '../tables';
import type { StaffRole } from '../../../common/roles';
import { createUser } from './create-user';

type UserRow = typeof users.$inferSelect;

/** Ends every session of an account, except `keepSessionId` (the caller's own, on a password change). */
export async function endSessions(tx: Tx, userId: string, keepSessionId?: string): Promise<number> {
  const ended = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

/** Disables an account and ends its sessions at once. Audited with why. */
export async function disableAccount(tx: Tx, ctx: RequestContext, user: UserRow, reason: 'admin' | 'staff_archived'): Promise<void> {
  const now = new Date();
  await tx.update(users).set({ disabledAt: user.disabledAt ?? now, updatedAt: now }).where(eq(users.id, user.id));
  const endedSessions = await endSessions(tx, user.id);
  await recordAudit(tx, ctx, {
    organizationId: user.organizationId,
    entityType: 'user',
    entityId: user.id,
    action: 'disable',
    before: { disabledAt: user.disabledAt },
    after: { disabledAt: user.disabledAt ?? now, reason, endedSessions },
  });
}

/** Enables a disabled account again. Audited. */
export async function enableAccount(tx: Tx, ctx: RequestContext, user: UserRow): Promise<void> {
  await tx.update(users).set({ disabledAt: null, updatedAt: new Date() }).where(eq(users.id, user.id));
  await recordAudit(tx, ctx, { organizationId: user.organizationId, entityType: 'user', entityId: user.id, action: 'enable', before: { disabledAt: user.disabledAt }, after: { disabledAt: null } });
}

/**
 * An admin's password reset: a random temporary password that only opens the change-password
 * form (`mustChangePassword`), and every session of the account ends. The password is returned
 * once to show to the admin; neither it nor its hash reaches the audit log.
 */
export async function resetPassword(tx: Tx, ctx: RequestContext, user: UserRow): Promise<string> {
  const password = temporaryPassword((max) => randomInt(0, max));
  await tx.update(users).set({ passwordHash: await hashPassword(password), mustChangePassword: true, updatedAt: new Date() }).where(eq(users.id, user.id));
  const endedSessions = await endSessions(tx, user.id);
  await recordAudit(tx, ctx, { organizationId: user.organizationId, entityType: 'user', entityId: user.id, action: 'reset_password', after: { mustChangePassword: true, endedSessions } });
  return password;
}

/** Disables the accounts of a staff member being archived (their sessions end with it). */
export async function disableStaffAccounts(tx: Tx, ctx: RequestContext, staffId: string): Promise<void> {
  const accounts = await tx.select().from(users).where(and(eq(users.staffId, staffId), isNull(users.disabledAt))).for('update');
  for (const user of accounts) await disableAccount(tx, ctx, user, 'staff_archived');
}

/**
 * A person changes their own password: proven by the current one (or, in the portal, by a code
 * the caller already checked: `proven`), checked against the password rules, and every other
 * session of the account ends. Clears a forced change. Audited without the password.
 */
export async function changeOwnPassword(
  tx: Tx,
  ctx: RequestContext,
  input: { sessionId: string; password: string; currentPassword?: string; proven?: boolean; owner: PasswordOwner; fields?: { password: string; current: string } },
): Promise<void> {
  const fields = input.fields ?? { password: 'newPassword', current: 'currentPassword' };
  const [user] = await tx.select().from(users).where(eq(users.id, ctx.actor.userId)).for('update');
  if (!user) throw new AppError('UNAUTHENTICATED', 'error.unauthenticated');
  if (!input.proven) {
    if (input.currentPassword === undefined) throw fieldError({ [fields.current]: { key: 'field.currentPasswordOrCode' } });
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw fieldError({ [fields.current]: { key: 'field.currentPasswordWrong' } });
  }
  assertNewPassword(fields.password, input.password, { username: user.username, displayName: user.displayName, ...input.owner });
  if (await verifyPassword(input.password, user.passwordHash)) throw fieldError({ [fields.password]: { key: 'field.passwordUnchanged' } });
  await tx.update(users).set({ passwordHash: await hashPassword(input.password), mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, user.id));
  const endedSessions = await endSessions(tx, user.id, input.sessionId);
  await recordAudit(tx, ctx, {
    organizationId: user.organizationId,
    entityType: 'user',
    entityId: user.id,
    action: 'set_password',
    after: { password: 'changed', proof: input.proven ? 'code' : 'current_password', endedSessions },
  });
}

/**
 * A company admin creates the sign-in account of a staff member who has none: the roles the admin
 * grants and a random temporary password, returned once, that only opens the change-password form.
 */
export async function createStaffAccount(
  tx: Tx,
  ctx: RequestContext,
  member: { id: string; organizationId: string; name: string },
  input: { username: string; roles: StaffRole[] },
): Promise<{ user: UserRow; password: string }> {
  const password = temporaryPassword((max) => randomInt(0, max));
  const user = await createUser(tx, ctx, {
    organizationId: member.organizationId,
    username: input.username,
    displayName: member.name,
    password,
    roles: [...new Set(input.roles)],
    staffId: member.id,
  });
  await tx.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id));
  return { user: { ...user, mustChangePassword: true }, password };
}

/**
 * Replaces the roles of a staff account. The person's next request already runs under the new
 * roles (sessions read the account on every request), so nothing else needs to end. Audited.
 */
export async function setAccountRoles(tx: Tx, ctx: RequestContext, user: UserRow, roles: StaffRole[]): Promise<void> {
  const next = [...new Set(roles)];
  await tx.update(users).set({ roles: next, updatedAt: new Date() }).where(eq(users.id, user.id));
  await recordAudit(tx, ctx, { organizationId: user.organizationId, entityType: 'user', entityId: user.id, action: 'set_roles', before: { roles: user.roles }, after: { roles: next } });
}
