import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../db/scope';
import type { RequestContext } from './context';
import { residents, residentUnits, staff } from '../modules/registry/tables';
import { sessions, users } from './tables';

export const SESSION_COOKIE = 'wuye_sid';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionInfo {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  locale: 'zh-CN' | 'en-US';
  /** After an admin's reset: only the change-password form (and sign-out) answers. */
  mustChangePassword: boolean;
}

/**
 * SQL condition: the account's person is still on the books. A staff account whose staff member
 * is archived, or a resident account whose resident is archived or gone, opens nothing, so
 * archiving takes effect on every open session at once.
 */
export const personActive = sql`(${users.staffId} is null or exists (select 1 from ${staff} where ${staff.id} = ${users.staffId} and ${staff.archivedAt} is null))
  and (${users.residentId} is null or exists (select 1 from ${residents} where ${residents.id} = ${users.residentId} and ${residents.archivedAt} is null))`;

/** True when the account may sign in: not disabled, and its staff member or resident not archived. */
export async function accountUsable(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.disabledAt), personActive));
  return !!row;
}

/** Creates a session and returns the cookie token (only ever held by the browser). */
export async function createSession(
  db: Db,
  userId: string,
  idleHours: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + idleHours * 3_600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken };
}

/** Ends a session. */
export async function destroySession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * Resolves a cookie token to the signed-in actor, extending the idle timeout at most once a
 * minute so busy pages don't write on every request.
 */
export async function loadSession(db: Db, token: string, idleHours: number): Promise<SessionInfo | null> {
  const id = hashToken(token);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date()), isNull(users.disabledAt), personActive))
    .limit(1);
  if (!row) return null;
  if (Date.now() - row.session.lastSeenAt.getTime() > 60_000) {
    const now = new Date();
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + idleHours * 3_600_000) })
      .where(eq(sessions.id, id));
  }
  return {
    sessionId: id,
    csrfToken: row.session.csrfToken,
    actor: await loadActor(db, row.user),
    locale: row.user.locale,
    mustChangePassword: row.user.mustChangePassword,
  };
}

/** Builds the actor of a user: roles plus the communities and units that bound their scope. */
export async function loadActor(db: Db, user: typeof users.$inferSelect): Promise<Actor> {
  const actor: Actor = {
    userId: user.id,
    displayName: user.displayName,
    organizationId: user.organizationId,
    roles: user.roles,
    staffId: user.staffId,
    residentId: user.residentId,
    communityIds: [],
    unitIds: [],
  };
  if (user.roles.includes('company_admin') || user.roles.includes('platform_admin')) {
    actor.communityIds = 'all';
  } else if (user.staffId) {
    const [s] = await db.select({ communityIds: staff.communityIds }).from(staff).where(eq(staff.id, user.staffId));
    actor.communityIds = s?.communityIds ?? [];
  } else if (user.residentId) {
    const bindings = await db
      .select({ unitId: residentUnits.unitId, communityId: residentUnits.communityId })
      .from(residentUnits)
      .where(
        and(
          eq(residentUnits.residentId, user.residentId),
          eq(residentUnits.approved, true),
          isNull(residentUnits.moveOutOn),
        ),
      );
    actor.unitIds = bindings.map((b) => b.unitId);
    actor.communityIds = [...new Set(bindings.map((b) => b.communityId))];
  }
  return actor;
}

/**
 * The request context of a company's user by username, as if they had signed in (language
 * zh-CN, no address): for data entered through the product's commands by named people without a
 * browser (the demo seeders). Throws when the company has no such user.
 */
export async function userContext(db: Db, organizationId: string, username: string): Promise<RequestContext> {
  const [user] = await db.select().from(users).where(and(eq(users.organizationId, organizationId), eq(users.username, username)));
  if (!user) throw new Error(`no user "${username}" in organization ${organizationId}`);
  return { actor: await loadActor(db, user), ip: null, locale: 'zh-CN' };
}
