import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pickLocale, type Locale } from '../../common/locale';
import type { Actor } from '../db/scope';
import { AppError } from '../errors';
import type { RequestContext } from './context';
import { loadSession, SESSION_COOKIE, type SessionInfo } from './session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's language: Accept-Language, else the signed-in user's choice, else zh-CN. */
    locale: Locale;
    session: SessionInfo | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session (login, health). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// All a session with a forced password change may do: see who it is, change the password, pick
// a language, sign out. The admin who reset the password knows the temporary one.
const WHILE_CHANGE_REQUIRED = new Set([
  'GET /api/v1/auth/me',
  'PUT /api/v1/auth/me/password',
  'PUT /api/v1/auth/me/locale',
  'POST /api/v1/auth/logout',
]);

/** The signed-in actor of a request; throws 401 when there is none. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('UNAUTHENTICATED', 'error.unauthenticated');
  return request.session.actor;
}

/** The context a command needs: actor, address and language. */
export function contextOf(request: FastifyRequest): RequestContext {
  return { actor: requireActor(request), ip: request.ip, locale: request.locale };
}

/**
 * Resolves the session cookie on every API request, requires a session on every non-public
 * `/api/v1` route, and checks the CSRF token on every state-changing request made with a cookie.
 */
export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request) => {
    const header = request.headers['accept-language'];
    request.locale = pickLocale(header);
    if (!request.url.startsWith('/api/') || request.is404) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.session = await loadSession(app.database.db, token, app.config.sessionIdleHours);
      if (request.session && !header) request.locale = request.session.locale;
    }
    if (!request.url.startsWith('/api/v1/') || request.routeOptions.config?.public) {
      if (!SAFE_METHODS.has(request.method)) checkSameOrigin(request);
      return;
    }
    if (!request.session) throw new AppError('UNAUTHENTICATED', 'error.unauthenticated');
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.session.csrfToken) {
      throw new AppError('CSRF_FAILED', 'error.csrf');
    }
    if (request.session.mustChangePassword && !WHILE_CHANGE_REQUIRED.has(`${request.method} ${request.routeOptions.url}`)) {
      throw new AppError('FORBIDDEN', 'error.passwordChangeRequired');
    }
  });
}

// Public writes (login) carry no session yet: refuse cross-site browser posts by their Origin.
function checkSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('CSRF_FAILED', 'error.csrf');
  }
  if (host !== request.headers.host) throw new AppError('CSRF_FAILED', 'error.csrf');
}
