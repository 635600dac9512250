import { inTransaction } from '../db/transaction';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountCreateSchema,
  accountRolesBodySchema,
  passwordChangeSchema,
  staffAccountSchema,
  temporaryPasswordSchema,
  type AccountAction,
  type StaffAccount,
} from '../../common/accounts';
import type { StaffRole } from '../../common/roles';
import { errorBodySchema } from '../../common/api';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../db/scope';
import { AppError, notFound } from '../errors';
import { lockStaffMember, staffMemberOf, staffPhone } from '../modules/registry';
import { changeOwnPassword, createStaffAccount, disableAccount, enableAccount, resetPassword, setAccountRoles } from './commands/manage-account';
import { contextOf, requireActor } from './plugin';
import { definePolicy, hasRole } from './policy';
import { users } from './tables';

const tags = ['accounts'];
const ERRORS = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const idParams = z.object({ id: z.uuid() });

interface AccountEntity {
  organizationId: string | null;
  userId: string;
  disabled: boolean;
  staffArchived: boolean;
}

const adminOf = (actor: Actor, a: AccountEntity) => hasRole(actor, 'company_admin') && a.organizationId === actor.organizationId;

/**
 * What a company admin may do to a staff account of their company. Never their own (they change
 * their own password themselves, and cannot take their own admin role away); an archived staff
 * member's account stays disabled.
 */
export const accountPolicy = definePolicy<AccountAction, AccountEntity>({
  disable: (actor, a) => adminOf(actor, a) && a.userId !== actor.userId && !a.disabled,
  enable: (actor, a) => adminOf(actor, a) && a.disabled && !a.staffArchived,
  resetPassword: (actor, a) => adminOf(actor, a) && a.userId !== actor.userId && !a.staffArchived,
  setRoles: (actor, a) => adminOf(actor, a) && a.userId !== actor.userId && !a.staffArchived,
});

/** The staff member (of the admin's company) and their oldest account; 404 for anything else. */
async function loadStaffAccount(db: Db | Tx, actor: Actor, staffId: string, lock = false) {
  if (!hasRole(actor, 'company_admin') || !actor.organizationId) throw notFound('entity.staff');
  const member = await staffMemberOf(db, actor.organizationId, staffId);
  if (!member) throw notFound('entity.staff');
  const query = db.select().from(users).where(and(eq(users.staffId, member.id), eq(users.organizationId, actor.organizationId))).orderBy(asc(users.createdAt)).limit(1);
  const [user] = lock ? await query.for('update') : await query;
  const entity: AccountEntity | null = user
    ? { organizationId: user.organizationId, userId: user.id, disabled: !!user.disabledAt, staffArchived: !!member.archivedAt }
    : null;
  return { member, user, entity };
}

function present(actor: Actor, user: typeof users.$inferSelect | undefined, entity: AccountEntity | null, archived: boolean): StaffAccount {
  if (!user || !entity) return { account: null, canCreate: hasRole(actor, 'company_admin') && !archived };
  return {
    canCreate: false,
    account: {
      userId: user.id,
      username: user.username,
      state: user.disabledAt ? 'disabled' : 'active',
      mustChangePassword: user.mustChangePassword,
      disabledAt: user.disabledAt?.toISOString() ?? null,
      roles: user.roles.filter((r): r is StaffRole => r !== 'platform_admin' && r !== 'resident'),
      allowedActions: accountPolicy.allowedActions(actor, entity),
    },
  };
}

