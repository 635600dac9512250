import type {
  IntakeChannel,
  StatusType,
  WorkOrderAction,
  WorkOrderKind,
  complaintSourceSchema,
} from '../../../common/work-orders';
import type { z } from 'zod';

/**
 * The work-order enums the console iterates over. `src/common/work-orders.ts` builds its zod
 * schemas at load time, and importing any value from it would pull zod's schema code into the
 * chunk the console's first screen shares with these pages; so the pages import only its types
 * and list the values here, checked against those types both ways at compile time.
 */
type ComplaintSource = z.infer<typeof complaintSourceSchema>;

export const WORK_ORDER_KINDS = ['repair', 'complaint', 'inquiry'] as const satisfies readonly WorkOrderKind[];
export const INTAKE_CHANNELS = ['phone', 'walk_in', 'app', 'wechat', 'patrol', 'inspection'] as const satisfies readonly IntakeChannel[];
export const COMPLAINT_SOURCES = ['desk', 'hotline', 'owner_group', 'suggestion_box', 'app', 'other'] as const satisfies readonly ComplaintSource[];
export const STATUS_TYPES = ['open', 'in_progress', 'waiting', 'completed', 'closed', 'cancelled'] as const satisfies readonly StatusType[];
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
  'close',
  'cancel',
  'reply',
  'resolve',
  'answer',
  'refer',
  'convert',
] as const satisfies readonly WorkOrderAction[];

type Covers<Union, List extends readonly unknown[]> = [Exclude<Union, List[number]>] extends [never] ? true : false;
/**
 * Compile-time check the other way round: every member of each type is listed above (a missing
 * one turns its `true` into a type error). Each value is also in its type, through `satisfies`.
 */
export const ENUMS_COVER_TYPES: [
  Covers<WorkOrderKind, typeof WORK_ORDER_KINDS>,
  Covers<IntakeChannel, typeof INTAKE_CHANNELS>,
  Covers<ComplaintSource, typeof COMPLAINT_SOURCES>,
  Covers<StatusType, typeof STATUS_TYPES>,
  Covers<WorkOrderAction, typeof WORK_ORDER_ACTIONS>,
] = [true, true, true, true, true];

/** Largest attachment (10 MB) and most photos per step, as the API enforces them. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTOS_MAX = 12;
