import { z } from 'zod';
import { dueSchema } from './due';
import { workQueueSchema } from './work-queues';
import { pageQuerySchema, pageSchema, patchOf } from './api';
import { phoneSchema } from './registry';
import { actionDescriptionSchema } from './work/records';

/**
 * The work-order API contract shared by the server and the web console: enums, request bodies of
 * intake and of every action, list filters and the response shapes. Amounts are integers in fen
 * (分, 1/100 yuan) everywhere.
 */

export const WORK_ORDER_KINDS = ['repair', 'complaint', 'inquiry'] as const;
export const workOrderKindSchema = z.enum(WORK_ORDER_KINDS).meta({ description: 'repair 报修 | complaint 投诉 | inquiry 咨询' });
export type WorkOrderKind = z.infer<typeof workOrderKindSchema>;

/** Number prefix of each kind: BX 报修, TS 投诉, ZX 咨询 (e.g. BX20261122-0007). */
export const NUMBER_PREFIX: Record<WorkOrderKind, string> = { repair: 'BX', complaint: 'TS', inquiry: 'ZX' };

/** How a request reached the company. */
export const INTAKE_CHANNELS = ['phone', 'walk_in', 'app', 'wechat', 'patrol', 'inspection'] as const;
export const intakeChannelSchema = z.enum(INTAKE_CHANNELS);
export type IntakeChannel = z.infer<typeof intakeChannelSchema>;

/** Through which channel a step was taken: the intake channels plus the staff console and the system itself. */
export const EVENT_CHANNELS = [...INTAKE_CHANNELS, 'console', 'system'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** Where a complaint was raised (投诉来源). */
export const COMPLAINT_SOURCES = ['desk', 'hotline', 'owner_group', 'suggestion_box', 'app', 'other'] as const;
export const complaintSourceSchema = z.enum(COMPLAINT_SOURCES);

export const URGENCIES = ['emergency', 'routine'] as const;
export const urgencySchema = z.enum(URGENCIES);

/** Semantic state types (the display names come from the standard). */
export const STATUS_TYPES = ['open', 'in_progress', 'waiting', 'completed', 'closed', 'cancelled'] as const;
export const statusTypeSchema = z.enum(STATUS_TYPES);
export type StatusType = z.infer<typeof statusTypeSchema>;

/**
 * The actions of the shipped standards.
 * @deprecated The steps come from each order's pinned standard: read `allowedActions` and
 * `actions` (with their typed records) of the order instead; a company may add its own steps.
 * Kept only until the console stops importing it (see docs/notes-contract.md).
 */
export const WORK_ORDER_ACTIONS = [
  'dispatch',
  'accept',
  'schedule',
  'arrive',
  'quote',
  'start',
  'consent',
  'complete',
  'confirm',
  'return-visit',
  'cancel',
  'reply',
  'resolve',
  'close',
  'answer',
  'refer',
  'convert',
] as const;
export const workOrderActionSchema = z.enum(WORK_ORDER_ACTIONS);
export type WorkOrderAction = z.infer<typeof workOrderActionSchema>;

export const DESCRIPTION_MAX = 2000;
export const COMMENT_MAX = 2000;
export const TEXT_MAX = 1000;
/** Largest attachment: photos and PDFs. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTOS_MAX = 12;

const text = (max = TEXT_MAX) => z.string().trim().min(1).max(max);
const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
const isoInstant = z.iso.datetime({ offset: true });
const photoIds = z.array(z.uuid()).max(PHOTOS_MAX);

/** Body of `POST /api/v1/work-orders`. */
export const createWorkOrderSchema = z.object({
  kind: workOrderKindSchema,
  communityId: z.uuid(),
  unitId: z.uuid().nullable().optional().meta({ description: 'Optional for inquiries and public areas' }),
  channel: intakeChannelSchema,
  category: z.string().trim().min(1).max(64).meta({ description: "A category key of the kind's standard (e.g. plumbing, leak, noise)" }),
  urgency: urgencySchema.optional().meta({ description: 'Repairs; emergency categories imply emergency' }),
  description: text(DESCRIPTION_MAX),
  reporterResidentId: z
    .uuid()
    .nullable()
    .optional()
    .meta({ description: 'A resident found by intake-lookup; name and phone are copied from the register' }),
  reporterName: z.string().trim().max(50).optional(),
  reporterPhone: phoneSchema.optional(),
  paid: z.boolean().optional().meta({ description: 'Repairs: chargeable work (quote and consent before work)' }),
  source: complaintSourceSchema.optional().meta({ description: 'Complaints: where it was raised' }),
  anonymous: z.boolean().optional().meta({ description: "Complaints: hide the reporter's name and phone from staff other than the desk" }),
  answer: text().optional().meta({ description: 'Inquiries answered on the spot: the answer; the inquiry is answered at once' }),
  photoIds: photoIds.optional().meta({ description: 'Photos taken at intake' }),
  preferredAt: isoInstant
    .optional()
    .meta({ description: 'Repairs: when the reporter would like the visit (a wish the technician books against; from now to 30 days ahead)' }),
});
export type CreateWorkOrderInput = z.input<typeof createWorkOrderSchema>;

/** Body of `POST /api/v1/work-orders/{id}/comments`. */
export const COMMENT_VISIBILITIES = ['internal', 'owner'] as const;
export const commentInputSchema = z.object({
  body: text(COMMENT_MAX),
  visibility: z.enum(COMMENT_VISIBILITIES).default('internal').meta({ description: 'internal: staff only; owner: also the owner' }),
});

export const WORK_ORDER_SORTS = ['-createdAt', 'createdAt', 'dueAt', 'number'] as const;

/** Query of `GET /api/v1/work-orders`. */
export const workOrderListQuerySchema = pageQuerySchema.extend({
  kind: workOrderKindSchema.optional(),
  status: z.string().max(64).optional().meta({ description: 'A state key of the standard' }),
  statusType: statusTypeSchema.optional(),
  communityId: z.uuid().optional(),
  unitId: z.uuid().optional().meta({ description: 'Orders of one unit' }),
  assigneeId: z.uuid().optional().meta({ description: 'Staff id' }),
  overdue: z.enum(['true', 'false']).optional().meta({ description: 'true: a running time limit is past due' }),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Created at or after' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Created before' }),
  q: z.string().trim().max(50).optional().meta({ description: 'Number, unit number or reporter phone (or its last 4 digits)' }),
  sort: z.enum(WORK_ORDER_SORTS).default('-createdAt'),
  active: z.enum(['true', 'false']).optional().meta({ description: 'true: not yet closed or cancelled; false: closed or cancelled' }),
  queue: workQueueSchema.optional().meta({ description: 'Only the orders of one home-page queue of the caller (the same filter as its count in GET /api/v1/work-orders/queues)' }),
  cursor: z
    .string()
    .max(400)
    .optional()
    .meta({
      description:
        'Keyset paging: the `nextCursor` of the previous page (same filters and sort). When given, `page` is ignored and the page starts after the last row of the previous one, as fast on the 5,000th page as on the first.',
    }),
});
export type WorkOrderListQuery = z.infer<typeof workOrderListQuerySchema>;