/** A person's own password, and a company admin's actions on staff accounts. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.put(
    '/api/v1/auth/me/password',
    {
      schema: {
        tags,
        summary: 'Change my password',
        description:
          'Needs the current password. The new one must have at least 10 characters, not be common or in the shipped ' +
          'breached-password list, and not contain the username or phone. Every other session of the account ends; a forced ' +
          'change (after an admin reset) is cleared.',
        body: passwordChangeSchema,
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const phone = ctx.actor.staffId ? await staffPhone(db, ctx.actor.staffId) : null;
      await inTransaction(db, (tx) =>
        changeOwnPassword(tx, ctx, {
          sessionId: request.session!.sessionId,
          password: request.body.newPassword,
          currentPassword: request.body.currentPassword,
          owner: { phone },
        }),
      );
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/staff/:id/account',
    { schema: { tags, summary: "A staff member's sign-in account (company admins)", params: idParams, response: { 200: staffAccountSchema, ...ERRORS } } },
    async (request) => {
      const actor = requireActor(request);
      const { member, user, entity } = await loadStaffAccount(db, actor, request.params.id);
      return present(actor, user, entity, !!member.archivedAt);
    },
  );

  /** Loads the account under a row lock, checks the action, runs it and answers the new state. */
  const act = async (
    request: Parameters<typeof contextOf>[0] & { params: { id: string } },
    action: Exclude<AccountAction, 'setRoles'> | { roles: StaffRole[] },
  ) => {
    const ctx = contextOf(request);
    return inTransaction(db, async (tx) => {
      const { user, entity } = await loadStaffAccount(tx, ctx.actor, request.params.id, true);
      if (!user || !entity) throw notFound('entity.account');
      if (!accountPolicy.can(ctx.actor, typeof action === 'string' ? action : 'setRoles', entity)) {
        if (entity.userId === ctx.actor.userId) throw new AppError('FORBIDDEN', 'error.ownAccount');
        if (entity.staffArchived) throw new AppError('CONFLICT', 'error.accountArchived');
        throw new AppError('CONFLICT', 'error.conflict');
      }
      let temporary: string | null = null;
      if (action === 'disable') await disableAccount(tx, ctx, user, 'admin');
      else if (action === 'enable') await enableAccount(tx, ctx, user);
      else if (action === 'resetPassword') temporary = await resetPassword(tx, ctx, user);
      else await setAccountRoles(tx, ctx, user, action.roles);
      const after = await loadStaffAccount(tx, ctx.actor, request.params.id);
      return { temporary, username: user.username, state: present(ctx.actor, after.user, after.entity, !!after.member.archivedAt) };
    });
  };

  r.post(
    '/api/v1/staff/:id/account/disable',
    {
      schema: { tags, summary: 'Disable a staff account', description: 'Its sessions end at once; it cannot sign in until enabled. Audited.', params: idParams, response: { 200: staffAccountSchema, ...ERRORS } },
    },
    async (request) => (await act(request, 'disable')).state,
  );

  r.post(
    '/api/v1/staff/:id/account/enable',
    { schema: { tags, summary: 'Enable a disabled staff account', description: 'Not for archived staff. Audited.', params: idParams, response: { 200: staffAccountSchema, ...ERRORS } } },
    async (request) => (await act(request, 'enable')).state,
  );

  r.post(
    '/api/v1/staff/:id/account',
    {
      schema: {
        tags,
        summary: 'Create a sign-in account for a staff member',
        description:
          'For a staff member of the company who has no account and is not archived. The username is unique regardless of ' +
          'case; the roles are staff roles. Answers a random temporary password once; at the first sign-in the person can ' +
          'only set their own. Audited without the password.',
        params: idParams,
        body: accountCreateSchema,
        response: { 201: temporaryPasswordSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const created = await inTransaction(db, async (tx) => {
        const { member, user } = await loadStaffAccount(tx, ctx.actor, request.params.id);
        // Serializes two admins creating the same person's account: the second finds the first's.
        await lockStaffMember(tx, member.id);
        if (member.archivedAt) throw new AppError('CONFLICT', 'error.accountArchived');
        const [existing] = user ? [user] : await tx.select({ id: users.id }).from(users).where(eq(users.staffId, member.id)).limit(1);
        if (existing) throw new AppError('CONFLICT', 'error.accountExists');
        return createStaffAccount(tx, ctx, { id: member.id, organizationId: member.organizationId, name: member.name }, request.body);
      });
      return reply.status(201).send({ username: created.user.username, temporaryPassword: created.password });
    },
  );

  r.put(
    '/api/v1/staff/:id/account/roles',
    {
      schema: {
        tags,
        summary: "Change a staff account's roles",
        description:
          'Replaces the roles of a staff account of the company (not the caller\'s own, not an archived member\'s). The ' +
          "person's next request runs under the new roles. Audited with the roles before and after.",
        params: idParams,
        body: accountRolesBodySchema,
        response: { 200: staffAccountSchema, ...ERRORS },
      },
    },
    async (request) => (await act(request, { roles: request.body.roles })).state,
  );

  r.post(
    '/api/v1/staff/:id/account/reset-password',
    {
      schema: {
        tags,
        summary: "Reset a staff member's password",
        description:
          'Sets a random temporary password, answered once, and ends every session of the account. At the next sign-in the ' +
          'person can only change it. Audited without the password.',
        params: idParams,
        response: { 200: temporaryPasswordSchema, ...ERRORS },
      },
    },
    async (request) => {
      const done = await act(request, 'resetPassword');
      return { username: done.username, temporaryPassword: done.temporary! };
    },
  );
}
