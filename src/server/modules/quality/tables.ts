import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { InspectionText, InspectionTemplate, Severity } from '../../../common/quality/template';
import type { RecurrenceRule } from '../../../common/work/plans';
import type { Facts, StateType } from '../../standards/definition';

/**
 * Every version of every inspection template, scoped like service standards: library versions
 * have no organization, company versions no community, community versions both; numbered per
 * (organization, community, key). The definition is materialised (categories inline), so a
 * version is self-contained; inspections pin the id of the version they ran under.
 */
export const inspectionTemplateVersions = pgTable(
  'inspection_template_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id'),
    communityId: uuid('community_id'),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<InspectionTemplate>().notNull(),
    /** SHA-256 of the definition, to tell whether the shipped library changed. */
    contentHash: text('content_hash').notNull(),
    authorUserId: uuid('author_user_id'),
    authorName: text('author_name').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inspection_template_versions_scope_uq').on(
      sql`coalesce(${t.organizationId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.communityId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.key,
      t.version,
    ),
    index('inspection_template_versions_lookup_idx').on(t.key, t.organizationId, t.communityId),
  ],
);

export type InspectionKind = 'self' | 'spot';

/**
 * When a template is run at a community's post: a recurrence rule (work/plans.ts), each
 * occurrence open for `windowMinutes`. A self-inspection is done by the post holder, a spot check
 * by the quality inspector or project manager.
 */
export const inspectionPlans = pgTable(
  'inspection_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    name: text('name').notNull(),
    templateKey: text('template_key').notNull(),
    kind: text('kind').$type<InspectionKind>().notNull(),
    /** Where: the post or area inspected, in the company's words (东门岗, 1号楼大堂). */
    place: text('place').notNull(),
    rule: jsonb('rule').$type<RecurrenceRule>().notNull(),
    windowMinutes: integer('window_minutes').notNull(),
    active: boolean('active').notNull().default(true),
    generatedThrough: date('generated_through'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inspection_plans_community_idx').on(t.communityId)],
);

/** What an inspector gave for one item (see `ItemAnswer`), with a note and photo ids. */
export interface StoredAnswer {
  result?: 'pass' | 'fail' | 'na';
  score?: number;
  value?: number;
  text?: string;
  note?: string;
  photoIds?: string[];
  /** Set when a passed re-inspection of its rectification replaced a failure. */
  rectificationId?: string;
}
/** Answers by category key, then item key. */
export type StoredAnswers = Record<string, Record<string, StoredAnswer>>;

/**
 * One inspection: a run of a template version at a post, on the `inspection` standard version it
 * pins. The answers, score and category scores are written by the step that `projects: scorecard`.
 */
export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    number: text('number').notNull(),
    planId: uuid('plan_id'),
    kind: text('kind').$type<InspectionKind>().notNull(),
    place: text('place').notNull(),
    templateVersionId: uuid('template_version_id').notNull(),
    templateKey: text('template_key').notNull(),
    templateName: jsonb('template_name').$type<InspectionText>().notNull(),
    /** The community's service level when it was made (items above it are left out). */
    level: text('level').notNull(),
    standardVersionId: uuid('standard_version_id').notNull(),
    state: text('state').notNull(),
    stateType: text('state_type').$type<StateType>().notNull(),
    stateEnteredAt: timestamp('state_entered_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(0),
    facts: jsonb('facts').$type<Facts>().notNull().default({}),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    inspectorUserId: uuid('inspector_user_id'),
    inspectorName: text('inspector_name'),
    inspectedStaffId: uuid('inspected_staff_id'),
    answers: jsonb('answers').$type<StoredAnswers>().notNull().default({}),
    score: real('score'),
    categoryScores: jsonb('category_scores').$type<Record<string, number | null>>().notNull().default({}),
    failedCount: integer('failed_count').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inspections_plan_start_uq').on(t.planId, t.startsAt),
    uniqueIndex('inspections_number_uq').on(t.communityId, t.number),
    index('inspections_community_start_idx').on(t.communityId, t.startsAt),
  ],
);

/**
 * The rectification of one failed item of one inspection (unique per inspection and item, so a
 * submit taken twice cannot open it twice), on the `rectification` standard version it pins.
 */
export const rectifications = pgTable(
  'rectifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    number: text('number').notNull(),
    inspectionId: uuid('inspection_id').notNull(),
    categoryKey: text('category_key').notNull(),
    itemKey: text('item_key').notNull(),
    itemText: jsonb('item_text').$type<InspectionText>().notNull(),
    severity: text('severity').$type<Severity>().notNull(),
    place: text('place').notNull(),
    responsibleStaffId: uuid('responsible_staff_id'),
    standardVersionId: uuid('standard_version_id').notNull(),
    state: text('state').notNull(),
    stateType: text('state_type').$type<StateType>().notNull(),
    stateEnteredAt: timestamp('state_entered_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(0),
    facts: jsonb('facts').$type<Facts>().notNull().default({}),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    rectifiedByUserId: uuid('rectified_by_user_id'),
    rectifiedAt: timestamp('rectified_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rectifications_item_uq').on(t.inspectionId, t.categoryKey, t.itemKey),
    uniqueIndex('rectifications_number_uq').on(t.communityId, t.number),
    index('rectifications_responsible_idx').on(t.responsibleStaffId, t.stateType),
    index('rectifications_community_idx').on(t.communityId, t.stateType),
  ],
);
