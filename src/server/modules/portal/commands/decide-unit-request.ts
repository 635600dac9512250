import { and, eq } from 'drizzle-orm';
import type { RequestContext } from '../../../auth/context';
import type { Tx } from '../../../db/client';
import { tenantScope } from '../../../db/scope';
import { AppError, notFound } from '../../../errors';
import { t } from '../../../i18n/messages';
import { recordAudit } from '../../audit';
import { queueOutbound } from '../../outbound';
import { approveBinding, dropPendingBinding, residentById, unitLabels } from '../../registry';
import { unitRequestPolicy } from '../policy';
import { unitRequests } from '../tables';

export type Decision = { approve: true } | { approve: false; reason: string };

/**
 * The desk's answer to a resident's unit request: approving activates the binding, rejecting
 * removes it and keeps the reason. The resident is told by text message. One transaction, audited.
 */
export async function decideUnitRequest(tx: Tx, ctx: RequestContext, id: string, decision: Decision) {
  const [request] = await tx
    .select()
    .from(unitRequests)
    .where(and(eq(unitRequests.id, id), tenantScope(ctx.actor, { organizationId: unitRequests.organizationId, communityId: unitRequests.communityId })))
    .for('update');
  if (!request) throw notFound('entity.unitRequest');
  if (request.status !== 'pending') throw new AppError('CONFLICT', 'error.requestDecided');
  unitRequestPolicy.assert(ctx.actor, 'review', request);

  if (request.bindingId) {
    if (decision.approve) await approveBinding(tx, request.bindingId);
    else await dropPendingBinding(tx, request.bindingId);
  }
  const now = new Date();
  const [updated] = await tx
    .update(unitRequests)
    .set({
      status: decision.approve ? 'approved' : 'rejected',
      reason: decision.approve ? null : decision.reason,
      bindingId: decision.approve ? request.bindingId : null,
      decidedByUserId: ctx.actor.userId,
      decidedByName: ctx.actor.displayName,
      decidedAt: now,
    })
    .where(eq(unitRequests.id, id))
    .returning();
  await recordAudit(tx, ctx, {
    organizationId: request.organizationId,
    entityType: 'unit_request',
    entityId: id,
    action: decision.approve ? 'approve' : 'reject',
    before: { status: request.status },
    after: { status: updated!.status, reason: updated!.reason },
  });

  const resident = await residentById(tx, request.residentId);
  const unit = (await unitLabels(tx, [request.unitId])).get(request.unitId);
  if (resident && unit) {
    const params = { community: unit.communityName, unit: unit.label, reason: decision.approve ? '' : decision.reason };
    await queueOutbound(tx, {
      organizationId: request.organizationId,
      communityId: request.communityId,
      channel: 'sms',
      to: resident.phone,
      subject: t('zh-CN', 'outbound.unitSubject', params),
      body: t('zh-CN', decision.approve ? 'outbound.unitApproved' : 'outbound.unitRejected', params),
      entityType: 'unit_request',
      entityId: id,
    });
  }
  return updated!;
}
