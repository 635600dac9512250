import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './api';
import { addDays, isClearedForSoloWork, localDateSchema, PRE_JOB_TRAINING_DAYS, POSITION_VALUES } from './registry';

/**
 * Training of staff (培训): courses per position, sessions with attendance and exam scores,
 * certificates with expiry, and the pre-job training rule (a new hire trains at least
 * PRE_JOB_TRAINING_DAYS days before working alone). Shared by server and web.
 */

export const COURSE_KINDS = ['pre_job', 'skill', 'safety', 'refresher'] as const;
export const courseKindSchema = z.enum(COURSE_KINDS);
export type CourseKind = z.infer<typeof courseKindSchema>;

/** Certificates a job may require (持证上岗), each with an expiry. */
export const CERTIFICATE_KINDS = ['electrician', 'lift', 'fire_control', 'boiler', 'welding', 'work_at_height', 'security_guard', 'other'] as const;
export const certificateKindSchema = z.enum(CERTIFICATE_KINDS);
export type CertificateKind = z.infer<typeof certificateKindSchema>;

/** Days before expiry at which the certificate's holder and managers are warned. */
export const CERTIFICATE_WARNING_DAYS = 30;

const text = (max: number) => z.string().trim().min(1).max(max);
const positionSchema = z.enum(POSITION_VALUES);

export const courseInputSchema = z.object({
  name: text(100).meta({ description: 'Course name, e.g. 岗前培训·秩序维护' }),
  kind: courseKindSchema,
  positions: z.array(positionSchema).min(1).max(POSITION_VALUES.length).meta({ description: 'Positions the course is for' }),
  hours: z.number().int().min(1).max(500).meta({ description: 'Class hours' }),
  passScore: z.number().int().min(0).max(100).default(60).meta({ description: 'Exam score (0–100) needed to pass' }),
  description: text(2000).nullable().optional(),
});
export type CourseInput = z.input<typeof courseInputSchema>;
// No defaults in a PATCH: a field not sent keeps its value.
export const courseUpdateSchema = courseInputSchema.partial().extend({ passScore: z.number().int().min(0).max(100).optional(), archived: z.boolean().optional().meta({ description: 'Withdraw (true) or restore (false) the course' }) });

export const courseQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional().meta({ description: 'Part of the name' }),
  kind: courseKindSchema.optional(),
  position: positionSchema.optional(),
  archived: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const courseSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: courseKindSchema,
    positions: z.array(positionSchema),
    hours: z.number().int(),
    passScore: z.number().int(),
    description: z.string().nullable(),
    archived: z.boolean(),
    sessions: z.number().int().meta({ description: 'Sessions held' }),
  })
  .meta({ id: 'TrainingCourse' });
export const coursePageSchema = pageSchema(courseSchema);

export const attendanceInputSchema = z.object({
  staffId: z.uuid(),
  attended: z.boolean(),
  examScore: z.number().int().min(0).max(100).nullable().optional().meta({ description: 'Exam score 0–100; none when no exam was sat' }),
});

export const sessionInputSchema = z.object({
  courseId: z.uuid(),
  communityId: z.uuid(),
  heldOn: localDateSchema,
  trainer: text(50),
  note: text(1000).nullable().optional(),
  attendance: z.array(attendanceInputSchema).min(1).max(200),
});
export type SessionInput = z.input<typeof sessionInputSchema>;

export const sessionQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid().optional(),
  courseId: z.uuid().optional(),
  staffId: z.uuid().optional().meta({ description: 'Sessions this staff member was listed on' }),
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
});

export const attendanceSchema = z.object({
  staffId: z.uuid(),
  name: z.string(),
  attended: z.boolean(),
  examScore: z.number().int().nullable(),
  passed: z.boolean().nullable().meta({ description: 'Exam score at least the course pass score; null without an exam' }),
});

export const sessionSchema = z
  .object({
    id: z.uuid(),
    courseId: z.uuid(),
    courseName: z.string(),
    communityId: z.uuid(),
    heldOn: z.string(),
    trainer: z.string(),
    note: z.string().nullable(),
    attendance: z.array(attendanceSchema),
    attended: z.number().int(),
    passed: z.number().int(),
  })
  .meta({ id: 'TrainingSession' });
export const sessionPageSchema = pageSchema(sessionSchema);

export const certificateInputSchema = z.object({
  staffId: z.uuid(),
  kind: certificateKindSchema,
  number: text(50).meta({ description: 'Certificate number as printed' }),
  issuedOn: localDateSchema,
  expiresOn: localDateSchema,
});
export type CertificateInput = z.input<typeof certificateInputSchema>;
export const certificateUpdateSchema = certificateInputSchema.omit({ staffId: true }).partial().extend({ archived: z.boolean().optional() });

export const CERTIFICATE_STATES = ['valid', 'expiring', 'expired'] as const;
export const certificateStateSchema = z.enum(CERTIFICATE_STATES);

