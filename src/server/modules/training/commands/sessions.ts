import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { sessionInputSchema } from '../../../../common/training';
import type { RequestContext } from '../../../auth/context';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { fieldError, type FieldProblem } from '../../../errors';
import { recordAudit } from '../../audit';
import { checkReferences, staffIdsServing, visibleCommunity } from '../../registry';
import { sessionPolicy } from '../policy';
import { trainingAttendance, trainingCourses, trainingSessions } from '../tables';

export type SessionRow = typeof trainingSessions.$inferSelect;

const text = (zh: string, en: string): FieldProblem => ({ text: { 'zh-CN': zh, 'en-US': en } });

/**
 * Records a held session with its attendance in one transaction: the community and every listed
 * staff member must be the caller's to see (404-like field problems otherwise), the staff must
 * serve the community, each listed once, and only those present may have an exam score.
 */
export async function recordSession(db: Db, ctx: RequestContext, input: z.output<typeof sessionInputSchema>): Promise<SessionRow> {
  return inTransaction(db, async (tx) => {
    const community = await visibleCommunity(tx, ctx.actor, input.communityId, { active: true });
    if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
    sessionPolicy.assert(ctx.actor, 'record', { organizationId: community.organizationId, communityId: community.id });
    const problems: Record<string, FieldProblem> = {};
    const [course] = await tx
      .select()
      .from(trainingCourses)
      .where(and(eq(trainingCourses.id, input.courseId), eq(trainingCourses.organizationId, community.organizationId), isNull(trainingCourses.archivedAt)));
    if (!course) problems.courseId = { key: 'error.notFound', params: { entity: 'entity.trainingCourse' } };
    Object.assign(problems, await checkReferences(tx, ctx.actor, input.attendance.map((a, i) => ({ field: `attendance.${i}.staffId`, kind: 'staff' as const, id: a.staffId })), { active: true, organizationId: community.organizationId }));
    const serving = new Set(await staffIdsServing(tx, community.organizationId, community.id));
    const seen = new Set<string>();
    input.attendance.forEach((a, i) => {
      const field = `attendance.${i}.staffId`;
      if (problems[field]) return;
      if (seen.has(a.staffId)) problems[field] = text('同一员工只能登记一次', 'Each staff member can be listed only once');
      else if (!serving.has(a.staffId)) problems[field] = text('该员工不在本项目服务', 'This staff member does not serve the community');
      seen.add(a.staffId);
      if (!a.attended && a.examScore != null) problems[`attendance.${i}.examScore`] = text('缺席人员不能有考试成绩', 'Only those present can have an exam score');
    });
    if (Object.keys(problems).length) throw fieldError(problems);
    const [row] = await tx
      .insert(trainingSessions)
      .values({ organizationId: community.organizationId, communityId: community.id, courseId: course!.id, heldOn: input.heldOn, trainer: input.trainer, note: input.note ?? null, recordedByUserId: ctx.actor.userId })
      .returning();
    await tx.insert(trainingAttendance).values(
      input.attendance.map((a) => ({ sessionId: row!.id, organizationId: community.organizationId, staffId: a.staffId, attended: a.attended, examScore: a.attended ? (a.examScore ?? null) : null })),
    );
    await recordAudit(tx, ctx, {
      organizationId: community.organizationId,
      entityType: 'training_session',
      entityId: row!.id,
      action: 'create',
      after: { course: course!.name, heldOn: row!.heldOn, trainer: row!.trainer, listed: input.attendance.length, attended: input.attendance.filter((a) => a.attended).length },
    });
    return row!;
  });
}
