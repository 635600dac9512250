import { z } from 'zod';

/**
 * Recurrence rules of plans (patrol rounds, inspections, planned maintenance, cleaning): which
 * local dates a plan runs on, at which local times, and the longest time allowed between two
 * completions. Shared by server and web; the server's work/plans.ts turns a rule into instants.
 */

/** A local wall-clock time HH:MM. */
export const clockSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .meta({ description: 'Local time of the community, HH:MM' });

const localDate = z.iso.date().meta({ description: 'Local date YYYY-MM-DD' });

/** A denser window, e.g. every 30 minutes from 06:30 to 08:30 before the morning peak. */
export const planPeakWindowSchema = z.object({
  start: clockSchema,
  end: clockSchema.meta({ description: 'Exclusive; at or before the start means past midnight' }),
  everyMinutes: z.number().int().min(10).max(720),
});

/** On which dates: every N days, every N weeks on some weekdays, or every N months on some days. */
export const repeatSchema = z.discriminatedUnion('every', [
  z.object({
    every: z.literal('day'),
    interval: z.number().int().min(1).max(366).default(1).meta({ description: 'Every this many days from the start date' }),
  }),
  z.object({
    every: z.literal('week'),
    interval: z.number().int().min(1).max(52).default(1).meta({ description: 'Every this many weeks, counted from the week (Monday to Sunday) of the start date' }),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).meta({ description: 'ISO weekdays: 1 = Monday … 7 = Sunday' }),
  }),
  z.object({
    every: z.literal('month'),
    interval: z.number().int().min(1).max(12).default(1).meta({ description: 'Every this many months, counted from the month of the start date' }),
    daysOfMonth: z.array(z.number().int().min(1).max(31)).min(1).max(31).meta({ description: 'Days of the month; a day past the month’s end falls on its last day' }),
  }),
]);

/** At which local times on a plan date: listed times, or every N minutes from a start to an end time. */
export const timesSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('at'), at: z.array(clockSchema).min(1).max(48) }),
  z.object({
    kind: z.literal('interval'),
    startTime: clockSchema,
    endTime: clockSchema.meta({ description: 'Last start (inclusive); before the start time means past midnight' }),
    everyMinutes: z.number().int().min(10).max(1440),
    peakWindows: z.array(planPeakWindowSchema).max(6).default([]),
  }),
]);

export const recurrenceRuleSchema = z
  .object({
    startDate: localDate.meta({ description: 'First local date the plan runs on' }),
    endDate: localDate.optional().meta({ description: 'Last local date the plan runs on (inclusive)' }),
    repeat: repeatSchema,
    times: timesSchema,
    maxIntervalDays: z
      .number()
      .int()
      .min(1)
      .max(366)
      .optional()
      .meta({ description: 'Longest time allowed from one completion to the next occurrence, e.g. 15 for planned lift maintenance; occurrences are pulled earlier to keep it' }),
  })
  .refine((r) => r.endDate === undefined || r.endDate >= r.startDate, { path: ['endDate'], message: 'field.endBeforeStart' })
  .meta({ id: 'RecurrenceRule' });

export type RecurrenceRule = z.output<typeof recurrenceRuleSchema>;
export type RecurrenceRuleInput = z.input<typeof recurrenceRuleSchema>;
