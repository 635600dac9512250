import { z } from 'zod';
import { pageQuerySchema } from './api';
import { phoneSchema } from './registry';
import { actionDescriptionSchema } from './work/records';

/**
 * Gate operations shared by server and web: visitor passes (pre-registered, walk-in and
 * decoration workers) and goods-release slips. Their steps and time limits come from the
 * `visitor` and `goods_release` service standards.
 */

/** How a host or owner confirmed to the desk or the guard. */
export const CONFIRMATION_CHANNELS = ['phone', 'in_person', 'app', 'video'] as const;
export const confirmationChannelSchema = z.enum(CONFIRMATION_CHANNELS).meta({ description: 'How the host/owner confirmed: phone call, in person, in the app or by video call' });
export type ConfirmationChannel = z.infer<typeof confirmationChannelSchema>;

/** Where a pass came from. */
export const PASS_ORIGINS = ['pre_registered', 'walk_in', 'decoration'] as const;

/** Most records one export of the visitor or release log holds; past it the export is refused. */
export const GATE_EXPORT_MAX = 10_000;
export type PassOrigin = (typeof PASS_ORIGINS)[number];

/** Why a pass or slip cannot be used now; the guard sees the reason. */
export const REFUSAL_REASONS = ['expired', 'not_yet_valid', 'used', 'inside', 'cancelled'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** QR contents: a prefix naming what the token opens. */
export const QR_PREFIX = { pass: 'WYP:', slip: 'WYS:' } as const;

/** Characters of the short codes typed by hand (no 0/O, 1/I/L). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 6;

/** Longest visit window a pass may have. */
export const MAX_VISIT_DAYS = 7;

/** A Chinese licence plate, e.g. 浙A12345 or 浙AD12345 (new energy); letters upper-cased. */
export const plateSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/, { message: 'field.licencePlate' })
  .meta({ description: 'Licence plate, e.g. 浙A12345' });

const nameSchema = z.string().trim().min(1).max(40);

export const passCreateSchema = z
  .object({
    unitId: z.uuid().describe('Host unit; residents may only name their own'),
    visitorName: nameSchema.describe("Visitor's name"),
    visitorPhone: phoneSchema.optional().describe("Visitor's mobile number"),
    plate: plateSchema.optional(),
    partySize: z.number().int().min(1).max(20).default(1).describe('Number of people on the pass'),
    purpose: z.string().trim().max(100).optional().describe('Purpose of the visit'),
    validFrom: z.iso.datetime({ offset: true }).optional().describe('Start of the visit window; default now'),
    validUntil: z.iso.datetime({ offset: true }).optional().describe("End of the visit window; default the standard's validity"),
    hostConfirmation: confirmationChannelSchema.optional().describe('How the host confirmed (required for the guard and the desk)'),
    confirmedBy: z.string().trim().min(1).max(40).optional().describe('Who confirmed (required for the guard and the desk)'),
    enterNow: z.boolean().default(false).describe('Walk-in: record the entry together with the registration'),
  })
  .meta({ id: 'GatePassCreate' });
export type PassCreateInput = z.input<typeof passCreateSchema>;

export const slipItemSchema = z.object({
  name: z.string().trim().min(1).max(60).describe('What leaves, e.g. 冰箱'),
  quantity: z.number().int().min(1).max(999),
  note: z.string().trim().max(100).optional(),
});

export const slipCreateSchema = z
  .object({
    unitId: z.uuid().describe('Unit the goods leave from; residents may only name their own'),
    items: z.array(slipItemSchema).min(1).max(30).describe('The goods, item by item'),
    carrierName: nameSchema.describe('Who carries the goods out'),
    carrierPhone: phoneSchema.optional(),
    plate: plateSchema.optional(),
    note: z.string().trim().max(200).optional(),
    ownerConfirmation: confirmationChannelSchema.optional().describe('How the owner confirmed (required for the desk)'),
    confirmedBy: z.string().trim().min(1).max(40).optional().describe('Who confirmed (required for the desk)'),
  })
  .meta({ id: 'GoodsSlipCreate' });
export type SlipCreateInput = z.input<typeof slipCreateSchema>;

export const lookupBodySchema = z.object({
  q: z.string().trim().min(2).max(300).describe('QR content, short code, phone number or licence plate'),
  communityId: z.uuid().optional().describe('Limit to one community'),
});

