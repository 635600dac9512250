import { z } from 'zod';
import { localeSchema } from './locale';
import { phoneSchema, RELATION_VALUES } from './registry';

/**
 * The owner-portal API contract shared by the server and the portal web app (`/m/`): sign-in by
 * phone code or password, the person's own units, registration against a unit, and the desk's
 * review of those requests.
 */

const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

const portalCommunityId = z
  .uuid()
  .optional()
  .meta({ description: 'The community the portal was opened for (e.g. from a lobby QR code); required when the server hosts several companies' });

export const otpRequestSchema = z.object({
  phone: phoneSchema,
  communityId: portalCommunityId,
});

export const otpSentSchema = z.object({
  expiresInSeconds: z.number().int().meta({ description: 'How long the code is valid' }),
  resendAfterSeconds: z.number().int().meta({ description: 'How long before another code may be asked for' }),
});

export const otpVerifySchema = z.object({
  phone: phoneSchema,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: 'field.otpFormat' })
    .meta({ description: 'The 6-digit code from the text message' }),
  communityId: portalCommunityId.meta({ description: 'The same community the code was asked for: a code only opens that company’s account' }),
});

export const phoneLoginSchema = z.object({
  phone: phoneSchema,
  password: z.string().min(1).max(200),
  communityId: portalCommunityId,
});

/** The shortest new password accepted (existing shorter ones still sign in). */
export const NEW_PASSWORD_MIN_LENGTH = 10;

/**
 * `PUT /api/v1/portal/me/password`: a new password, proven by the current one or by a fresh code
 * sent to the account's own phone (`POST /api/v1/portal/me/otp`).
 */
export const portalPasswordSchema = z.object({
  password: z.string().min(1).max(200).meta({ description: `At least ${NEW_PASSWORD_MIN_LENGTH} characters, not common, not containing the phone` }),
  currentPassword: z.string().min(1).max(200).optional(),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: 'field.otpFormat' })
    .optional()
    .meta({ description: 'A code from `POST /api/v1/portal/me/otp`, instead of the current password' }),
});

export const BINDING_STATES = ['approved', 'pending', 'rejected'] as const;

/** A unit of the signed-in person, with the state of its approval. */
export const portalUnitSchema = z.object({
  requestId: z.uuid().nullable().meta({ description: 'The portal request behind it, if the person asked for it' }),
  unitId: z.uuid(),
  communityId: z.uuid(),
  communityName: z.string(),
  hotline: z.string().nullable().meta({ description: "The community's service hotline, for tap-to-call; null when the company has not set it" }),
  label: z.string().meta({ description: 'e.g. 3栋 1202' }),
  relation: z.enum(RELATION_VALUES),
  state: z.enum(BINDING_STATES),
  reason: z.string().nullable().meta({ description: 'Why the desk did not approve it' }),
  at: z.iso.datetime().meta({ description: 'When it was requested or bound' }),
});
export type PortalUnit = z.infer<typeof portalUnitSchema>;

/** `GET /api/v1/portal/me`: who is signed in, as the portal needs it. */
export const portalMeSchema = z
  .object({
    user: z.object({ id: z.uuid(), displayName: z.string(), locale: localeSchema }),
    registered: z.boolean().meta({ description: 'False until the person registers as a resident' }),
    resident: z.object({ id: z.uuid(), name: z.string(), phoneMasked: z.string() }).nullable(),
    hasPassword: z.boolean(),
    privacy: z
      .object({
        version: z.string().meta({ description: 'The version of the privacy notice now in force' }),
        acceptedVersion: z.string().nullable().meta({ description: 'The latest version this account accepted' }),
        acceptedAt: z.iso.datetime().nullable(),
        required: z.boolean().meta({ description: 'True until the account accepts the version in force; the portal shows only the notice until then' }),
      })
      .meta({ description: 'Consent to the privacy notice, asked at the first sign-in and again when its version changes' }),
    units: z.array(portalUnitSchema).meta({ description: 'Approved units first, then requests under review or turned down' }),
    csrfToken: z.string().meta({ description: 'Send as the X-CSRF-Token header on every non-GET request' }),
  })
  .meta({ id: 'PortalMe' });
export type PortalMe = z.infer<typeof portalMeSchema>;

/** Body of registration (first unit) and of a request for a further unit. */
export const unitRequestInputSchema = z.object({
  unitId: z.uuid(),
  relation: z.enum(RELATION_VALUES).meta({ description: 'owner 业主 | family 家庭成员 | tenant 租户' }),
});
export const registrationSchema = unitRequestInputSchema.extend({
  name: z.string().trim().min(1).max(50).meta({ description: 'The person’s name as the desk will check it' }),
});

export const directoryItemSchema = z.object({ id: z.uuid(), name: z.string(), hint: z.string().nullable() });

/** Categories a resident may choose when filing, from the community's effective standards. */
export const portalCategoriesSchema = z.object({
  repair: z.array(z.object({ key: z.string(), name: localized, emergency: z.boolean() })),
  complaint: z.array(z.object({ key: z.string(), name: localized, emergency: z.boolean() })),
});

export const UNIT_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;

/** A request as the desk reviews it. */
export const unitRequestSchema = z.object({
  id: z.uuid(),
  status: z.enum(UNIT_REQUEST_STATUSES),
  community: z.object({ id: z.uuid(), name: z.string() }),
  unit: z.object({ id: z.uuid(), label: z.string() }),
  relation: z.enum(RELATION_VALUES),
  resident: z.object({ id: z.uuid(), name: z.string(), phoneMasked: z.string() }),
  occupants: z
    .array(z.object({ name: z.string(), relation: z.enum(RELATION_VALUES) }))
    .meta({ description: 'Residents already bound to the unit, to check the request against' }),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  allowedActions: z.array(z.enum(['approve', 'reject'])),
});
export type UnitRequest = z.infer<typeof unitRequestSchema>;

export const unitRequestQuerySchema = z.object({
  status: z.enum(UNIT_REQUEST_STATUSES).default('pending'),
  communityId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const rejectUnitRequestSchema = z.object({
  reason: z.string().trim().min(2).max(200).meta({ description: 'Told to the resident in the text message' }),
});

/** Body of `POST /api/v1/portal/me/privacy-consent`: the version of the notice the person read. */
export const privacyConsentInputSchema = z.object({
  version: z.string().trim().min(1).max(40).meta({ description: 'The `privacy.version` the portal showed; an older one is refused (409)' }),
});
