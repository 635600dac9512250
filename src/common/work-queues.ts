import { z } from 'zod';

/**
 * The work queues a home page counts, each the same filter as `GET /api/v1/work-orders?queue=…`
 * (so a count and the list it links to always agree). Which steps a queue looks at is read from the
 * standards (the states where one of the caller's roles may take a step), never named in code.
 *
 * - `new_today`: opened today (the community's local day), still open or in progress
 * - `awaiting_reply`: waiting for the owner's answer, where the caller may record it
 * - `after_completion`: done, with the acceptance, return visit or follow-up the caller may record
 * - `unassigned`: nobody holds it, and the caller may assign it
 * - `overdue`: a running time limit is past due
 * - `mine`: assigned to the caller, not yet done
 * - `my_overdue`: assigned to the caller, a running time limit past due
 * - `appointments_today`: assigned to the caller, the visit is booked for today
 * - `low_rating`: the owner rated 1–2 (or was not satisfied) in the last 30 days
 */
export const WORK_QUEUES = [
  'new_today',
  'awaiting_reply',
  'after_completion',
  'unassigned',
  'overdue',
  'mine',
  'my_overdue',
  'appointments_today',
  'low_rating',
] as const;
export const workQueueSchema = z.enum(WORK_QUEUES).meta({ description: 'A home-page queue (see GET /api/v1/work-orders/queues)' });
export type WorkQueue = z.infer<typeof workQueueSchema>;

/** Days a low rating stays on the manager's home page. */
export const LOW_RATING_DAYS = 30;

/** `GET /api/v1/work-orders/queues`: the caller's queues, in the order the home page shows them. */
export const workQueueCountsSchema = z.object({
  queues: z.array(z.object({ queue: workQueueSchema, count: z.number().int() })),
});
export type WorkQueueCounts = z.infer<typeof workQueueCountsSchema>;
