import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { PRIVACY_NOTICE } from '../../../common/privacy-notice';
import { AppError } from '../../errors';
import { isPortalUser } from './policy';
import { portalPrivacyConsents } from './tables';

/**
 * What a portal account may do before it has accepted the privacy notice in force: read its own
 * state and the notice's version, accept, download the data already held about it (the right of
 * access does not wait for consent), pick a language and sign out.
 */
const BEFORE_CONSENT = new Set([
  'GET /api/v1/portal/me',
  'POST /api/v1/portal/me/privacy-consent',
  'GET /api/v1/portal/me/data',
  'GET /api/v1/auth/me',
  'PUT /api/v1/auth/me/locale',
  'POST /api/v1/auth/logout',
]);

/**
 * Refuses every other API request of a portal account (a resident, or a person who signed in by
 * code and has not registered) until it has accepted the privacy notice in force: 403
 * `PRIVACY_CONSENT_REQUIRED`. The portal shows only the notice until then; this holds the same
 * for any other client, and again when a new version of the notice comes into force mid-session.
 * Staff accounts are not asked. Runs after the session is resolved (install after `installAuth`).
 */
export function installPrivacyConsentGate(app: FastifyInstance): void {
  const db = app.database.db;
  app.addHook('onRequest', async (request) => {
    const actor = request.session?.actor;
    if (!actor || !isPortalUser(actor) || !request.url.startsWith('/api/v1/')) return;
    if (request.routeOptions.config?.public || BEFORE_CONSENT.has(`${request.method} ${request.routeOptions.url}`)) return;
    const [accepted] = await db
      .select({ id: portalPrivacyConsents.id })
      .from(portalPrivacyConsents)
      .where(and(eq(portalPrivacyConsents.userId, actor.userId), eq(portalPrivacyConsents.noticeVersion, PRIVACY_NOTICE.version)))
      .limit(1);
    if (!accepted) throw new AppError('PRIVACY_CONSENT_REQUIRED', 'portal.privacyConsentRequired');
  });
}
