import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Position } from '../../../common/registry';
import type { Facts, StateType } from '../../standards/definition';

/** Appraisal weights of one position, set by the company (the four parts sum to 100). */
export const appraisalWeights = pgTable(
  'appraisal_weights',
  {
    organizationId: uuid('organization_id').notNull(),
    position: text('position').$type<Position>().notNull(),
    inspection: integer('inspection').notNull(),
    sla: integer('sla').notNull(),
    rating: integer('rating').notNull(),
    complaints: integer('complaints').notNull(),
    complaintDeduction: integer('complaint_deduction').notNull(),
    updatedByUserId: uuid('updated_by_user_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.position] })],
);

export type IncentiveKind = 'reward' | 'penalty';

/**
 * A reward or penalty of a staff member (奖惩), on the `incentive` standard version it pins:
 * proposed with its reason, points or amount and evidence photos, then approved or rejected.
 */
export const staffIncentives = pgTable(
  'staff_incentives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    number: text('number').notNull(),
    staffId: uuid('staff_id').notNull(),
    kind: text('kind').$type<IncentiveKind>().notNull(),
    reason: text('reason').notNull(),
    points: integer('points'),
    amountFen: integer('amount_fen'),
    proposedByUserId: uuid('proposed_by_user_id'),
    proposedByName: text('proposed_by_name').notNull(),
    standardVersionId: uuid('standard_version_id').notNull(),
    state: text('state').notNull(),
    stateType: text('state_type').$type<StateType>().notNull(),
    stateEnteredAt: timestamp('state_entered_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(0),
    facts: jsonb('facts').$type<Facts>().notNull().default({}),
    decidedByUserId: uuid('decided_by_user_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_incentives_community_idx').on(t.communityId, t.createdAt), index('staff_incentives_staff_idx').on(t.staffId, t.createdAt)],
);

export type MeasureSource = 'inspection_item' | 'complaint_category' | 'kpi';

/**
 * An improvement measure (改进措施), on the `improvement` standard version it pins: raised from a
 * failed inspection item, a complaint category or a KPI, with an owner and a due date; its
 * effect is the metric of its source compared over equal periods before and after `raised_at`.
 */
export const improvementMeasures = pgTable(
  'improvement_measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    source: text('source').$type<MeasureSource>().notNull(),
    sourceKey: text('source_key').notNull(),
    ownerStaffId: uuid('owner_staff_id').notNull(),
    dueOn: date('due_on').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    raisedByUserId: uuid('raised_by_user_id'),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    standardVersionId: uuid('standard_version_id').notNull(),
    state: text('state').notNull(),
    stateType: text('state_type').$type<StateType>().notNull(),
    stateEnteredAt: timestamp('state_entered_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(0),
    facts: jsonb('facts').$type<Facts>().notNull().default({}),
    counters: jsonb('counters').$type<Record<string, number>>().notNull().default({}),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('improvement_measures_community_idx').on(t.communityId, t.stateType), index('improvement_measures_owner_idx').on(t.ownerStaffId, t.stateType)],
);
