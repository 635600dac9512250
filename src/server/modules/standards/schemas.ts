import { z } from 'zod';
import { calendarSchema, calendarYearSchema, dayHoursSchema, WEEKDAY_KEYS } from '../../standards/calendar';
import {
  limitDurationSchema,
  localizedTextSchema,
  serviceLevelSchema,
  serviceStandardSchema,
  warnShareSchema,
} from '../../standards/definition';
import { calendarModeSchema } from '../../standards/calendar';

export const standardKeyParams = z.object({ key: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/) });
export const scopeQuerySchema = z.object({
  communityId: z.uuid().optional().meta({ description: 'Answer for this community (its overrides apply)' }),
});

const scopeSchema = z.enum(['library', 'company', 'community']).meta({
  description: 'library: shipped with Wuye; company: the company’s own version; community: one community’s version',
});

export const versionSummarySchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    version: z.number().int(),
    scope: scopeSchema,
    communityId: z.uuid().nullable(),
    authorName: z.string(),
    reason: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'StandardVersionSummary' });

const effectiveLimitSchema = z.object({
  key: z.string(),
  name: localizedTextSchema,
  duration: limitDurationSchema,
  calendar: calendarModeSchema,
  warnAtShare: z.number(),
  appliesWhen: z.record(z.string(), z.unknown()).optional(),
});

export const standardVersionSchema = versionSummarySchema
  .extend({
    definition: serviceStandardSchema,
    /** The time limits as they apply at each service level. */
    limitsByLevel: z.array(z.object({ level: serviceLevelSchema, limits: z.array(effectiveLimitSchema) })),
    allowedActions: z.array(z.enum(['read', 'edit'])),
  })
  .meta({ id: 'StandardVersion' });

export const levelSchema = z
  .object({ level: serviceLevelSchema, name: localizedTextSchema, description: localizedTextSchema, services: z.array(z.object({ key: z.string(), name: localizedTextSchema, hasStandard: z.boolean() })) })
  .meta({ id: 'ServiceLevel' });

export const standardsIndexSchema = z.object({
  levels: z.array(levelSchema),
  standards: z.array(
    z.object({
      key: z.string(),
      name: localizedTextSchema,
      minLevel: serviceLevelSchema,
      effective: versionSummarySchema,
    }),
  ),
  /** Service level of the community asked about, if any. */
  communityLevel: serviceLevelSchema.nullable(),
});

export const saveVersionBodySchema = z.object({
  communityId: z.uuid().nullable().default(null).meta({ description: 'null: a company version; else that community’s version' }),
  reason: z.string().trim().min(2).max(500),
  definition: serviceStandardSchema,
});

export const timeLimitChangeSchema = z.object({
  key: z.string().min(1),
  level: serviceLevelSchema.optional().meta({ description: 'Change it for this level and above only; absent: the base limit' }),
  duration: limitDurationSchema.optional(),
  calendar: calendarModeSchema.optional(),
  warnAtShare: warnShareSchema.optional(),
});

export const saveTimeLimitsBodySchema = z.object({
  communityId: z.uuid().nullable().default(null),
  reason: z.string().trim().min(2).max(500),
  changes: z.array(timeLimitChangeSchema).min(1).max(50),
});

export const compareQuerySchema = z.object({ a: z.uuid(), b: z.uuid() });
export const compareSchema = z.object({
  a: versionSummarySchema.extend({ definition: serviceStandardSchema }),
  b: versionSummarySchema.extend({ definition: serviceStandardSchema }),
  differences: z.array(z.object({ path: z.string(), a: z.unknown(), b: z.unknown() })),
});

export const calendarSettingsSchema = z.object({
  weeklyHours: z.partialRecord(z.enum(WEEKDAY_KEYS), dayHoursSchema).optional(),
  makeUpDayHours: dayHoursSchema.optional(),
  years: z.record(z.string().regex(/^\d{4}$/), calendarYearSchema).default({}),
});

export const calendarResponseSchema = z.object({
  communityId: z.uuid().nullable(),
  /** The settings stored at this scope (company or community), if any. */
  settings: calendarSettingsSchema.nullable(),
  /** The calendar in effect: the community's timers run on it; for the company, its default. */
  effective: calendarSchema,
  allowedActions: z.array(z.enum(['read', 'edit'])),
});

export const saveCalendarBodySchema = calendarSettingsSchema.extend({
  communityId: z.uuid().nullable().default(null),
});