const stateFilter = z.enum(['open', 'in_progress', 'closed', 'cancelled']).optional().describe('Semantic state type');

export const passListQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid().optional(),
  q: z.string().trim().max(60).optional().describe('Name, phone, plate, code or unit'),
  stateType: stateFilter,
  origin: z.enum(PASS_ORIGINS).optional(),
  date: z.iso.date().optional().describe('Passes whose window touches this local date (community time zone)'),
});

export const slipListQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid().optional(),
  q: z.string().trim().max(60).optional().describe('Carrier, phone, plate, code, unit or item'),
  stateType: stateFilter,
});

const person = z.object({ userId: z.string().nullable(), name: z.string() });
const stateSchema = z.object({ key: z.string(), type: z.string(), name: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }) });
const verdictSchema = z.object({
  ok: z.boolean(),
  reason: z.enum(REFUSAL_REASONS).nullable(),
  message: z.string().nullable().describe("The refusal in the caller's language"),
});
const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
/** One entry of an item's timeline: `created` or a step of its standard, with the values given by record name. */
const eventSchema = z.object({
  id: z.string(),
  action: z.string(),
  actionName: localized.nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  toStateName: localized.nullable(),
  labels: z.record(z.string(), localized).describe("Labels of the step's records (the keys of `data`) in the pinned standard"),
  automatic: z.boolean(),
  by: person.nullable(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});
const timerSchema = z.object({ limitKey: z.string(), name: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }), status: z.string(), dueAt: z.string().nullable() });

/** How a host or owner confirmed, as recorded by the desk or the guard acting for them. */
const confirmationSchema = z.object({ channel: z.string(), confirmedBy: z.string(), at: z.string(), by: person });

export const passSchema = z
  .object({
    id: z.string(),
    communityId: z.string(),
    communityName: z.string(),
    unitId: z.string(),
    unitLabel: z.string(),
    hostName: z.string().nullable(),
    origin: z.enum(PASS_ORIGINS),
    number: z.string().describe('Running number per community and local day, e.g. FK20261122-0003'),
    code: z.string(),
    token: z.string().nullable().describe('Only for those who may share or print the pass'),
    visitorName: z.string(),
    visitorPhone: z.string().nullable().describe('Masked unless the caller may see it in full'),
    plate: z.string().nullable(),
    partySize: z.number().int(),
    purpose: z.string().nullable(),
    validFrom: z.string(),
    validUntil: z.string(),
    confirmation: confirmationSchema.nullable(),
    decorationId: z.string().nullable(),
    state: stateSchema,
    verdict: verdictSchema.describe('Whether the pass lets someone in now, and why not'),
    enteredAt: z.string().nullable(),
    exitedAt: z.string().nullable(),
    createdBy: person,
    createdAt: z.string(),
    standard: z.object({ versionId: z.string(), version: z.number().int() }).describe('The standard version it runs under (pinned when it was opened)'),
    version: z.number().int().describe('Raised by every step; send it as `If-Match` (`"7"`) with a step (also the ETag of step responses)'),
    allowedActions: z.array(z.string()).describe('Steps the caller may take now (keys of the pinned standard), plus `share` for those who print or send it'),
    actions: z.array(actionDescriptionSchema).describe('The steps of `allowedActions` with the typed records each asks for, from the pinned standard'),
    events: z.array(eventSchema).optional(),
    timers: z.array(timerSchema).optional(),
  })
  .meta({ id: 'GatePass' });
export type GatePass = z.infer<typeof passSchema>;

export const slipSchema = z
  .object({
    id: z.string(),
    communityId: z.string(),
    communityName: z.string(),
    unitId: z.string(),
    unitLabel: z.string(),
    number: z.string().describe('Running number per community and local day, e.g. FX20261122-0001'),
    code: z.string(),
    token: z.string().nullable(),
    items: z.array(z.object({ name: z.string(), quantity: z.number(), note: z.string().nullable() })),
    carrierName: z.string(),
    carrierPhone: z.string().nullable(),
    plate: z.string().nullable(),
    note: z.string().nullable(),
    confirmation: confirmationSchema.nullable(),
    validUntil: z.string(),
    state: stateSchema,
    verdict: verdictSchema,
    release: z.object({ at: z.string(), by: person, signatureId: z.string().nullable() }).nullable().describe("Who released the goods, when, and the guard's signature"),
    issuedBy: person,
    createdAt: z.string(),
    standard: z.object({ versionId: z.string(), version: z.number().int() }).describe('The standard version it runs under (pinned when it was opened)'),
    version: z.number().int().describe('Raised by every step; send it as `If-Match` (`"7"`) with a step (also the ETag of step responses)'),
    allowedActions: z.array(z.string()).describe('Steps the caller may take now (keys of the pinned standard), plus `share` for those who print or send it'),
    actions: z.array(actionDescriptionSchema).describe('The steps of `allowedActions` with the typed records each asks for, from the pinned standard'),
    events: z.array(eventSchema).optional(),
    timers: z.array(timerSchema).optional(),
  })
  .meta({ id: 'GoodsSlip' });
