import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import type { IncidentTypeKey } from '../../../common/incidents';
export type IncidentType = IncidentTypeKey;

/** An emergency plan (应急预案) of a community for one type of incident, with its ordered steps. */
export const emergencyPlans = pgTable(
  'emergency_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    type: text('type').$type<IncidentType>().notNull(),
    title: text('title').notNull(),
    steps: jsonb('steps').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('emergency_plans_type_uq').on(t.communityId, t.type)],
);

/** A step of the matching plan ticked off during an incident. */
export interface StepCheck {
  index: number;
  at: string;
  by: string;
}

/** An incident log entry: what happened where and when, who was involved, what was done, how it ended. */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    type: text('type').$type<IncidentType>().notNull(),
    place: text('place').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    description: text('description').notNull(),
    people: text('people'),
    actionsTaken: text('actions_taken'),
    outcome: text('outcome'),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    planId: uuid('plan_id'),
    stepChecks: jsonb('step_checks').$type<StepCheck[]>().notNull().default([]),
    reportedByUserId: uuid('reported_by_user_id').notNull(),
    reportedByName: text('reported_by_name').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incidents_community_idx').on(t.communityId, t.occurredAt), index('incidents_open_idx').on(t.communityId).where(sql`${t.status} = 'open'`)],
);

/** A drill of an emergency plan: when, who took part, what was found. */
export const emergencyDrills = pgTable(
  'emergency_drills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    planId: uuid('plan_id').notNull(),
    heldOn: date('held_on').notNull(),
    participants: text('participants').notNull(),
    findings: text('findings').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('emergency_drills_community_idx').on(t.communityId, t.heldOn)],
);
