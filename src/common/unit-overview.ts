import { z } from 'zod';
import { decorationSchema, passSchema, slipSchema } from './gate';
import { unitDetailSchema } from './registry-api';
import { workOrderSummarySchema } from './work-orders';

/** How many records of each kind the 360° page shows; the counts say how many there are in all. */
export const UNIT_OVERVIEW_LIMIT = 20;

/**
 * `GET /api/v1/units/{id}/overview`: a unit's 360° page. Each module contributes its part through
 * its index.ts, read through the caller's own scope: the residents (phones masked), the open and
 * past work orders, and for those who work the gate the visitor passes, release slips and
 * decorations (`gate` is null for the others).
 */
export const unitOverviewSchema = z
  .object({
    unit: unitDetailSchema,
    workOrders: z.object({
      open: z.array(workOrderSummarySchema),
      openTotal: z.number().int(),
      past: z.array(workOrderSummarySchema),
      pastTotal: z.number().int(),
    }),
    gate: z
      .object({
        passes: z.array(passSchema),
        passTotal: z.number().int(),
        slips: z.array(slipSchema),
        slipTotal: z.number().int(),
        decorations: z.array(decorationSchema),
      })
      .nullable(),
  })
  .meta({ id: 'UnitOverview' });
export type UnitOverview = z.infer<typeof unitOverviewSchema>;
