import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { courseInputSchema, courseUpdateSchema } from '../../../../common/training';
import type { RequestContext } from '../../../auth/context';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { forbidden, notFound } from '../../../errors';
import { recordAudit } from '../../audit';
import { coursePolicy } from '../policy';
import { trainingCourses } from '../tables';

export type CourseRow = typeof trainingCourses.$inferSelect;

const audited = (c: CourseRow) => ({ name: c.name, kind: c.kind, positions: c.positions, hours: c.hours, passScore: c.passScore, archived: c.archivedAt !== null });

/** Adds a course of the caller's company. */
export async function createCourse(db: Db, ctx: RequestContext, input: z.output<typeof courseInputSchema>): Promise<CourseRow> {
  const organizationId = ctx.actor.organizationId;
  if (!organizationId) throw forbidden();
  coursePolicy.assert(ctx.actor, 'manage', { organizationId });
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(trainingCourses)
      .values({ organizationId, name: input.name, kind: input.kind, positions: input.positions, hours: input.hours, passScore: input.passScore, description: input.description ?? null })
      .returning();
    await recordAudit(tx, ctx, { organizationId, entityType: 'training_course', entityId: row!.id, action: 'create', after: audited(row!) });
    return row!;
  });
}

/** Changes, withdraws or restores a course of the caller's company (404 for any other). */
export async function updateCourse(db: Db, ctx: RequestContext, id: string, input: z.output<typeof courseUpdateSchema>): Promise<CourseRow> {
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(trainingCourses)
      .where(and(eq(trainingCourses.id, id), eq(trainingCourses.organizationId, ctx.actor.organizationId ?? '00000000-0000-0000-0000-000000000000')))
      .for('update');
    if (!before || !coursePolicy.can(ctx.actor, 'read', before)) throw notFound('entity.trainingCourse');
    coursePolicy.assert(ctx.actor, 'manage', before);
    const { archived, ...fields } = input;
    const [row] = await tx
      .update(trainingCourses)
      .set({ ...fields, ...(archived === undefined ? {} : { archivedAt: archived ? (before.archivedAt ?? new Date()) : null }), updatedAt: new Date() })
      .where(eq(trainingCourses.id, id))
      .returning();
    await recordAudit(tx, ctx, { organizationId: before.organizationId, entityType: 'training_course', entityId: id, action: 'update', before: audited(before), after: audited(row!) });
    return row!;
  });
}
