import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { countInputSchema, handOverSchema, takeOverSchema } from '../../../../common/shifts';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { tenantScope } from '../../../db/scope';
import { AppError, fieldError, notFound, type FieldProblem } from '../../../errors';
import { checkAttachments, linkToSubject } from '../../../work/attachment-links';
import { recordAudit } from '../../audit';
import { postPolicy } from '../policy';
import { dutyPosts, shiftHandovers, type ChecklistItem, type ItemCount } from '../tables';
import { assertMayHoldPost, findPost } from './posts';
import { collectIncludes } from '../handover-includes';
import { inTransaction } from '../../../db/transaction';

export type HandoverRow = typeof shiftHandovers.$inferSelect;
type CountInput = z.output<typeof countInputSchema>;

/**
 * Matches the counts to the post's checklist: every item counted once; a count that differs from
 * `reference` (the expected number, or the outgoing guard's count) needs a note.
 */
export function checkCounts(
  checklist: ChecklistItem[],
  counts: CountInput[],
  reference: (item: ChecklistItem) => number,
  differenceKey: 'field.shortNote' | 'field.differenceNote',
  below = false,
): { counts: ItemCount[]; problems: Record<string, FieldProblem> } {
  const problems: Record<string, FieldProblem> = {};
  const byKey = new Map<string, number>();
  counts.forEach((c, i) => {
    if (!checklist.some((item) => item.key === c.key)) problems[`counts.${i}.key`] = { key: 'field.countUnknownItem' };
    else if (byKey.has(c.key)) problems[`counts.${i}.key`] = { key: 'field.itemKeyRepeated' };
    else byKey.set(c.key, i);
  });
  const result: ItemCount[] = [];
  checklist.forEach((item, n) => {
    const i = byKey.get(item.key);
    if (i === undefined) {
      problems[`counts.${n}.count`] = { key: 'field.countsMissing', params: { name: item.name } };
      return;
    }
    const c = counts[i]!;
    const other = reference(item);
    const differs = below ? c.count < other : c.count !== other;
    if (differs && !c.note) problems[`counts.${i}.note`] = { key: differenceKey, params: { name: item.name, other, expected: other } };
    result.push({ key: item.key, name: item.name, expected: item.expected, count: c.count, note: c.note ?? null });
  });
  return { counts: result, problems };
}

/**
 * The signature must be a drawn signature of the signer, not yet used for anything else. Anyone
 * else's upload answers "not found", like a random id: naming it must not tell that it exists.
 */
async function checkSignature(tx: DbOrTx, ctx: RequestContext, id: string): Promise<FieldProblem | null> {
  const problems = await checkAttachments(tx, ctx.actor, { ids: [id], field: 'signatureId', kinds: ['signature'], single: true, ownUploadOnly: true });
  return problems.signatureId ?? null;
}

/** Links a signature to its handover: whoever may read the handover may see it. */
async function useSignature(tx: DbOrTx, id: string, handover: Pick<HandoverRow, 'id' | 'organizationId'>, purpose: string) {
  await linkToSubject(tx, { type: 'shift_handover', id: handover.id, organizationId: handover.organizationId }, [id], purpose);
}

