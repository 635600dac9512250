import { z } from 'zod';
import { actionDescriptionSchema } from './work/records';

/** Schemas and types of patrol routes, plans, rounds and check-ins, shared by server and web. */

const text = (max: number) => z.string().trim().min(1).max(max);
const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .meta({ description: 'Local time of the community, HH:MM' });
const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

export const TAG_PATTERN = /^[A-Za-z0-9_.:-]{3,64}$/;
export const tagIdSchema = z.string().trim().regex(TAG_PATTERN).meta({ description: 'The id a checkpoint’s QR code or NFC tag carries (3–64 letters, digits, _ . : -)' });

export const checkpointInputSchema = z.object({
  name: text(40),
  tagId: tagIdSchema,
  location: text(100).optional().meta({ description: 'Where it is, e.g. "3栋北侧消防通道" or coordinates' }),
  offsetMinutes: z.number().int().min(0).max(720).meta({ description: 'Minutes after the round starts at which the guard is expected here' }),
  toleranceMinutes: z.number().int().min(1).max(60).default(5).meta({ description: 'On time within ± this many minutes; the window closes at twice this after the expected time' }),
});

export const routeInputSchema = z.object({
  communityId: z.uuid(),
  name: text(40),
  description: text(500).optional(),
  checkpoints: z.array(checkpointInputSchema).min(1).max(40).meta({ description: 'In walking order' }),
});
export type RouteInput = z.input<typeof routeInputSchema>;

export const peakWindowSchema = z.object({ start: clock, end: clock, everyMinutes: z.number().int().min(10).max(720) });

export const planInputSchema = z.object({
  communityId: z.uuid(),
  routeId: z.uuid(),
  name: text(40),
  startTime: clock,
  endTime: clock.meta({ description: 'Last round start; before startTime means past midnight' }),
  everyMinutes: z.number().int().min(10).max(1440),
  peakWindows: z.array(peakWindowSchema).max(6).default([]).meta({ description: 'Denser windows, e.g. before the morning and evening peaks' }),
});
export type PlanInput = z.input<typeof planInputSchema>;

export const CHECK_IN_METHODS = ['qr', 'nfc', 'manual'] as const;
export const HAZARD_ACTIONS = ['repair', 'incident'] as const;

export const checkInInputSchema = z.object({
  tagId: z.string().trim().min(1).max(64).meta({ description: 'The tag id read from the checkpoint (scanned, read by NFC or typed)' }),
  method: z.enum(CHECK_IN_METHODS).default('manual'),
  note: text(500).optional(),
  photoId: z.uuid().optional().meta({ description: 'A photo uploaded by the guard (kind photo)' }),
  hazard: z
    .object({
      action: z.enum(HAZARD_ACTIONS).meta({ description: 'Open a repair work order (channel patrol) or log an incident' }),
      description: text(1000),
      category: z.string().trim().min(1).max(64).optional().meta({ description: 'Repair category key; default "other"' }),
      incidentType: z.string().trim().min(1).max(32).optional().meta({ description: 'Incident type; default "other"' }),
    })
    .optional()
    .meta({ description: 'A hazard found at the checkpoint, handed on in the same step' }),
});
export type CheckInInput = z.input<typeof checkInInputSchema>;

export const startRoundSchema = z.object({ routeId: z.uuid() });

export const visitSchema = z.object({
  id: z.uuid(),
  seq: z.number(),
  name: z.string(),
  location: z.string().nullable(),
  expectedAt: z.string(),
  closesAt: z.string(),
  toleranceMinutes: z.number(),
  status: z.enum(['pending', 'on_time', 'early', 'late', 'missed']),
  checkedAt: z.string().nullable(),
  checkedByName: z.string().nullable(),
  method: z.string().nullable(),
  note: z.string().nullable(),
  photoId: z.string().nullable(),
  workOrderId: z.string().nullable(),
  incidentId: z.string().nullable(),
});
export type PatrolVisit = z.infer<typeof visitSchema>;

/** One entry of a round's timeline: its opening, each check-in, missed checkpoints, start, finish, expiry. */
export const roundEventSchema = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: z.enum(['created', 'transition', 'step']).describe('created: the round was made; transition: a step of the patrol standard; step: a check-in or missed checkpoints'),
  action: z.string().describe('created, check_in, missed, or the key of a step of the round’s standard (start, finish, expire ...)'),
  actionName: localized.nullable().describe('The standard’s name of a transition'),
  actor: z.object({ userId: z.string().nullable(), name: z.string() }).nullable().describe('Null when the patrol job took the step'),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  automatic: z.boolean(),
  data: z.record(z.string(), z.unknown()),
});
export type PatrolRoundEvent = z.infer<typeof roundEventSchema>;

export const roundSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  routeId: z.uuid(),
  routeName: z.string(),
  planId: z.string().nullable(),
  state: z.string(),
  stateType: z.string(),
  stateName: localized,
  startsAt: z.string(),
  dueAt: z.string(),
  guardName: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  finishNote: z.string().nullable(),
  counts: z.object({ pending: z.number(), on_time: z.number(), early: z.number(), late: z.number(), missed: z.number() }),
  visits: z.array(visitSchema),
  version: z.number().int().describe('Raised by every step; send it back as `If-Match` (`"7"`) with a step'),
  allowedActions: z.array(z.string()).describe('`checkIn` while the caller may check in, then the keys of `actions`'),
  actions: z.array(actionDescriptionSchema).describe('The steps of the round’s pinned standard the caller may take now, with the records each asks for'),
  timeline: z.array(roundEventSchema).describe('The round’s timeline, oldest first'),
});
export type PatrolRound = z.infer<typeof roundSchema>;

export const roundListQuerySchema = z.object({
  communityId: z.uuid().optional(),
  date: z.iso.date().optional().meta({ description: 'Local date of the round start (default: today in the community)' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const routeSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  checkpoints: z.array(
    z.object({ id: z.uuid(), seq: z.number(), name: z.string(), tagId: z.string(), location: z.string().nullable(), offsetMinutes: z.number(), toleranceMinutes: z.number() }),
  ),
});
export type PatrolRoute = z.infer<typeof routeSchema>;

export const planSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  routeId: z.uuid(),
  name: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  everyMinutes: z.number(),
  peakWindows: z.array(peakWindowSchema),
  active: z.boolean(),
});
export type PatrolPlan = z.infer<typeof planSchema>;

/** Most rounds one export of the patrol report holds (31 days of a busy community fit). */
export const PATROL_EXPORT_MAX = 5_000;

export const reportSchema = z.object({
  from: z.string(),
  to: z.string(),
  rounds: z.array(roundSchema.omit({ visits: true, allowedActions: true, actions: true, timeline: true })),
  checkpoints: z.array(
    z.object({ name: z.string(), routeName: z.string(), on_time: z.number(), early: z.number(), late: z.number(), missed: z.number(), pending: z.number() }),
  ),
});
export type PatrolReport = z.infer<typeof reportSchema>;
