import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../../../../common/api';
import { otpRequestSchema, otpSentSchema, otpVerifySchema, phoneLoginSchema, portalMeSchema } from '../../../../common/portal';
import { claimSignInAttempt } from '../../../auth/login-throttle';
import { burnPasswordCheck, verifyPassword } from '../../../auth/password';
import { createSession, loadActor, SESSION_COOKIE } from '../../../auth/session';
import type { users } from '../../../auth/tables';
import { AppError } from '../../../errors';
import { recordAudit } from '../../audit';
import { deliverQueued } from '../../outbound';
import { accountForPhone, passwordAccountsForPhone } from '../accounts';
import { OTP, portalScope, requestCode, verifyCode } from '../otp';
import { presentPortalMe } from '../presenter';
import { inTransaction } from '../../../db/transaction';

const tags = ['owner portal'];
const ERRORS = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 429: errorBodySchema };

/** Sign-in to the owner portal: a code sent to the phone, or the phone and a password. */
export async function signInRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  /** Opens a session for the account, sets the usual cookie, audits the sign-in, answers PortalMe. */
  async function signIn(request: FastifyRequest, reply: FastifyReply, user: typeof users.$inferSelect, method: 'code' | 'password') {
    const session = await createSession(db, user.id, app.config.sessionIdleHours, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, maxAge: 7 * 24 * 3600 });
    const actor = await loadActor(db, user);
    await recordAudit(db, { actor, ip: request.ip, locale: request.locale }, { organizationId: user.organizationId, entityType: 'user', entityId: user.id, action: 'login', after: { method: `portal_${method}` } });
    return presentPortalMe(db, user.id, session.csrfToken);
  }

  r.post(
    '/api/v1/portal/otp',
    {
      config: { public: true },
      schema: {
        tags,
        security: [],
        summary: 'Send a sign-in code to a phone',
        description:
          `Sends a ${OTP.digits}-digit code by text message (development: recorded in the outbox with the code masked; the full text only in WUYE_DEV_OUTBOX_FILE), valid ` +
          `${OTP.ttlSeconds / 60} minutes. The answer is the same whether or not the phone is known. Another code may be asked ` +
          `for after ${OTP.resendAfterSeconds} s; at most ${OTP.perPhonePerHour} per phone and ${OTP.perAddressPerHour} per address ` +
          'an hour (429 with Retry-After). With several companies on one server, `communityId` says whose portal this is.',
        body: otpRequestSchema,
        response: { 202: otpSentSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      await requestCode(db, { phone: request.body.phone, communityId: request.body.communityId, ip: request.ip, locale: request.locale });
      await deliverQueued(app);
      return reply.status(202).send({ expiresInSeconds: OTP.ttlSeconds, resendAfterSeconds: OTP.resendAfterSeconds });
    },
  );

  r.post(
    '/api/v1/portal/otp/verify',
    {
      config: { public: true },
      schema: {
        tags,
        security: [],
        summary: 'Sign in with the code',
        description:
          `Checks the phone's latest code; a wrong code uses one of ${OTP.maxWrongTries} tries. On success sets the session cookie ` +
          '(as `POST /api/v1/auth/login`) and answers PortalMe. The code only opens the account of the company (and ' +
          'community) it was asked for: send the same `communityId`. A phone no resident of that company has yet signs in ' +
          'to an unregistered account of that company (`registered: false`) that can only register.',
        body: otpVerifySchema,
        response: { 200: portalMeSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { phone, code, communityId } = request.body;
      const scope = await portalScope(db, communityId);
      await verifyCode(db, phone, code, scope);
      const organizationId = scope.organizationId!;
      const user = await inTransaction(db, (tx) => accountForPhone(tx, phone, organizationId, request.ip));
      return signIn(request, reply, user, 'code');
    },
  );

  r.post(
    '/api/v1/portal/login',
    {
      config: { public: true },
      schema: {
        tags,
        security: [],
        summary: 'Sign in with phone and password',
        description: 'For residents who set a password, within the company of `communityId` (or the only one). Failures are throttled like `POST /api/v1/auth/login` (10 per phone or address in 15 minutes).',
        body: phoneLoginSchema,
        response: { 200: portalMeSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { phone, password, communityId } = request.body;
      const key = `phone:${phone}`;
      const attempt = await claimSignInAttempt(db, key, request.ip);
      const scope = await portalScope(db, communityId);
      const candidates = scope.organizationId ? await passwordAccountsForPhone(db, phone, scope.organizationId) : [];
      let match: (typeof candidates)[number] | null = null;
      for (const user of candidates) if (!match && (await verifyPassword(password, user.passwordHash))) match = user;
      if (!candidates.length) await burnPasswordCheck(password);
      if (!match) {
        throw new AppError('LOGIN_FAILED', 'error.phoneLoginFailed');
      }
      if (match.disabledAt) throw new AppError('LOGIN_FAILED', 'error.accountDisabled');
      await attempt.succeeded();
      return signIn(request, reply, match, 'password');
    },
  );
}
