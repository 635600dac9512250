import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { StateType } from '../../standards/definition';

/** A patrol route of a community: an ordered walk of checkpoints. */
export const patrolRoutes = pgTable(
  'patrol_routes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('patrol_routes_community_idx').on(t.communityId)],
);

/**
 * A checkpoint of a route, in walking order. Its tag id is what the QR code or NFC tag on site
 * carries; the guard is expected `offsetMinutes` after the round starts, give or take
 * `toleranceMinutes`.
 */
export const patrolCheckpoints = pgTable(
  'patrol_checkpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    routeId: uuid('route_id').notNull(),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    tagId: text('tag_id').notNull(),
    location: text('location'),
    offsetMinutes: integer('offset_minutes').notNull(),
    toleranceMinutes: integer('tolerance_minutes').notNull(),
  },
  (t) => [index('patrol_checkpoints_route_idx').on(t.routeId, t.seq), uniqueIndex('patrol_checkpoints_tag_uq').on(t.organizationId, t.tagId)],
);

/** A denser window of a plan, e.g. every 30 minutes from 06:30 to 08:30 before the morning peak. */
export interface PeakWindow {
  start: string;
  end: string;
  everyMinutes: number;
}

/**
 * When a route is walked: every `everyMinutes` from `startTime` to `endTime` (local time of the
 * community; an end before the start runs past midnight), denser inside the peak windows. The
 * generator has made rounds up to and including `generatedThrough` (a local date).
 */
export const patrolPlans = pgTable(
  'patrol_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    routeId: uuid('route_id').notNull(),
    name: text('name').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    everyMinutes: integer('every_minutes').notNull(),
    peakWindows: jsonb('peak_windows').$type<PeakWindow[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    generatedThrough: date('generated_through'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('patrol_plans_community_idx').on(t.communityId)],
);

/**
 * One walk of a route, from a plan or started by a guard as an extra round. It runs on the
 * `patrol_cctv` standard version it pins; its deadline is the close of its last checkpoint window.
 */
export const patrolRounds = pgTable(
  'patrol_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    routeId: uuid('route_id').notNull(),
    planId: uuid('plan_id'),
    routeName: text('route_name').notNull(),
    standardVersionId: uuid('standard_version_id').notNull(),
    state: text('state').notNull(),
    stateType: text('state_type').$type<StateType>().notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    guardUserId: uuid('guard_user_id'),
    guardName: text('guard_name'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    finishNote: text('finish_note'),
    missedCount: integer('missed_count').notNull().default(0),
    /** Raised by every step; a step sent with `If-Match` of an older version is refused (409 STALE). */
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('patrol_rounds_plan_start_uq').on(t.planId, t.startsAt),
    index('patrol_rounds_community_start_idx').on(t.communityId, t.startsAt),
    index('patrol_rounds_open_due_idx').on(t.dueAt).where(sql`${t.stateType} not in ('closed', 'cancelled')`),
  ],
);

export type VisitStatus = 'pending' | 'on_time' | 'early' | 'late' | 'missed';

/**
 * A checkpoint as a round expects it (copied from the route when the round is made): its window
 * opens with the round and closes twice the tolerance after the expected time; the result is
 * early, on time or late by the tolerance, or missed once the window closed without a check-in.
 */
export const patrolVisits = pgTable(
  'patrol_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    roundId: uuid('round_id').notNull(),
    checkpointId: uuid('checkpoint_id').notNull(),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    tagId: text('tag_id').notNull(),
    location: text('location'),
    expectedAt: timestamp('expected_at', { withTimezone: true }).notNull(),
    toleranceMinutes: integer('tolerance_minutes').notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    status: text('status').$type<VisitStatus>().notNull().default('pending'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    checkedByUserId: uuid('checked_by_user_id'),
    checkedByName: text('checked_by_name'),
    method: text('method').$type<'qr' | 'nfc' | 'manual'>(),
    note: text('note'),
    photoId: uuid('photo_id'),
    workOrderId: uuid('work_order_id'),
    incidentId: uuid('incident_id'),
  },
  (t) => [
    index('patrol_visits_round_idx').on(t.roundId, t.seq),
    index('patrol_visits_pending_idx').on(t.closesAt).where(sql`${t.status} = 'pending'`),
  ],
);
