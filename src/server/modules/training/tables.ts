import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CertificateKind, CourseKind } from '../../../common/training';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
};

/** A training course of the company, for one or more positions (岗前培训, 技能培训 …). */
export const trainingCourses = pgTable(
  'training_courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<CourseKind>().notNull(),
    positions: text('positions').array().notNull(),
    hours: integer('hours').notNull(),
    passScore: integer('pass_score').notNull(),
    description: text('description'),
    ...timestamps,
  },
  (t) => [index('training_courses_org_idx').on(t.organizationId)],
);

/** One session of a course held in a community, with its attendance. */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    heldOn: date('held_on').notNull(),
    trainer: text('trainer').notNull(),
    note: text('note'),
    recordedByUserId: uuid('recorded_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_sessions_community_idx').on(t.communityId, t.heldOn), index('training_sessions_course_idx').on(t.courseId)],
);

/** A staff member listed on a session: present or not, and the exam score when one was sat. */
export const trainingAttendance = pgTable(
  'training_attendance',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id),
    organizationId: uuid('organization_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    attended: boolean('attended').notNull(),
    examScore: integer('exam_score'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.staffId] }), index('training_attendance_staff_idx').on(t.staffId)],
);

/** A certificate a staff member holds (电工证, 电梯作业证 …), valid until `expires_on`. */
export const staffCertificates = pgTable(
  'staff_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    kind: text('kind').$type<CertificateKind>().notNull(),
    number: text('number').notNull(),
    issuedOn: date('issued_on').notNull(),
    expiresOn: date('expires_on').notNull(),
    ...timestamps,
  },
  (t) => [
    index('staff_certificates_expiry_idx').on(t.organizationId, t.expiresOn),
    index('staff_certificates_staff_idx').on(t.staffId),
    uniqueIndex('staff_certificates_number_uq').on(t.organizationId, t.kind, t.number).where(sql`${t.archivedAt} is null`),
  ],
);
