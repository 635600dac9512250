import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { IntakeChannel, StatusType, WorkOrderKind } from '../../../common/work-orders';
import type { FactValue } from '../../standards/definition';

/** Who did something, copied onto the record so it stays readable after accounts change. */
export interface PersonSnapshot {
  userId: string | null;
  name: string;
}

export interface QuoteRecord {
  items: { priceItemId: string | null; name: string; quantity: number; amount: number }[];
  totalAmount: number;
  diagnosis: string | null;
  priceBasis: string | null;
  at: string;
  by: PersonSnapshot;
}

export interface ConsentRecord {
  approved: boolean;
  at: string;
  by: PersonSnapshot;
  channel: string;
  reason: string | null;
}

export interface CompletionRecord {
  note: string | null;
  photoIds: string[];
  materials: { name: string; quantity: number }[];
  at: string;
}

export interface AcceptanceRecord {
  approved: boolean;
  signatureId: string | null;
  reason: string | null;
  at: string;
  by: PersonSnapshot;
}

export interface ReturnVisitRecord {
  score: number | null;
  satisfied: boolean | null;
  comment: string | null;
  at: string;
  by: PersonSnapshot;
}

export interface OrderLink {
  id: string;
  relation: 'converted_from' | 'converted_to' | 'repeat_of' | 'repeated_by';
}

/**
 * A work order (repair, complaint or inquiry). It pins the standard version it was opened under;
 * its state is a state key of that version. Address and reporter are copied at intake.
 */
export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    unitId: uuid('unit_id'),
    /** e.g. "3栋 1202", copied at intake. */
    unitLabel: text('unit_label'),
    kind: text('kind').$type<WorkOrderKind>().notNull(),
    number: text('number').notNull(),
    standardVersionId: uuid('standard_version_id').notNull(),
    state: text('state').notNull(),
    stateType: text('state_type').$type<StatusType>().notNull(),
    stateEnteredAt: timestamp('state_entered_at', { withTimezone: true }).notNull().defaultNow(),
    category: text('category').notNull(),
    urgency: text('urgency').$type<'emergency' | 'routine'>(),
    paid: boolean('paid').notNull().default(false),
    channel: text('channel').$type<IntakeChannel>().notNull(),
    source: text('source'),
    description: text('description').notNull(),
    reporterName: text('reporter_name'),
    reporterPhone: text('reporter_phone'),
    reporterResidentId: uuid('reporter_resident_id'),
    reporterUserId: uuid('reporter_user_id'),
    anonymous: boolean('anonymous').notNull().default(false),
    assigneeStaffId: uuid('assignee_staff_id'),
    appointmentAt: timestamp('appointment_at', { withTimezone: true }),
    /** When the reporter would like the visit (a wish, not a booking; the technician books it). */
    preferredAt: timestamp('preferred_at', { withTimezone: true }),
    /** Facts the standard's conditions look at (kind, urgency, paid, category facts). */
    facts: jsonb('facts').$type<Record<string, FactValue | null>>().notNull().default({}),
    counters: jsonb('counters').$type<Record<string, number>>().notNull().default({}),
    /** Raised by every step; a step sent with `If-Match` of an older version is refused (409 STALE). */
    version: integer('version').notNull().default(0),
    quote: jsonb('quote').$type<QuoteRecord>(),
    consent: jsonb('consent').$type<ConsentRecord>(),
    completion: jsonb('completion').$type<CompletionRecord>(),
    acceptance: jsonb('acceptance').$type<AcceptanceRecord>(),
    returnVisit: jsonb('return_visit').$type<ReturnVisitRecord>(),
    links: jsonb('links').$type<OrderLink[]>().notNull().default([]),
    /** When an `autoAdvance` rule of the standard takes the order on by itself (null: none pending). */
    autoAdvanceAt: timestamp('auto_advance_at', { withTimezone: true }),
    /**
     * The earliest due instant of the order's running time limits (null: none runs), kept by the
     * timer code in the transaction that starts, stops, pauses, resumes or retargets a limit
     * (the kind's `nextDueColumn`, work/subjects.ts), so the list sorts by due time on an index.
     */
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Numbers are counted per community and day (work/numbering.ts), so they are unique per community.
    uniqueIndex('work_orders_number_uq').on(t.communityId, t.number),
    // Community and state type ride along so the dashboard counts a year from the index alone (docs/performance.md).
    index('work_orders_org_created_idx').on(t.organizationId, t.createdAt, t.communityId, t.stateType),
    index('work_orders_community_state_idx').on(t.communityId, t.stateType),
    // Lists and the dashboard of staff who serve some communities, newest first (docs/performance.md).
    index('work_orders_community_created_idx').on(t.communityId, t.createdAt, t.stateType),
    index('work_orders_assignee_idx').on(t.assigneeStaffId),
    index('work_orders_unit_idx').on(t.unitId, t.kind, t.category),
    index('work_orders_reporter_phone_idx').on(t.organizationId, t.reporterPhone),
    // Sort by due time (docs/performance.md): staff scoped to communities, company admins to the company.
    // Creation rides along so the dashboard counts a period's overdue orders from the index alone.
    index('work_orders_community_next_due_idx').on(t.communityId, t.nextDueAt, t.createdAt),
    index('work_orders_org_next_due_idx').on(t.organizationId, t.nextDueAt, t.createdAt),
    // List search `q` (ILIKE '%…%' on number and unit; pg_trgm, loaded on PGlite by db/client.ts).
    index('work_orders_number_trgm_idx').using('gin', t.number.op('gin_trgm_ops')),
    index('work_orders_unit_label_trgm_idx').using('gin', t.unitLabel.op('gin_trgm_ops')),
    // Search by the reporter phone's last four digits (and, narrowed by it, the whole phone).
    index('work_orders_phone_tail_idx').on(sql`right(${sql.raw('reporter_phone')}, 4)`),
    index('work_orders_auto_advance_idx').on(t.autoAdvanceAt).where(sql`${t.autoAdvanceAt} is not null`),
  ],
);

/**
 * The dashboard's daily roll-up: how many orders created on a community's local day are in each
 * state type now. Written only by the database (migrations/0030_dashboard-rollup.sql): triggers
 * on work_orders append signed deltas to `workOrderDayDeltas` (insert-only, so intakes never wait
 * on a shared counter row), and `foldDayCounts` moves them into these totals now and then. Every
 * read adds the deltas not folded yet, so a count is exact whenever it is read.
 */
export const workOrderDayCounts = pgTable(
  'work_order_day_counts',
  {
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    stateType: text('state_type').$type<StatusType>().notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.day, t.stateType] }), index('work_order_day_counts_org_day_idx').on(t.organizationId, t.day)],
);

/** Signed changes to `workOrderDayCounts` not folded into it yet (appended by triggers only). */
export const workOrderDayDeltas = pgTable('work_order_day_deltas', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  organizationId: uuid('organization_id').notNull(),
  communityId: uuid('community_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  stateType: text('state_type').$type<StatusType>().notNull(),
  n: integer('n').notNull(),
});

/** A line of a community's published paid-service price list (有偿服务价目表); price in fen. */
export const priceListItems = pgTable(
  'price_list_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull().default('次'),
    price: integer('price').notNull(),
    category: text('category'),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    index('price_list_items_community_idx').on(t.communityId),
    uniqueIndex('price_list_items_name_uq').on(t.communityId, t.name).where(sql`${t.archivedAt} is null`),
  ],
);
