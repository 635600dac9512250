import type { z } from 'zod';
import type { MeasureDetail, measureInputSchema } from '../../../../common/appraisal/api';
import type { RequestContext } from '../../../auth/context';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { fieldError, forbidden, notFound } from '../../../errors';
import { openWork } from '../../../standards/engine';
import { stepOnce } from '../../../work/idempotency';
import { localDateIn, nextNumber } from '../../../work/numbering';
import { openSubject } from '../../../work/open-subject';
import { addLocalDays, localInstant } from '../../../work/plans';
import { runStep } from '../../../work/take-step';
import { notifyStaff } from '../../notifications';
import { activeStaffMember, visibleCommunity } from '../../registry';
import { sourceLabel } from '../source-label';
import { effectiveCalendar, effectiveStandard } from '../../standards';
import { measureSubject } from '../measure-step';
import { MEASURE_PREFIX } from '../numbers';
import { appraisalPolicy } from '../policy';
import { measureDetail } from '../presenter';
import { MEASURE_STANDARD, MEASURE_SUBJECT } from '../repository';
import { improvementMeasures } from '../tables';
import type { StepRequest } from './incentives';

/**
 * Raises an improvement measure in one transaction: the source must exist in the community, the
 * owner must serve it, the due date may not be past; it is opened on the `improvement` standard
 * with its deadline at the end of the due date (`due_at`, the standard's `close_by` limit, which
 * escalates an overdue measure), numbered and audited, and the owner is told.
 */
export async function raiseMeasure(db: Db, ctx: RequestContext, input: z.output<typeof measureInputSchema>, now = new Date()): Promise<MeasureDetail> {
  return inTransaction(db, async (tx) => {
    const community = await visibleCommunity(tx, ctx.actor, input.communityId, { active: true });
    if (!community) throw notFound('entity.community');
    const place = { organizationId: community.organizationId, communityId: community.id };
    if (!appraisalPolicy.can(ctx.actor, 'raise', place)) throw forbidden();
    const owner = await activeStaffMember(tx, community.organizationId, input.ownerStaffId);
    if (!owner || !owner.communityIds.includes(community.id)) throw notFound('entity.staff');
    if (!(await sourceLabel(tx, community, input.source, input.sourceKey))) throw fieldError({ sourceKey: { key: 'field.measureSourceUnknown' } });
    if (input.dueOn < localDateIn(community.timeZone, now)) throw fieldError({ dueOn: { key: 'field.dueInPast' } });
    const dueAt = localInstant(community.timeZone, addLocalDays(input.dueOn, 1), 0);
    const pinned = await effectiveStandard(tx, MEASURE_STANDARD, community.organizationId, community.id);
    if (!pinned) throw new Error('no improvement standard');
    const standard = pinned.definition;
    const opened = openWork({ standard, level: String(community.serviceLevel) as '1' | '2' | '3', roles: ctx.actor.roles, facts: {} }, { fields: { due_at: dueAt.toISOString() } });
    if (!opened.ok) throw forbidden();
    const state = standard.states.find((s) => s.key === opened.to)!;
    const number = await nextNumber(tx, { organizationId: community.organizationId, scopeId: community.id, prefix: MEASURE_PREFIX, period: 'day', timeZone: community.timeZone, at: now });
    const [row] = await tx
      .insert(improvementMeasures)
      .values({
        ...place,
        number,
        title: input.title,
        description: input.description || null,
        source: input.source,
        sourceKey: input.sourceKey,
        ownerStaffId: owner.id,
        dueOn: input.dueOn,
        dueAt,
        raisedByUserId: ctx.actor.userId,
        raisedAt: now,
        standardVersionId: pinned.id,
        state: state.key,
        stateType: state.type,
        stateEnteredAt: now,
        facts: { due_at: dueAt.toISOString() },
        createdAt: now,
      })
      .returning();
    await openSubject(tx, ctx, { type: MEASURE_SUBJECT, id: row!.id, ...place, label: number, state: state.key }, {
      standard,
      timers: opened.timers,
      calendar: await effectiveCalendar(tx, community.id),
      at: now,
      data: { number, title: input.title, source: input.source, sourceKey: input.sourceKey, ownerStaffId: owner.id, ownerName: owner.name, dueOn: input.dueOn },
    });
    await notifyStaff(tx, [owner.id], { ...place, kind: 'assigned', messageKey: 'notify.measureOwned', params: { number, title: input.title, dueOn: input.dueOn }, entityType: MEASURE_SUBJECT, entityId: row!.id });
    return measureDetail(tx, ctx.actor, row!, now);
  });
}

/** Takes a step of a measure (plan, do, check and act) in one transaction; Idempotency-Key and If-Match as everywhere. */
export async function takeMeasureStep(db: Db, ctx: RequestContext, id: string, action: string, body: unknown, request: StepRequest = {}): Promise<{ replayed: boolean; body: MeasureDetail }> {
  return inTransaction(db, (tx) =>
    stepOnce(tx, ctx, request.idempotencyKey, { subject: MEASURE_SUBJECT, id, action, body }, async () => {
      const row = await measureSubject.lock(tx, ctx.actor, id);
      if (!row) throw notFound('entity.improvementMeasure');
      const now = request.now ?? new Date();
      const after = await runStep(tx, ctx, { kind: measureSubject, row }, action, body, { expectedVersion: request.expectedVersion, now });
      return measureDetail(tx, ctx.actor, after, now);
    }),
  );
}
