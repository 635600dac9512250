import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../../common/api';
import {
  directoryItemSchema,
  portalCategoriesSchema,
  portalMeSchema,
  portalPasswordSchema,
  privacyConsentInputSchema,
  registrationSchema,
  unitRequestInputSchema,
} from '../../../../common/portal';
import { changeOwnPassword } from '../../../auth/commands/manage-account';
import { assertNewPassword } from '../../../auth/password-policy';
import { contextOf, requireActor } from '../../../auth/plugin';
import type { Actor } from '../../../db/scope';
import { forbidden, notFound } from '../../../errors';
import { pickableBuildings, pickableCommunityList, pickableUnits } from '../../registry';
import { deliverQueued } from '../../outbound';
import { effectiveStandard } from '../../standards';
import { phoneOfAccount } from '../accounts';
import { requestUnit } from '../commands/request-unit';
import { OTP, requestCode, verifyCode } from '../otp';
import { portalPolicy } from '../policy';
import { acceptPrivacyNotice, pickableCommunities } from '../repository';
import { presentPortalMe } from '../presenter';
import { inTransaction } from '../../../db/transaction';

const tags = ['owner portal'];
const ERRORS = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const idParams = z.object({ id: z.uuid() });
const list = z.object({ items: z.array(directoryItemSchema) });

