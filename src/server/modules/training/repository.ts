import { and, asc, count, desc, eq, gt, gte, ilike, inArray, isNotNull, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { addDays } from '../../../common/registry';
import { CERTIFICATE_WARNING_DAYS, type certificateQuerySchema, type courseQuerySchema, type sessionQuerySchema } from '../../../common/training';
import type { DbOrTx } from '../../db/client';
import { servesCommunity, tenantScope, type Actor } from '../../db/scope';
import { staffIdsServing } from '../registry';
import { readsTraining } from './policy';
import { staffCertificates, trainingAttendance, trainingCourses, trainingSessions } from './tables';

type Window = { limit: number; offset: number };
const NONE = sql`false`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The company's courses, with the number of sessions held. */
export async function listCourses(db: DbOrTx, actor: Actor, q: Omit<z.output<typeof courseQuerySchema>, 'page' | 'pageSize'>, w: Window) {
  const where = and(
    actor.organizationId ? eq(trainingCourses.organizationId, actor.organizationId) : NONE,
    q.archived ? isNotNull(trainingCourses.archivedAt) : isNull(trainingCourses.archivedAt),
    q.kind ? eq(trainingCourses.kind, q.kind) : undefined,
    q.position ? sql`${q.position} = any(${trainingCourses.positions})` : undefined,
    q.q ? ilike(trainingCourses.name, `%${escapeLike(q.q)}%`) : undefined,
  );
  const sessions = db.select({ courseId: trainingSessions.courseId, n: count().as('n') }).from(trainingSessions).groupBy(trainingSessions.courseId).as('held');
  const [rows, [total]] = await Promise.all([
    db
      .select({ course: trainingCourses, sessions: sql<number>`coalesce(${sessions.n}, 0)::int` })
      .from(trainingCourses)
      .leftJoin(sessions, eq(sessions.courseId, trainingCourses.id))
      .where(where)
      .orderBy(asc(trainingCourses.name), asc(trainingCourses.id))
      .limit(w.limit)
      .offset(w.offset),
    db.select({ n: count() }).from(trainingCourses).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** A course of the actor's company that they may read, or null. */
export async function findCourse(db: DbOrTx, actor: Actor, id: string) {
  if (!actor.organizationId || !readsTraining(actor)) return null;
  const [row] = await db.select().from(trainingCourses).where(and(eq(trainingCourses.id, id), eq(trainingCourses.organizationId, actor.organizationId)));
  return row ?? null;
}

/** Number of sessions held of a course. */
export async function sessionsHeld(db: DbOrTx, courseId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(trainingSessions).where(eq(trainingSessions.courseId, courseId));
  return row?.n ?? 0;
}

/** Sessions of the communities the actor serves, newest first. */
export async function listSessions(db: DbOrTx, actor: Actor, q: Omit<z.output<typeof sessionQuerySchema>, 'page' | 'pageSize'>, w: Window) {
  const where = and(
    tenantScope(actor, { organizationId: trainingSessions.organizationId, communityId: trainingSessions.communityId }),
    q.communityId ? eq(trainingSessions.communityId, q.communityId) : undefined,
    q.courseId ? eq(trainingSessions.courseId, q.courseId) : undefined,
    q.from ? gte(trainingSessions.heldOn, q.from) : undefined,
    q.to ? lte(trainingSessions.heldOn, q.to) : undefined,
    q.staffId ? sql`exists (select 1 from ${trainingAttendance} where ${trainingAttendance.sessionId} = ${trainingSessions.id} and ${trainingAttendance.staffId} = ${q.staffId})` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ session: trainingSessions, courseName: trainingCourses.name, passScore: trainingCourses.passScore })
      .from(trainingSessions)
      .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
      .where(where)
      .orderBy(desc(trainingSessions.heldOn), desc(trainingSessions.createdAt))
      .limit(w.limit)
      .offset(w.offset),
    db.select({ n: count() }).from(trainingSessions).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** One session with its course's name and pass mark (as a list of at most one). */
export function sessionWithCourse(db: DbOrTx, id: string) {
  return db
    .select({ session: trainingSessions, courseName: trainingCourses.name, passScore: trainingCourses.passScore })
    .from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(eq(trainingSessions.id, id));
}

/** Attendance of the sessions, by session id. */
export async function attendanceOf(db: DbOrTx, sessionIds: string[]) {
  const rows = sessionIds.length ? await db.select().from(trainingAttendance).where(inArray(trainingAttendance.sessionId, sessionIds)) : [];
  const by = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) by.set(r.sessionId, [...(by.get(r.sessionId) ?? []), r]);
  return by;
}

/**
 * Staff ids whose certificates the actor may list: everyone of the organization for those who
 * serve all of it (null: no id filter), else the staff serving the actor's communities (or the one
 * asked for, when the actor serves it).
 */
async function visibleHolders(db: DbOrTx, actor: Actor, communityId: string | undefined): Promise<string[] | null> {
  const organizationId = actor.organizationId;
  if (!organizationId) return [];
  if (communityId) return servesCommunity(actor, organizationId, communityId) ? staffIdsServing(db, organizationId, communityId) : [];
  if (actor.communityIds === 'all') return null;
  const ids = new Set<string>();
  for (const c of actor.communityIds) for (const id of await staffIdsServing(db, organizationId, c)) ids.add(id);
  return [...ids];
}

/** Certificates the actor may see, the soonest to expire first. */
export async function listCertificates(db: DbOrTx, actor: Actor, q: Omit<z.output<typeof certificateQuerySchema>, 'page' | 'pageSize' | 'format'>, today: string, w: Window) {
  const holders = await visibleHolders(db, actor, q.communityId);
  const warnUntil = addDays(today, CERTIFICATE_WARNING_DAYS);
  const state: Record<string, SQL | undefined> = {
    expired: lt(staffCertificates.expiresOn, today),
    expiring: and(gte(staffCertificates.expiresOn, today), lte(staffCertificates.expiresOn, warnUntil)),
    valid: gt(staffCertificates.expiresOn, warnUntil),
  };
  const where = and(
    actor.organizationId ? eq(staffCertificates.organizationId, actor.organizationId) : NONE,
    holders === null ? undefined : holders.length ? inArray(staffCertificates.staffId, holders) : NONE,
    isNull(staffCertificates.archivedAt),
    q.staffId ? eq(staffCertificates.staffId, q.staffId) : undefined,
    q.kind ? eq(staffCertificates.kind, q.kind) : undefined,
    q.state ? state[q.state] : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(staffCertificates).where(where).orderBy(asc(staffCertificates.expiresOn), asc(staffCertificates.id)).limit(w.limit).offset(w.offset),
    db.select({ n: count() }).from(staffCertificates).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The staff member's own sessions and current certificates. */
export async function ownTraining(db: DbOrTx, organizationId: string, staffId: string) {
  const sessions = await db
    .select({ session: trainingSessions, courseName: trainingCourses.name, passScore: trainingCourses.passScore })
    .from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .innerJoin(trainingAttendance, and(eq(trainingAttendance.sessionId, trainingSessions.id), eq(trainingAttendance.staffId, staffId)))
    .where(eq(trainingSessions.organizationId, organizationId))
    .orderBy(desc(trainingSessions.heldOn))
    .limit(200);
  const certificates = await db
    .select()
    .from(staffCertificates)
    .where(and(eq(staffCertificates.organizationId, organizationId), eq(staffCertificates.staffId, staffId), isNull(staffCertificates.archivedAt)))
    .orderBy(asc(staffCertificates.expiresOn));
  return { sessions, certificates };
}
