import { z } from 'zod';
import { inspectionSummarySchema } from './api';

/** Contracts of the quality score reports: scores by community, category, post and staff member, by week or month, with a drill-down. */

const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

/** The longest span a report covers, in days. */
export const QUALITY_REPORT_MAX_DAYS = 366;
/** Inspections an export lists at most (the aggregate sheets are always whole). */
export const QUALITY_EXPORT_MAX = 5000;

export const reportQuerySchema = z.object({
  communityId: z.uuid().optional().describe('One community; without it, every community the caller serves'),
  from: z.iso.date().describe('Local date of the inspection’s start, inclusive'),
  to: z.iso.date().describe('Local date, inclusive; at most 366 days after `from`'),
  period: z.enum(['week', 'month']).default('month').describe('Buckets of the trend: ISO weeks (from Monday) or calendar months'),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** What a figure stands on: the mean score of the submitted inspections behind it, their count and the missed ones. */
const figure = {
  average: z.number().nullable().describe('Mean score (0–100, one decimal) of the submitted inspections with a score; null when none'),
  submitted: z.number().int(),
  missed: z.number().int().describe('Inspections whose window closed without a submission'),
};

export const qualityReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    period: z.enum(['week', 'month']),
    total: z.object({ ...figure, failedItems: z.number().int(), openRectifications: z.number().int().describe('Rectifications of these inspections not closed yet') }),
    trend: z.array(z.object({ period: z.string().describe('First local date of the week or month'), communityId: z.uuid().nullable().describe('null: all communities together'), ...figure })),
    communities: z.array(z.object({ communityId: z.uuid(), name: z.string(), ...figure })),
    categories: z.array(z.object({ key: z.string(), name: localized, average: z.number().nullable(), scored: z.number().int() })),
    matrix: z.array(z.object({ categoryKey: z.string(), communityId: z.uuid(), average: z.number(), scored: z.number().int() })).describe('Mean category score per category and community (the heat map); cells without a scored inspection are left out'),
    posts: z.array(z.object({ communityId: z.uuid(), place: z.string(), ...figure })),
    staff: z.array(z.object({ staffId: z.uuid(), name: z.string(), ...figure })),
    worstItems: z.array(z.object({ categoryKey: z.string(), itemKey: z.string(), text: localized, failures: z.number().int() })).describe('Items failed most often (their rectifications), at most 10'),
  })
  .meta({ id: 'QualityReport' });
export type QualityReport = z.infer<typeof qualityReportSchema>;

export const drillQuerySchema = reportQuerySchema.omit({ period: true }).extend({
  period: z.iso.date().optional().describe('With `periodType`: only the week or month starting that day (a trend point)'),
  periodType: z.enum(['week', 'month']).optional(),
  place: z.string().max(60).optional(),
  staffId: z.uuid().optional(),
  category: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/).optional().describe('Only inspections that scored this category'),
  failedItem: z.string().regex(/^[a-z][a-z0-9_]{0,63}\.[a-z][a-z0-9_]{0,63}$/).optional().describe('`category.item`: only inspections where it failed'),
  missed: z.enum(['true', 'false']).optional().describe('true: the missed ones instead of the submitted ones'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type DrillQuery = z.infer<typeof drillQuerySchema>;

export const drillPageSchema = z.object({
  items: z.array(
    inspectionSummarySchema.extend({
      categoryScores: z.record(z.string(), z.number().nullable()),
      photos: z.array(z.object({ item: z.string().describe('`category.item`'), id: z.uuid() })).describe('Photos of the items that failed (read them through GET /api/v1/attachments/{id}/thumbnail)'),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type DrillPage = z.infer<typeof drillPageSchema>;