export type GoodsSlip = z.infer<typeof slipSchema>;

/** The minimum a visitor's shared link shows, without login. */
export const publicPassSchema = z
  .object({
    communityName: z.string(),
    visitorName: z.string().describe('Masked: the family name and a star'),
    code: z.string(),
    validFrom: z.string(),
    validUntil: z.string(),
    partySize: z.number().int(),
    state: stateSchema,
    verdict: verdictSchema,
    qrContent: z.string(),
  })
  .meta({ id: 'PublicGatePass' });
export type PublicPass = z.infer<typeof publicPassSchema>;

export const lookupResultSchema = z.object({
  passes: z.array(passSchema),
  slips: z.array(slipSchema),
});

/** A unit's decoration registration (装修登记), made by the desk after the owner's notice. */
export const decorationCreateSchema = z
  .object({
    unitId: z.uuid().describe('The unit being decorated'),
    company: z.string().trim().min(1).max(80).describe('Decoration company'),
    responsibleName: nameSchema.describe('Person responsible on site'),
    responsiblePhone: phoneSchema,
    startsOn: z.iso.date().describe('First day of the work (local date)'),
    endsOn: z.iso.date().describe('Last day of the work (local date); worker passes expire with it'),
    note: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'DecorationCreate' });

export const WORKER_KINDS = ['fixed', 'temporary'] as const;

/**
 * A worker of a decoration: fixed workers leave a duplicate certificate checked against the
 * original (number and a photo of the copy); temporary workers are verified on each visit.
 */
export const workerCreateSchema = z
  .object({
    name: nameSchema.describe("Worker's name"),
    phone: phoneSchema.optional(),
    kind: z.enum(WORKER_KINDS).describe('fixed: pass for the whole period; temporary: this visit only'),
    certificateNumber: z.string().trim().min(4).max(40).optional().describe('Fixed: number of the certificate checked against the copy'),
    certificatePhotoId: z.uuid().optional().describe('Fixed: attachment id of the photo of the duplicate certificate'),
    verification: z.string().trim().min(2).max(100).optional().describe('Temporary: how the guard verified the worker, e.g. 核对身份证'),
  })
  .meta({ id: 'DecorationWorkerCreate' });

const workerSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  kind: z.enum(WORKER_KINDS),
  certificateNumber: z.string().nullable(),
  certificateCheckedBy: z.object({ userId: z.string().nullable(), name: z.string() }).nullable(),
  certificateCheckedAt: z.string().nullable(),
  certificatePhotoId: z.string().nullable(),
  verification: z.string().nullable(),
  passId: z.string(),
  createdAt: z.string(),
});

export const decorationSchema = z
  .object({
    id: z.string(),
    communityId: z.string(),
    unitId: z.string(),
    unitLabel: z.string(),
    company: z.string(),
    responsibleName: z.string(),
    responsiblePhone: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    note: z.string().nullable(),
    active: z.boolean().describe('Today lies within the period and the registration is neither finished nor cancelled'),
    workers: z.array(workerSchema),
    createdAt: z.string(),
    standard: z.object({ versionId: z.string(), version: z.number().int() }).describe('The `decoration` standard version it runs under'),
    state: stateSchema,
    version: z.number().int().describe('Raised by every step; send it as `If-Match` (`"7"`) with a step'),
    allowedActions: z.array(z.string()),
    actions: z.array(actionDescriptionSchema).describe('The steps the caller may take now with the typed records each asks for'),
    events: z.array(eventSchema).optional().describe('The timeline, oldest first (detail only)'),
  })
  .meta({ id: 'Decoration' });
export type Decoration = z.infer<typeof decorationSchema>;
