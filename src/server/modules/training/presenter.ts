import type { z } from 'zod';
import { certificateState, type certificateSchema, type courseSchema, type sessionSchema } from '../../../common/training';
import type { DbOrTx } from '../../db/client';
import { staffNames } from '../registry';
import type { CertificateRow } from './commands/certificates';
import type { CourseRow } from './commands/courses';
import { attendanceOf } from './repository';
import type { trainingSessions } from './tables';

type SessionRow = typeof trainingSessions.$inferSelect;

export function presentCourse(row: CourseRow, sessions: number): z.infer<typeof courseSchema> {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    positions: row.positions as z.infer<typeof courseSchema>['positions'],
    hours: row.hours,
    passScore: row.passScore,
    description: row.description,
    archived: row.archivedAt !== null,
    sessions,
  };
}

/** Sessions with their attendance, names and pass marks (one query for all attendance). */
export async function presentSessions(db: DbOrTx, rows: { session: SessionRow; courseName: string; passScore: number }[]): Promise<z.infer<typeof sessionSchema>[]> {
  const attendance = await attendanceOf(db, rows.map((r) => r.session.id));
  const names = await staffNames(db, [...attendance.values()].flat().map((a) => a.staffId));
  return rows.map(({ session, courseName, passScore }) => {
    const listed = (attendance.get(session.id) ?? []).map((a) => ({
      staffId: a.staffId,
      name: names.get(a.staffId) ?? '',
      attended: a.attended,
      examScore: a.examScore,
      passed: a.examScore === null ? null : a.examScore >= passScore,
    }));
    listed.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return {
      id: session.id,
      courseId: session.courseId,
      courseName,
      communityId: session.communityId,
      heldOn: session.heldOn,
      trainer: session.trainer,
      note: session.note,
      attendance: listed,
      attended: listed.filter((a) => a.attended).length,
      passed: listed.filter((a) => a.passed).length,
    };
  });
}

export async function presentCertificates(db: DbOrTx, rows: CertificateRow[], today: string): Promise<z.infer<typeof certificateSchema>[]> {
  const names = await staffNames(db, rows.map((r) => r.staffId));
  return rows.map((r) => ({
    id: r.id,
    staffId: r.staffId,
    staffName: names.get(r.staffId) ?? '',
    kind: r.kind,
    number: r.number,
    issuedOn: r.issuedOn,
    expiresOn: r.expiresOn,
    ...certificateState(r.expiresOn, today),
    archived: r.archivedAt !== null,
  }));
}