export const TIMER_PHASES = ['ok', 'warning', 'breached'] as const;

/** A time limit of a work order. */
export const workOrderTimerSchema = z.object({
  limitKey: z.string(),
  name: localized,
  round: z.number().int(),
  status: z.enum(['running', 'paused', 'met', 'breached', 'cancelled']),
  phase: z.enum(TIMER_PHASES),
  startedAt: z.iso.datetime(),
  dueAt: z.iso.datetime().nullable().meta({ description: 'While running' }),
  warnAt: z.iso.datetime().nullable(),
  remainingMs: z.number().meta({ description: 'Working ms left (negative once overdue); frozen while paused' }),
  due: dueSchema.nullable().meta({ description: 'While running: the due time as every page shows it' }),
  usedWorkingMs: z.number().nullable(),
  stoppedAt: z.iso.datetime().nullable(),
});

/** One step of the timeline. */
export const timelineEventSchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  kind: z.enum(['created', 'transition', 'comment', 'timer', 'linked']),
  action: z.string().nullable(),
  actionName: localized.nullable(),
  actor: z.object({ userId: z.uuid().nullable(), name: z.string() }).nullable(),
  channel: z.string().nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  toStateName: localized.nullable().meta({ description: 'Display name of the state the step led to' }),
  visibility: z.enum(COMMENT_VISIBILITIES),
  automatic: z.boolean(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

const personRef = z.object({ userId: z.uuid().nullable(), name: z.string() });

/** What a work order shows in lists. */
export const workOrderSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: workOrderKindSchema,
  status: z.string(),
  statusName: localized,
  statusType: statusTypeSchema,
  community: z.object({ id: z.uuid(), name: z.string() }),
  unit: z.object({ id: z.uuid(), label: z.string() }).nullable(),
  category: z.string(),
  categoryName: localized.nullable(),
  urgency: urgencySchema.nullable(),
  paid: z.boolean(),
  channel: intakeChannelSchema,
  description: z.string(),
  reporter: z
    .object({ name: z.string().nullable(), phone: z.string().nullable(), residentId: z.uuid().nullable() })
    .meta({ description: 'Masked in lists; hidden from non-desk staff for anonymous complaints' }),
  anonymous: z.boolean(),
  assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  appointmentAt: z.iso.datetime().nullable(),
  preferredAt: z.iso.datetime().nullable().meta({ description: 'When the reporter would like the visit' }),
  nextDueAt: z.iso.datetime().nullable().meta({ description: 'Earliest due instant of the running limits' }),
  nextDue: dueSchema.nullable().meta({ description: 'The running limit due first, as every page shows it (wall clock, time left, desk hours)' }),
  slaPhase: z
    .enum(['ok', 'warning', 'breached'])
    .nullable()
    .meta({ description: 'Worst phase of the running limits now (warning from the limit’s warning share); null when none runs' }),
  overdue: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** Query of `GET /api/v1/work-orders/open-at-intake`: what the desk has typed so far. */
export const openAtIntakeQuerySchema = z
  .object({
    unitId: z.uuid().optional().meta({ description: 'The unit picked at intake' }),
    residentId: z.uuid().optional().meta({ description: 'The resident picked as the reporter (matched by id and by phone)' }),
    phone: phoneSchema.optional().meta({ description: 'A reporter phone typed in full' }),
  })
  .refine((q) => q.unitId || q.residentId || q.phone, { message: 'field.required', path: ['unitId'] });

export const INTAKE_MATCHES = ['unit', 'reporter'] as const;

/** The open orders of the unit and of the reporter, newest first, so the desk does not open a duplicate. */
export const openAtIntakeSchema = z.object({
  items: z.array(
    workOrderSummarySchema.extend({
      matchedBy: z.array(z.enum(INTAKE_MATCHES)).meta({ description: 'unit: same unit; reporter: same resident or phone' }),
    }),
  ),
});

/** The promise read back to the reporter: due instants of the running limits. */
export const promiseSchema = z.object({
  limits: z.array(z.object({ limitKey: z.string(), name: localized, dueAt: z.iso.datetime(), due: dueSchema })),
  earliestDueAt: z.iso.datetime().nullable(),
});

/** A work order with everything the order page shows. */
export const workOrderDetailSchema = workOrderSummarySchema
  .extend({
    standard: z.object({ key: z.string(), version: z.number().int(), versionId: z.uuid() }),
    version: z
      .number()
      .int()
      .meta({ description: 'Raised by every step. Send it back as `If-Match` with a step: if someone acted first, the step is refused with 409 STALE' }),
    source: complaintSourceSchema.nullable(),
    facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    counters: z.record(z.string(), z.number()),
    quote: z
      .object({
        items: z.array(z.object({ priceItemId: z.uuid().nullable(), name: z.string(), quantity: z.number(), amount: z.number() })),
        totalAmount: z.number().meta({ description: 'fen' }),
        diagnosis: z.string().nullable(),
        priceBasis: z.string().nullable(),
        at: z.iso.datetime(),
        by: personRef,
      })
      .nullable(),
    consent: z
      .object({ approved: z.boolean(), at: z.iso.datetime(), by: personRef, channel: z.string(), reason: z.string().nullable() })
      .nullable(),
    completion: z
      .object({
        note: z.string().nullable(),
        photoIds: z.array(z.uuid()),
        materials: z.array(z.object({ name: z.string(), quantity: z.number() })),
        at: z.iso.datetime(),
      })
      .nullable(),
    acceptance: z
      .object({ approved: z.boolean(), signatureId: z.uuid().nullable(), reason: z.string().nullable(), at: z.iso.datetime(), by: personRef })
      .nullable(),
    returnVisit: z
      .object({ score: z.number().nullable(), satisfied: z.boolean().nullable(), comment: z.string().nullable(), at: z.iso.datetime(), by: personRef })
      .nullable(),
    linkedOrders: z.array(z.object({ id: z.uuid(), number: z.string(), kind: workOrderKindSchema, relation: z.string() })),
    attachments: z.array(
      z.object({ id: z.uuid(), kind: z.string(), purpose: z.string().nullable(), mimeType: z.string(), hasThumbnail: z.boolean() }),
    ),
    timers: z.array(workOrderTimerSchema),
    promise: promiseSchema,
    timeline: z.array(timelineEventSchema),
    allowedActions: z.array(z.string()).meta({ description: 'Actions the caller may take now (from the standard and the policy)' }),
    actions: z
      .array(actionDescriptionSchema)
      .meta({ description: 'The steps of `allowedActions` with the typed records each asks for (`required` computed for the caller)' }),
    canComment: z.boolean(),
  })
  .meta({ id: 'WorkOrder' });
export type WorkOrderDetail = z.infer<typeof workOrderDetailSchema>;

export const WORK_ORDER_COUNT_CAP = 10_000;

export const workOrderPageSchema = pageSchema(workOrderSummarySchema.extend({ allowedActions: z.array(z.string()) })).extend({
  total: z.number().int().meta({ description: `Matching orders, counted up to ${WORK_ORDER_COUNT_CAP.toLocaleString('en-US')} (see totalCapped)` }),
  page: z.number().int().meta({ description: 'The 1-based page number asked for; 0 when the page followed a `cursor`' }),
  totalCapped: z.boolean().meta({ description: `true: more than ${WORK_ORDER_COUNT_CAP.toLocaleString('en-US')} orders match; \`total\` is the cap, not the count` }),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the page after this one; null on the last page' }),
});

/** A unit or resident found by the desk's intake lookup (phones masked). */
export const intakeLookupSchema = z.object({
  units: z.array(
    z.object({
      unitId: z.uuid(),
      communityId: z.uuid(),
      communityName: z.string(),
      label: z.string().meta({ description: 'e.g. 3栋 1202' }),
      residents: z.array(z.object({ residentId: z.uuid(), name: z.string(), phoneMasked: z.string(), relation: z.string() })),
    }),
  ),
});

/** A technician suggested for a work order, best first. */
export const suggestedAssigneeSchema = z.object({
  staffId: z.uuid(),
  name: z.string(),
  skills: z.array(z.string()),
  skillMatch: z.boolean(),
  onDuty: z.boolean(),
  clearedForSoloWork: z.boolean(),
  openLoad: z.number().int().meta({ description: 'Open work orders assigned now' }),
  heldFromSoloWork: z
    .object({ 'zh-CN': z.string(), 'en-US': z.string() })
    .nullable()
    .meta({ description: 'Why the dispatch step would refuse this technician today and until when (pre-job training …); null when they may be dispatched alone' }),
  score: z.number(),
  reasons: z.array(z.string()).meta({ description: 'skill_match | no_skill_match | on_duty | off_duty | cleared | in_training | load:<n>' }),
});

/** A line of a community's published paid-service price list (有偿服务价目表). */
export const priceItemInputSchema = z.object({
  communityId: z.uuid(),
  name: text(100),
  unit: z.string().trim().min(1).max(10).default('次').meta({ description: 'Per what: 次, 个, 米 ...' }),
  price: z.number().int().min(0).max(100_000_000).meta({ description: 'fen' }),
  category: z.string().trim().max(64).nullable().optional().meta({ description: 'Repair category key it belongs to' }),
  note: z.string().trim().max(200).default(''),
});
/** PATCH body of a price-list item: only the fields sent change. */
export const priceItemUpdateSchema = patchOf(priceItemInputSchema.omit({ communityId: true }));
export const priceItemSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  name: z.string(),
  unit: z.string(),
  price: z.number().int(),
  category: z.string().nullable(),
  note: z.string(),
  updatedAt: z.iso.datetime(),
});

/** An uploaded file. */
export const ATTACHMENT_KINDS = ['photo', 'document', 'signature'] as const;
export const attachmentSchema = z.object({
  id: z.uuid(),
  kind: z.enum(ATTACHMENT_KINDS),
  mimeType: z.string(),
  size: z.number().int(),
  fileName: z.string(),
  hasThumbnail: z.boolean(),
  createdAt: z.iso.datetime(),
});

/** A message sent (or, in development, only recorded) through an outbound channel. */
export const outboundMessageSchema = z.object({
  id: z.uuid(),
  channel: z.enum(['email', 'sms', 'wechat']),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(['pending', 'sent', 'recorded', 'failed']),
  provider: z.string(),
  createdAt: z.iso.datetime(),
});
