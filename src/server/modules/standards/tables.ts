import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '../../../common/roles';
import type { CalendarInput, CalendarMode } from '../../standards/calendar';
import type { ServiceStandard } from '../../standards/definition';
import type { TimerStatus } from '../../standards/sla-clock';

/**
 * Every version of every service standard. Built-in library versions have no organization;
 * company versions have no community; community versions have both. Versions are numbered per
 * (organization, community, key). Work pins the id of the version it started under.
 */
export const standardVersions = pgTable(
  'standard_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id'),
    communityId: uuid('community_id'),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<ServiceStandard>().notNull(),
    /** SHA-256 of the definition, to tell whether the shipped library changed. */
    contentHash: text('content_hash').notNull(),
    authorUserId: uuid('author_user_id'),
    authorName: text('author_name').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('standard_versions_scope_uq').on(
      sql`coalesce(${t.organizationId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.communityId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.key,
      t.version,
    ),
    index('standard_versions_lookup_idx').on(t.key, t.organizationId, t.communityId),
  ],
);

/**
 * Business-calendar settings of a company (community null) or of one community: weekly hours,
 * make-up day hours and holidays/make-up days per year. The community's time zone always comes
 * from the community record.
 */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id'),
    config: jsonb('config').$type<Omit<CalendarInput, 'timeZone' | 'mode'>>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('business_calendars_scope_uq').on(
      t.organizationId,
      sql`coalesce(${t.communityId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/** A company's own names and order for the service levels (一级/二级/三级 by default). */
export const serviceLevelNames = pgTable(
  'service_level_names',
  {
    organizationId: uuid('organization_id').notNull(),
    level: text('level').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [uniqueIndex('service_level_names_uq').on(t.organizationId, t.level)],
);

/** A point in a timer's life at which people are told: at a share of the limit (1 = due). */
export interface TimerEvent {
  key: string;
  atShare: number;
  notify: Role[];
}

/**
 * One SLA timer of a work item per time limit (and round). Due and warning instants are stored,
 * and `next_check_at` is the earliest instant at which the sweeper has something to raise, so
 * the sweep is one indexed range scan.
 */
export const slaTimers = pgTable(
  'sla_timers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    limitKey: text('limit_key').notNull(),
    /** 1 for the first run of a limit; a limit started again after it stopped gets the next round. */
    round: integer('round').notNull().default(1),
    status: text('status').$type<TimerStatus>().notNull(),
    calendarMode: text('calendar_mode').$type<CalendarMode>().notNull(),
    durationMs: bigint('duration_ms', { mode: 'number' }).notNull(),
    warnAtShare: real('warn_at_share').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    pausedWorkingMs: bigint('paused_working_ms', { mode: 'number' }).notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true }),
    warnAt: timestamp('warn_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    usedWorkingMs: bigint('used_working_ms', { mode: 'number' }),
    /** Work-item label for messages (e.g. the work-order number). */
    subjectLabel: text('subject_label').notNull().default(''),
    /** Name of the limit in both languages, for messages. */
    limitName: jsonb('limit_name').$type<{ 'zh-CN': string; 'en-US': string }>().notNull(),
    /** What to raise and to whom: the warning, the breach and further escalation steps. */
    events: jsonb('events').$type<TimerEvent[]>().notNull().default([]),
    /** Keys of the events already raised (each is raised exactly once). */
    raisedEvents: text('raised_events').array().notNull().default(sql`'{}'::text[]`),
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sla_timers_subject_idx').on(t.subjectType, t.subjectId),
    // The sweeper's claim reads this in its own order (due instant, then id) and stops at the
    // batch: without the id in the key, ties (a backlog due at one instant) were sorted whole per batch.
    index('sla_timers_next_check_idx').on(t.nextCheckAt, t.id).where(sql`${t.nextCheckAt} is not null`),
    // The "overdue" filter of the work-order lists and the dashboard: only running timers, by due
    // instant (without it, every list with overdue=true scanned all timers; see docs/performance.md).
    index('sla_timers_running_due_idx').on(t.dueAt, t.subjectId).where(sql`${t.status} = 'running'`),
  ],
);
