import type { z } from 'zod';
import type { IncentiveDetail, incentiveInputSchema } from '../../../../common/appraisal/api';
import type { RequestContext } from '../../../auth/context';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { fieldError, forbidden, notFound } from '../../../errors';
import { openWork } from '../../../standards/engine';
import { checkAttachments, linkToSubject } from '../../../work/attachment-links';
import { stepOnce } from '../../../work/idempotency';
import { nextNumber } from '../../../work/numbering';
import { openSubject } from '../../../work/open-subject';
import { runStep } from '../../../work/take-step';
import { notifyRoles } from '../../notifications';
import { activeStaffMember, visibleCommunity } from '../../registry';
import { effectiveCalendar, effectiveStandard } from '../../standards';
import { incentiveSubject } from '../incentive-step';
import { INCENTIVE_PREFIX } from '../numbers';
import { appraisalPolicy } from '../policy';
import { incentiveDetail } from '../presenter';
import { INCENTIVE_STANDARD, INCENTIVE_SUBJECT } from '../repository';
import { staffIncentives } from '../tables';

/** How a step request was sent (see quality's `StepRequest`). */
export interface StepRequest {
  idempotencyKey?: string;
  expectedVersion?: number;
  /** When the step is taken; the demo's past steps only (requests take it now). */
  now?: Date;
}

const KIND_TEXT = { reward: { 'zh-CN': '奖励', 'en-US': 'reward' }, penalty: { 'zh-CN': '处罚', 'en-US': 'penalty' } } as const;

/**
 * Proposes a reward or penalty for a staff member serving the community, in one transaction: the
 * evidence photos are checked (uploads of the caller's company, not linked elsewhere) and linked,
 * the item is opened on the `incentive` standard (its timeline's `created` entry names the
 * proposer, whom the standard's hook bars from deciding), numbered, audited, and the project
 * managers are told. A community or staff member outside the caller's reach is 404.
 */
export async function proposeIncentive(db: Db, ctx: RequestContext, input: z.output<typeof incentiveInputSchema>, now = new Date()): Promise<IncentiveDetail> {
  return inTransaction(db, async (tx) => {
    const community = await visibleCommunity(tx, ctx.actor, input.communityId, { active: true });
    if (!community) throw notFound('entity.community');
    const place = { organizationId: community.organizationId, communityId: community.id };
    if (!appraisalPolicy.can(ctx.actor, 'propose', place)) throw forbidden();
    const member = await activeStaffMember(tx, community.organizationId, input.staffId);
    if (!member || !member.communityIds.includes(community.id)) throw notFound('entity.staff');
    const problems = await checkAttachments(tx, ctx.actor, { ids: input.photoIds, field: 'photoIds', kinds: ['photo'], single: false, subject: null });
    if (Object.keys(problems).length) throw fieldError(problems);
    const pinned = await effectiveStandard(tx, INCENTIVE_STANDARD, community.organizationId, community.id);
    if (!pinned) throw new Error('no incentive standard');
    const standard = pinned.definition;
    const roles = ctx.actor.roles.filter((r) => standard.intakeRoles.includes(r));
    const opened = openWork({ standard, level: String(community.serviceLevel) as '1' | '2' | '3', roles, facts: {} }, {});
    if (!opened.ok) throw forbidden();
    const state = standard.states.find((s) => s.key === opened.to)!;
    const number = await nextNumber(tx, { organizationId: community.organizationId, scopeId: community.id, prefix: INCENTIVE_PREFIX, period: 'day', timeZone: community.timeZone, at: now });
    const [row] = await tx
      .insert(staffIncentives)
      .values({
        ...place,
        number,
        staffId: member.id,
        kind: input.kind,
        reason: input.reason,
        points: input.points ?? null,
        amountFen: input.amountFen ?? null,
        proposedByUserId: ctx.actor.userId,
        proposedByName: ctx.actor.displayName,
        standardVersionId: pinned.id,
        state: state.key,
        stateType: state.type,
        stateEnteredAt: now,
        createdAt: now,
      })
      .returning();
    const subject = { type: INCENTIVE_SUBJECT, id: row!.id, ...place } as const;
    await openSubject(tx, ctx, { ...subject, label: number, state: state.key }, {
      standard,
      timers: opened.timers,
      calendar: await effectiveCalendar(tx, community.id),
      at: now,
      data: { number, staffId: member.id, staffName: member.name, kind: input.kind, reason: input.reason, points: input.points ?? null, amountFen: input.amountFen ?? null },
    });
    await linkToSubject(tx, subject, input.photoIds, 'evidence', now);
    await notifyRoles(tx, ['project_manager'], {
      ...place,
      kind: 'new_work',
      messageKey: 'notify.incentiveProposed',
      params: { name: member.name, kind: KIND_TEXT[input.kind], number, reason: input.reason },
      entityType: INCENTIVE_SUBJECT,
      entityId: row!.id,
    });
    return incentiveDetail(tx, ctx.actor, row!);
  });
}

/** Takes a step of a reward or penalty (approve or reject) in one transaction; Idempotency-Key and If-Match as everywhere. */
export async function takeIncentiveStep(db: Db, ctx: RequestContext, id: string, action: string, body: unknown, request: StepRequest = {}): Promise<{ replayed: boolean; body: IncentiveDetail }> {
  return inTransaction(db, (tx) =>
    stepOnce(tx, ctx, request.idempotencyKey, { subject: INCENTIVE_SUBJECT, id, action, body }, async () => {
      const row = await incentiveSubject.lock(tx, ctx.actor, id);
      if (!row) throw notFound('entity.staffIncentive');
      const after = await runStep(tx, ctx, { kind: incentiveSubject, row }, action, body, { expectedVersion: request.expectedVersion, now: request.now ?? new Date() });
      return incentiveDetail(tx, ctx.actor, after);
    }),
  );
}
