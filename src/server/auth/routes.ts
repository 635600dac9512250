import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../common/api';
import type { Db } from '../db/client';
import type { Actor } from '../db/scope';
import { AppError } from '../errors';
import { recordAudit } from '../modules/audit/record-audit';
import { communities, organizations } from '../modules/registry/tables';
import { accountRoutes } from './account-routes';
import { claimSignInAttempt } from './login-throttle';
import { burnPasswordCheck, verifyPassword } from './password';
import { contextOf, requireActor } from './plugin';
import { localeBodySchema, loginBodySchema, meSchema } from './schemas';
import { accountUsable, createSession, destroySession, loadActor, SESSION_COOKIE } from './session';
import { users } from './tables';
import { sql } from 'drizzle-orm';
import { inTransaction } from '../db/transaction';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 429: errorBodySchema };

/** The `Me` document: who is signed in, with roles, organization and communities. */
async function presentMe(db: Db, actor: Actor, csrfToken: string): Promise<z.infer<typeof meSchema>> {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED', 'error.unauthenticated');
  const [org] = user.organizationId
    ? await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, user.organizationId))
    : [];
  const scope =
    actor.communityIds === 'all'
      ? user.organizationId
        ? eq(communities.organizationId, user.organizationId)
        : sql`false`
      : actor.communityIds.length
        ? inArray(communities.id, actor.communityIds)
        : sql`false`;
  const comms = await db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .where(and(scope, isNull(communities.archivedAt)))
    .orderBy(asc(communities.name));
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, locale: user.locale, staffId: user.staffId },
    roles: user.roles,
    mustChangePassword: user.mustChangePassword,
    organization: org ?? null,
    communities: comms,
    csrfToken,
  };
}

/** Sign-in, sign-out and the current user. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  await accountRoutes(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;
  const cookieOptions = (maxAge?: number) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.secureCookies,
    ...(maxAge !== undefined ? { maxAge } : {}),
  });
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(7 * 24 * 3600));

  r.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password',
        description:
          'Sets an HttpOnly, SameSite=Lax session cookie. After 10 failures for one account or one address within 15 minutes, answers 429.',
        body: loginBodySchema,
        response: { 200: meSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const attempt = await claimSignInAttempt(db, username, request.ip);
      const [user] = await db.select().from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
      const ok = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
      if (!user || !ok) {
        throw new AppError('LOGIN_FAILED', 'error.loginFailed');
      }
      if (user.disabledAt || !(await accountUsable(db, user.id))) throw new AppError('LOGIN_FAILED', 'error.accountDisabled');
      await attempt.succeeded();
      const session = await createSession(db, user.id, app.config.sessionIdleHours, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setCookie(reply, session.token);
      const actor = await loadActor(db, user);
      await recordAudit(db, { actor, ip: request.ip, locale: request.locale }, {
        organizationId: user.organizationId,
        entityType: 'user',
        entityId: user.id,
        action: 'login',
      });
      return presentMe(db, actor, session.csrfToken);
    },
  );

  r.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: meSchema, ...errors } } },
    async (request) => presentMe(db, requireActor(request), request.session!.csrfToken),
  );

  r.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await destroySession(db, request.session!.sessionId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions());
      return reply.status(204).send(null);
    },
  );

  r.put(
    '/api/v1/auth/me/locale',
    {
      schema: {
        tags: ['auth'],
        summary: "Save the user's language",
        body: localeBodySchema,
        response: { 200: meSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      await inTransaction(db, async (tx) => {
        const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, ctx.actor.userId));
        await tx.update(users).set({ locale: request.body.locale, updatedAt: new Date() }).where(eq(users.id, ctx.actor.userId));
        await recordAudit(tx, ctx, {
          organizationId: ctx.actor.organizationId,
          entityType: 'user',
          entityId: ctx.actor.userId,
          action: 'update',
          before,
          after: { locale: request.body.locale },
        });
      });
      return presentMe(db, ctx.actor, request.session!.csrfToken);
    },
  );
}