/** The outgoing guard counts, lists open matters and signs; the post waits for the incoming guard. */
export async function handOver(db: Db, ctx: RequestContext, postId: string, input: z.output<typeof handOverSchema>): Promise<HandoverRow> {
  return inTransaction(db, async (tx) => {
    const post = await findPost(tx, ctx, postId, true);
    if (!post) throw notFound('entity.dutyPost');
    postPolicy.assert(ctx.actor, 'stand', post);
    if (post.onDutyUserId !== ctx.actor.userId) throw new AppError('CONFLICT', 'error.notOnDuty');
    const [open] = await tx.select({ id: shiftHandovers.id }).from(shiftHandovers).where(and(eq(shiftHandovers.postId, post.id), eq(shiftHandovers.status, 'awaiting_incoming')));
    if (open) throw new AppError('CONFLICT', 'error.handoverOpen');
    const { counts, problems } = checkCounts(post.checklist, input.counts, (item) => item.expected, 'field.shortNote', true);
    const signature = await checkSignature(tx, ctx, input.signatureId);
    if (signature) problems.signatureId = signature;
    if (Object.keys(problems).length) throw fieldError(problems);
    const included = await collectIncludes(tx, ctx, post);
    const [row] = await tx
      .insert(shiftHandovers)
      .values({
        organizationId: post.organizationId,
        communityId: post.communityId,
        postId: post.id,
        status: 'awaiting_incoming',
        outgoingUserId: ctx.actor.userId,
        outgoingName: ctx.actor.displayName,
        outgoingCounts: counts,
        openMatters: input.openMatters ?? null,
        outgoingSignatureId: input.signatureId,
        handedAt: new Date(),
        included,
      })
      .returning();
    await useSignature(tx, input.signatureId, row!, 'outgoing_signature');
    await recordAudit(tx, ctx, { organizationId: post.organizationId, entityType: 'shift_handover', entityId: row!.id, action: 'hand_over', after: { post: post.name, counts: counts.map((c) => `${c.name}:${c.count}`), openMatters: row!.openMatters } });
    return row!;
  });
}

export async function findHandover(db: DbOrTx, ctx: RequestContext, id: string, lock = false): Promise<HandoverRow | null> {
  const q = db.select().from(shiftHandovers).where(and(eq(shiftHandovers.id, id), tenantScope(ctx.actor, { organizationId: shiftHandovers.organizationId, communityId: shiftHandovers.communityId })));
  const [row] = lock ? await q.for('update') : await q;
  return row && postPolicy.can(ctx.actor, 'read', row) ? row : null;
}

/**
 * The incoming guard counts (every difference from the outgoing count explained) and signs; the
 * post is theirs from this moment.
 */
export async function takeOver(db: Db, ctx: RequestContext, handoverId: string, input: z.output<typeof takeOverSchema>): Promise<HandoverRow> {
  return inTransaction(db, async (tx) => {
    const handover = await findHandover(tx, ctx, handoverId, true);
    if (!handover) throw notFound('entity.handover');
    const post = await findPost(tx, ctx, handover.postId, true);
    if (!post) throw notFound('entity.dutyPost');
    postPolicy.assert(ctx.actor, 'stand', post);
    if (handover.status !== 'awaiting_incoming') throw new AppError('CONFLICT', 'error.handoverDone');
    if (handover.outgoingUserId === ctx.actor.userId) throw new AppError('CONFLICT', 'error.selfTakeOver');
    await assertMayHoldPost(tx, ctx, post);
    const outgoing = new Map(handover.outgoingCounts.map((c) => [c.key, c.count]));
    const { counts, problems } = checkCounts(post.checklist, input.counts, (item) => outgoing.get(item.key) ?? item.expected, 'field.differenceNote');
    const signature = await checkSignature(tx, ctx, input.signatureId);
    if (signature) problems.signatureId = signature;
    if (Object.keys(problems).length) throw fieldError(problems);
    await useSignature(tx, input.signatureId, handover, 'incoming_signature');
    const now = new Date();
    const [row] = await tx
      .update(shiftHandovers)
      .set({ status: 'completed', incomingUserId: ctx.actor.userId, incomingName: ctx.actor.displayName, incomingCounts: counts, incomingSignatureId: input.signatureId, takenAt: now })
      .where(eq(shiftHandovers.id, handover.id))
      .returning();
    await tx.update(dutyPosts).set({ onDutyUserId: ctx.actor.userId, onDutyName: ctx.actor.displayName, onDutySince: now, updatedAt: now }).where(eq(dutyPosts.id, post.id));
    await recordAudit(tx, ctx, { organizationId: post.organizationId, entityType: 'shift_handover', entityId: handover.id, action: 'take_over', after: { post: post.name, from: handover.outgoingName, to: ctx.actor.displayName, counts: counts.map((c) => `${c.name}:${c.count}${c.note ? `(${c.note})` : ''}`) } });
    return row!;
  });
}