export const certificateQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid().optional().meta({ description: 'Holders serving this community' }),
  staffId: z.uuid().optional(),
  kind: certificateKindSchema.optional(),
  state: certificateStateSchema.optional().meta({ description: `expiring: within ${CERTIFICATE_WARNING_DAYS} days` }),
  format: z.enum(['json', 'xlsx']).default('json').meta({ description: 'xlsx: the whole filtered list as an Excel file' }),
});

export const certificateSchema = z
  .object({
    id: z.uuid(),
    staffId: z.uuid(),
    staffName: z.string(),
    kind: certificateKindSchema,
    number: z.string(),
    issuedOn: z.string(),
    expiresOn: z.string(),
    state: certificateStateSchema,
    daysLeft: z.number().int().meta({ description: 'Days until expiry (negative once expired)' }),
    archived: z.boolean(),
  })
  .meta({ id: 'StaffCertificate' });
export const certificatePageSchema = pageSchema(certificateSchema);

/** A certificate's state on a local date. */
export function certificateState(expiresOn: string, today: string): { state: (typeof CERTIFICATE_STATES)[number]; daysLeft: number } {
  const daysLeft = Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { state: daysLeft < 0 ? 'expired' : daysLeft <= CERTIFICATE_WARNING_DAYS ? 'expiring' : 'valid', daysLeft };
}

/** What the pre-job training rule says about a staff member on a day. */
export interface PreJobHold {
  /** The day the pre-job period started: the training start, else the hire date. */
  startedOn: string;
  /** First day the training may be recorded as completed. */
  earliestCompletion: string;
  /** True when the earliest day has passed and only the record of completion is missing. */
  awaitingCompletion: boolean;
}

/**
 * The pre-job training hold of a staff member on `today`, or null when they may work alone.
 * Held: training has started (or, with no training on record, they were hired less than
 * PRE_JOB_TRAINING_DAYS days ago) and its completion after at least that many days is not recorded.
 * Staff with neither a training start nor a recent hire date predate the rule and are not held.
 */
export function preJobHold(
  member: { hireDate: string | null; trainingStartedOn: string | null; trainingCompletedOn: string | null },
  today: string,
): PreJobHold | null {
  if (isClearedForSoloWork(member.trainingStartedOn, member.trainingCompletedOn)) return null;
  const startedOn = member.trainingStartedOn ?? member.hireDate;
  if (!startedOn) return null;
  const earliestCompletion = addDays(startedOn, PRE_JOB_TRAINING_DAYS);
  if (!member.trainingStartedOn && earliestCompletion <= today) return null;
  return { startedOn, earliestCompletion, awaitingCompletion: earliestCompletion <= today };
}

/** The hold as a sentence in both languages: says until when. */
export function preJobHoldText(hold: PreJobHold): Readonly<Record<'zh-CN' | 'en-US', string>> {
  return hold.awaitingCompletion
    ? {
        'zh-CN': `岗前培训（${hold.startedOn} 起）尚未确认完成，确认完成后方可独立上岗`,
        'en-US': `Pre-job training (since ${hold.startedOn}) is not yet recorded as completed; no solo work until it is`,
      }
    : {
        'zh-CN': `岗前培训中（${hold.startedOn} 起），${hold.earliestCompletion} 前不能独立上岗或单独派单`,
        'en-US': `In pre-job training since ${hold.startedOn}; may not work alone or be dispatched alone before ${hold.earliestCompletion}`,
      };
}

export const preJobStatusSchema = z
  .object({
    staffId: z.uuid(),
    held: z.boolean(),
    startedOn: z.string().nullable(),
    earliestCompletion: z.string().nullable(),
    completedOn: z.string().nullable(),
    reason: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }).nullable(),
  })
  .meta({ id: 'PreJobStatus' });

/** The staff member's own training record. */
export const myTrainingSchema = z.object({
  preJob: preJobStatusSchema.nullable(),
  sessions: z.array(sessionSchema),
  certificates: z.array(certificateSchema),
});

/** Names of the certificate kinds in both languages (server notifications, console labels). */
export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, Readonly<Record<'zh-CN' | 'en-US', string>>> = {
  electrician: { 'zh-CN': '电工证', 'en-US': 'Electrician' },
  lift: { 'zh-CN': '电梯作业证', 'en-US': 'Lift operation' },
  fire_control: { 'zh-CN': '消防设施操作员证', 'en-US': 'Fire-control operator' },
  boiler: { 'zh-CN': '锅炉作业证', 'en-US': 'Boiler operation' },
  welding: { 'zh-CN': '焊工证', 'en-US': 'Welding' },
  work_at_height: { 'zh-CN': '高处作业证', 'en-US': 'Work at height' },
  security_guard: { 'zh-CN': '保安员证', 'en-US': 'Security guard' },
  other: { 'zh-CN': '其他证书', 'en-US': 'Other certificate' },
};
