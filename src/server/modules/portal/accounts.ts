import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { systemContext, type RequestContext } from '../../auth/context';
import { users } from '../../auth/tables';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../errors';
import { recordAudit } from '../audit';
import { residentById, residentsWithPhone } from '../registry';
import { portalAccounts } from './tables';

type UserRow = typeof users.$inferSelect;

/** A free login name for a portal account: `m<phone>`, with a suffix if that is taken. */
async function freeUsername(tx: DbOrTx, phone: string): Promise<string> {
  for (const name of [`m${phone}`, `m${phone}-${randomBytes(3).toString('hex')}`]) {
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${name}`);
    if (!taken) return name;
  }
  return `m${phone}-${randomBytes(6).toString('hex')}`;
}

function refuseDisabled(user: UserRow): UserRow {
  if (user.disabledAt) throw new AppError('LOGIN_FAILED', 'error.accountDisabled');
  return user;
}

/**
 * The account a person who proved their phone to one company's portal signs in to: the account
 * of that company's resident with the phone (created on first use for residents the desk
 * registered), else the person's unregistered portal account for that company (no roles),
 * created on first use. Never an account of another company, even for the same phone. Audited
 * when created or linked.
 */
export async function accountForPhone(tx: DbOrTx, phone: string, organizationId: string, ip: string | null): Promise<UserRow> {
  const people = await residentsWithPhone(tx, organizationId, phone);
  for (const person of people) {
    const [user] = await tx.select().from(users).where(eq(users.residentId, person.id)).orderBy(asc(users.createdAt)).limit(1);
    if (user) return refuseDisabled(user);
  }
  const ctx: RequestContext = { ...systemContext(organizationId), ip };
  const [pending] = await tx
    .select({ user: users })
    .from(portalAccounts)
    .innerJoin(users, eq(users.id, portalAccounts.userId))
    .where(and(eq(portalAccounts.phone, phone), eq(users.organizationId, organizationId), isNull(users.residentId)))
    .limit(1);
  if (pending && !people.length) return refuseDisabled(pending.user);
  const person = people[0];
  if (pending && person) {
    // Registered by the desk since the person last signed in: the account becomes theirs.
    const [linked] = await tx
      .update(users)
      .set({ residentId: person.id, roles: ['resident'], displayName: person.name, updatedAt: new Date() })
      .where(eq(users.id, pending.user.id))
      .returning();
    await recordAudit(tx, ctx, { organizationId, entityType: 'user', entityId: linked!.id, action: 'update', after: { residentId: person.id, roles: ['resident'] } });
    return refuseDisabled(linked!);
  }
  const [created] = await tx
    .insert(users)
    .values({
      // Scoped to the company whose portal the person used, registered or not.
      organizationId,
      username: await freeUsername(tx, phone),
      displayName: person?.name ?? phone.slice(0, 3) + '****' + phone.slice(-4),
      passwordHash: null,
      roles: person ? ['resident'] : [],
      residentId: person?.id ?? null,
    })
    .returning();
  await tx.insert(portalAccounts).values({ userId: created!.id, phone }).onConflictDoNothing();
  await recordAudit(tx, ctx, {
    organizationId,
    entityType: 'user',
    entityId: created!.id,
    action: 'create',
    after: { username: created!.username, roles: created!.roles, via: 'portal_code' },
  });
  return created!;
}

/** The company's resident accounts with a password whose resident has this phone (phone + password sign-in). */
export async function passwordAccountsForPhone(tx: DbOrTx, phone: string, organizationId: string): Promise<UserRow[]> {
  const people = await residentsWithPhone(tx, organizationId, phone);
  if (!people.length) return [];
  return tx
    .select()
    .from(users)
    .where(and(eq(users.organizationId, organizationId), inArray(users.residentId, people.map((p) => p.id)), isNotNull(users.passwordHash)))
    .orderBy(asc(users.createdAt));
}

/** The phone an account signs in with: its resident's, else the one it proved with a code. */
export async function phoneOfAccount(tx: DbOrTx, user: Pick<UserRow, 'id' | 'residentId'>): Promise<string | null> {
  if (user.residentId) {
    const r = await residentById(tx, user.residentId);
    if (r) return r.phone;
  }
  const [p] = await tx.select({ phone: portalAccounts.phone }).from(portalAccounts).where(eq(portalAccounts.userId, user.id));
  return p?.phone ?? null;
}
