import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { postInputSchema, postUpdateSchema } from '../../../../common/shifts';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { tenantScope } from '../../../db/scope';
import { AppError, notFound, fieldError } from '../../../errors';
import { recordAudit } from '../../audit';
import { visibleCommunity } from '../../registry';
import { postPolicy } from '../policy';
import { dutyPosts } from '../tables';
import { inTransaction } from '../../../db/transaction';
import { localDateToday, soloWorkRefusal } from '../../../work/staff-eligibility';

/**
 * Holding a post is work on one's own: a staff member any registered rule refuses (still in
 * pre-job training …) may not take one up, by starting duty or by a handover. 409 with the reason,
 * which says until when.
 */
export async function assertMayHoldPost(tx: DbOrTx, ctx: RequestContext, post: PostRow): Promise<void> {
  if (!ctx.actor.staffId) return;
  const refusal = await soloWorkRefusal(tx, { organizationId: post.organizationId, staffId: ctx.actor.staffId, on: localDateToday() });
  if (refusal) throw new AppError('CONFLICT', 'error.mayNotHoldPost', { reason: refusal.text });
}

export type PostRow = typeof dutyPosts.$inferSelect;

/** A visible post; `lock` takes a row lock. */
export async function findPost(db: DbOrTx, ctx: RequestContext, id: string, lock = false): Promise<PostRow | null> {
  const q = db.select().from(dutyPosts).where(and(eq(dutyPosts.id, id), tenantScope(ctx.actor, { organizationId: dutyPosts.organizationId, communityId: dutyPosts.communityId })));
  const [row] = lock ? await q.for('update') : await q;
  return row && postPolicy.can(ctx.actor, 'read', row) ? row : null;
}

const checklistOf = (items: { name: string; expected: number }[]) => items.map((i, n) => ({ key: String(n + 1), name: i.name, expected: i.expected }));

export async function createPostIn(tx: DbOrTx, ctx: RequestContext, input: z.output<typeof postInputSchema>): Promise<PostRow> {
  const community = await visibleCommunity(tx, ctx.actor, input.communityId, { active: true });
  if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
  postPolicy.assert(ctx.actor, 'configure', { organizationId: community.organizationId, communityId: community.id });
  const [row] = await tx
    .insert(dutyPosts)
    .values({ organizationId: community.organizationId, communityId: community.id, name: input.name, kind: input.kind, checklist: checklistOf(input.checklist) })
    .returning();
  await recordAudit(tx, ctx, { organizationId: row!.organizationId, entityType: 'duty_post', entityId: row!.id, action: 'create', after: { name: row!.name, kind: row!.kind, checklist: row!.checklist } });
  return row!;
}

export function createPost(db: Db, ctx: RequestContext, input: z.output<typeof postInputSchema>) {
  return inTransaction(db, (tx) => createPostIn(tx, ctx, input));
}

/** Renames a post or changes its checklist (items are matched by position). */
export async function updatePost(db: Db, ctx: RequestContext, id: string, input: z.output<typeof postUpdateSchema>): Promise<PostRow> {
  return inTransaction(db, async (tx) => {
    const post = await findPost(tx, ctx, id, true);
    if (!post) throw notFound('entity.dutyPost');
    postPolicy.assert(ctx.actor, 'configure', post);
    const [row] = await tx.update(dutyPosts).set({ name: input.name, checklist: checklistOf(input.checklist), updatedAt: new Date() }).where(eq(dutyPosts.id, id)).returning();
    await recordAudit(tx, ctx, { organizationId: post.organizationId, entityType: 'duty_post', entityId: post.id, action: 'update', before: { name: post.name, checklist: post.checklist }, after: { name: row!.name, checklist: row!.checklist } });
    return row!;
  });
}

/**
 * Takes up duty at a vacant post. A post someone holds can only change hands through a handover,
 * so this is refused while anyone is on duty there.
 */
export async function startDuty(db: Db, ctx: RequestContext, id: string): Promise<PostRow> {
  return inTransaction(db, async (tx) => {
    const post = await findPost(tx, ctx, id, true);
    if (!post) throw notFound('entity.dutyPost');
    postPolicy.assert(ctx.actor, 'stand', post);
    if (post.onDutyUserId) throw new AppError('CONFLICT', 'error.postHeld', { name: post.onDutyName ?? '' });
    await assertMayHoldPost(tx, ctx, post);
    const now = new Date();
    const [row] = await tx.update(dutyPosts).set({ onDutyUserId: ctx.actor.userId, onDutyName: ctx.actor.displayName, onDutySince: now, updatedAt: now }).where(eq(dutyPosts.id, id)).returning();
    await recordAudit(tx, ctx, { organizationId: post.organizationId, entityType: 'duty_post', entityId: post.id, action: 'start_duty', after: { onDuty: ctx.actor.displayName } });
    return row!;
  });
}