/** The signed-in person's own data, registration against a unit, and the pickers it needs. */
export async function residentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;
  const portalUser = (request: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(request);
    portalPolicy.assert(actor, 'usePortal', undefined);
    return actor;
  };

  r.get(
    '/api/v1/portal/me',
    { schema: { tags, summary: 'The signed-in person, their units and the state of each', response: { 200: portalMeSchema, ...ERRORS } } },
    async (request) => presentPortalMe(db, portalUser(request).userId, request.session!.csrfToken),
  );

  r.post(
    '/api/v1/portal/registration',
    {
      schema: {
        tags,
        summary: 'Register as a resident of a unit',
        description:
          'For a person signed in by code whose phone no resident has. Creates the resident and an unapproved binding; the ' +
          "community's desk is notified. Until the desk approves, the person sees no unit data and can file nothing.",
        body: registrationSchema,
        response: { 201: portalMeSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      portalUser(request);
      await inTransaction(db, (tx) => requestUnit(tx, ctx, request.body, true));
      return reply.status(201).send(await presentPortalMe(db, ctx.actor.userId, request.session!.csrfToken));
    },
  );

  r.post(
    '/api/v1/portal/unit-requests',
    {
      schema: {
        tags,
        summary: 'Ask to be bound to a further unit',
        description: 'A registered resident asks for another unit of the same company; the desk reviews it like a registration.',
        body: unitRequestInputSchema,
        response: { 201: portalMeSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      portalUser(request);
      await inTransaction(db, (tx) => requestUnit(tx, ctx, request.body, false));
      return reply.status(201).send(await presentPortalMe(db, ctx.actor.userId, request.session!.csrfToken));
    },
  );

  /** The phone and company of a registered resident's account (what a password change is proven against). */
  const ownPhone = async (actor: Actor) => {
    if (!actor.residentId || !actor.organizationId) throw notFound('entity.resident');
    const phone = await phoneOfAccount(db, { id: actor.userId, residentId: actor.residentId });
    if (!phone) throw forbidden();
    return { phone, organizationId: actor.organizationId };
  };

  r.post(
    '/api/v1/portal/me/otp',
    {
      schema: {
        tags,
        summary: 'Send a code to my own phone, to prove a password change',
        description: `Same limits as \`POST /api/v1/portal/otp\`; the code is valid ${OTP.ttlSeconds / 60} minutes and only for \`PUT /api/v1/portal/me/password\`.`,
        response: { 202: z.object({ expiresInSeconds: z.number().int(), resendAfterSeconds: z.number().int() }), ...ERRORS, 429: errorBodySchema },
      },
    },
    async (request, reply) => {
      const { phone, organizationId } = await ownPhone(portalUser(request));
      await requestCode(db, { phone, scope: { organizationId, communityId: null }, ip: request.ip, locale: request.locale });
      await deliverQueued(app);
      return reply.status(202).send({ expiresInSeconds: OTP.ttlSeconds, resendAfterSeconds: OTP.resendAfterSeconds });
    },
  );

  r.put(
    '/api/v1/portal/me/password',
    {
      schema: {
        tags,
        summary: 'Set or change the password for signing in with the phone',
        description:
          'Proven by the current password or by a fresh code from `POST /api/v1/portal/me/otp`. The new password must have at ' +
          'least 10 characters, not be common or breached, and not contain the phone. Every other session of the account ends.',
        body: portalPasswordSchema,
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { phone, organizationId } = await ownPhone(portalUser(request));
      const { password, currentPassword, code } = request.body;
      // The rules first, so a refused password does not use up the code.
      assertNewPassword('password', password, { phone });
      if (code) await verifyCode(db, phone, code, { organizationId, communityId: null });
      await inTransaction(db, (tx) =>
        changeOwnPassword(tx, ctx, {
          sessionId: request.session!.sessionId,
          password,
          currentPassword,
          proven: !!code,
          owner: { phone },
          fields: { password: 'password', current: 'currentPassword' },
        }),
      );
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/portal/me/privacy-consent',
    {
      schema: {
        tags,
        summary: 'Accept the privacy notice',
        description:
          'Records that the signed-in person accepted the privacy notice of this version, with the time. Asked at the first ' +
          'sign-in and again whenever the version changes (`PortalMe.privacy.required`). Until then the portal shows only the ' +
          'notice, and the API refuses every other request of the account with 403 `PRIVACY_CONSENT_REQUIRED` except ' +
          '`GET /api/v1/portal/me`, the own data download, the language and sign-out. A version other than the one in force is refused with 409, so nobody accepts a text they did not see.',
        body: privacyConsentInputSchema,
        response: { 200: portalMeSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = portalUser(request);
      await inTransaction(db, (tx) => acceptPrivacyNotice(tx, actor.userId, request.body.version));
      return presentPortalMe(db, actor.userId, request.session!.csrfToken);
    },
  );

  r.get(
    '/api/v1/portal/communities',
    { schema: { tags, summary: 'Communities to register in (names only)', response: { 200: list, ...ERRORS } } },
    async (request) => {
      const actor = portalUser(request);
      return { items: await pickableCommunityList(db, await pickableCommunities(db, actor)) };
    },
  );

  r.get(
    '/api/v1/portal/communities/:id/buildings',
    { schema: { tags, summary: 'Buildings of a community (names only)', params: idParams, response: { 200: list, ...ERRORS } } },
    async (request) => {
      const actor = portalUser(request);
      const rows = await pickableBuildings(db, await pickableCommunities(db, actor), request.params.id);
      if (!rows) throw notFound('entity.community');
      return { items: rows.map((b) => ({ ...b, hint: null })) };
    },
  );

  r.get(
    '/api/v1/portal/buildings/:id/units',
    {
      schema: {
        tags,
        summary: 'Units of a building (numbers only, never who lives there)',
        params: idParams,
        response: { 200: list, ...ERRORS },
      },
    },
    async (request) => {
      const actor = portalUser(request);
      const rows = await pickableUnits(db, await pickableCommunities(db, actor), request.params.id);
      if (!rows) throw notFound('entity.building');
      return { items: rows.map((u) => ({ id: u.id, name: u.number, hint: String(u.floor) })) };
    },
  );

  r.get(
    '/api/v1/portal/categories',
    {
      schema: {
        tags,
        summary: 'What a resident can report in a community',
        description: "The repair and complaint categories of the community's effective standards; only for the resident's approved communities.",
        querystring: z.object({ communityId: z.uuid() }),
        response: { 200: portalCategoriesSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = portalUser(request);
      const { communityId } = request.query;
      if (actor.communityIds === 'all' || !actor.communityIds.includes(communityId) || !actor.organizationId) throw notFound('entity.community');
      const result = { repair: [], complaint: [] } as z.infer<typeof portalCategoriesSchema>;
      for (const kind of ['repair', 'complaint'] as const) {
        const standard = await effectiveStandard(db, kind, actor.organizationId, communityId);
        result[kind] = (standard?.definition.categories ?? []).map((c) => ({ key: c.key, name: c.name, emergency: c.facts?.urgency === 'emergency' }));
      }
      return result;
    },
  );
}
