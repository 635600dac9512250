import { z } from 'zod';
import { statusTypeSchema } from './work-orders';

/** The longest period one statistics request may cover. */
export const STATS_MAX_DAYS = 366;

export const workOrderStatsQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Created at or after (default: 30 days before `to`)' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Created before (default: now)' }),
  communityId: z.uuid().optional().meta({ description: 'Only this community' }),
});
export type WorkOrderStatsQuery = z.infer<typeof workOrderStatsQuerySchema>;

export const workOrderStatsSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  total: z.number().int(),
  overdue: z.number().int().meta({ description: 'Orders of the period with a running time limit past due now' }),
  byStatusType: z.array(z.object({ statusType: statusTypeSchema, count: z.number().int() })),
  byCommunity: z.array(z.object({ communityId: z.uuid(), name: z.string(), count: z.number().int() })),
  byDay: z.array(z.object({ day: z.iso.date().meta({ description: 'Local day of the community (YYYY-MM-DD)' }), count: z.number().int() })),
});
export type WorkOrderStats = z.infer<typeof workOrderStatsSchema>;
