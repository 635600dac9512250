import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { notFound } from '../../../errors';
import { stepOnce } from '../../../work/idempotency';
import { runStep } from '../../../work/take-step';
import { recordWorkEvent } from '../../../work/timeline';
import { answerMap, inspectionSubject } from '../inspection-step';
import { inspectionDetail, rectificationDetail } from '../presenter';
import { INSPECTION_SUBJECT, pinnedTemplate, RECTIFICATION_SUBJECT, type RectificationRow } from '../repository';
import { rectificationSubject } from '../rectification-step';
import { scoreInspection } from '../scoring';
import { inspections } from '../tables';
import { openRectifications } from './open-rectifications';
import type { InspectionDetail, RectificationDetail } from '../../../../common/quality/api';

/** How a step request was sent: `Idempotency-Key` (a retry gets the first response) and `If-Match` (the version seen). */
export interface StepRequest {
  idempotencyKey?: string;
  expectedVersion?: number;
  /** When the step is taken; the demo month's past steps only (requests take it now). */
  now?: Date;
}

/**
 * Takes a step of an inspection's pinned standard in one transaction. The body holds the step's
 * records and, for a step that `projects: scorecard`, `answers` (checked against the pinned
 * template by the step itself); each item that step finds failed opens one rectification in the
 * same transaction. A retry with the same `Idempotency-Key` gets the first response and writes
 * nothing; a second submit of the same inspection is refused by its state (409).
 */
export async function takeInspectionStep(db: Db, ctx: RequestContext, id: string, action: string, body: unknown, request: StepRequest = {}): Promise<{ replayed: boolean; body: InspectionDetail }> {
  return inTransaction(db, (tx) =>
    stepOnce(tx, ctx, request.idempotencyKey, { subject: INSPECTION_SUBJECT, id, action, body }, async () => {
      const row = await inspectionSubject.lock(tx, ctx.actor, id);
      if (!row) throw notFound('entity.inspection');
      const { answers, ...records } = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const standard = await inspectionSubject.standard(tx, row);
      const scorecard = standard.transitions.find((t) => t.key === action)?.projects === 'scorecard';
      // Answers belong to a scorecard step only; anywhere else they are an unknown record (400 from the step).
      const stepBody = scorecard || answers === undefined ? records : { ...records, answers };
      const now = request.now ?? new Date();
      const after = await runStep(tx, ctx, { kind: inspectionSubject, row: { ...row, submission: scorecard ? { actor: ctx.actor, answers } : undefined } }, action, stepBody, { expectedVersion: request.expectedVersion, now });
      if (after.failedNow?.length) await openRectifications(tx, ctx, after, await pinnedTemplate(tx, after.templateVersionId), after.failedNow, now);
      return inspectionDetail(tx, ctx.actor, after);
    }),
  );
}

/**
 * Credits a failed item on its inspection once its rectification closed after a passed
 * re-inspection: the answer is marked rectified (its original value kept), the score recomputed
 * and a `rescored` entry with the old and new score added to the inspection's timeline.
 */
async function creditInspection(tx: DbOrTx, ctx: RequestContext, rect: RectificationRow, now: Date): Promise<void> {
  const [inspection] = await tx.select().from(inspections).where(eq(inspections.id, rect.inspectionId)).for('update');
  if (!inspection) return;
  const answers = structuredClone(inspection.answers);
  const answer = answers[rect.categoryKey]?.[rect.itemKey];
  if (!answer || answer.rectificationId) return;
  answers[rect.categoryKey]![rect.itemKey] = { ...answer, rectified: true, rectificationId: rect.id } as typeof answer;
  const score = scoreInspection(await pinnedTemplate(tx, inspection.templateVersionId), answerMap(answers), inspection.level);
  await tx
    .update(inspections)
    .set({ answers, score: score.total, categoryScores: Object.fromEntries(score.categories.map((c) => [c.key, c.score])) })
    .where(eq(inspections.id, inspection.id));
  await recordWorkEvent(tx, ctx, { type: INSPECTION_SUBJECT, id: inspection.id, organizationId: inspection.organizationId, communityId: inspection.communityId }, {
    kind: 'step',
    action: 'rescored',
    visibility: 'internal',
    data: { rectificationId: rect.id, rectificationNumber: rect.number, item: `${rect.categoryKey}.${rect.itemKey}`, from: inspection.score, to: score.total },
    at: now,
  });
}

/**
 * Takes a step of a rectification's pinned standard in one transaction (Idempotency-Key and
 * If-Match as for inspections). A step that closes it credits the item on its inspection.
 */
export async function takeRectificationStep(db: Db, ctx: RequestContext, id: string, action: string, body: unknown, request: StepRequest = {}): Promise<{ replayed: boolean; body: RectificationDetail }> {
  return inTransaction(db, (tx) =>
    stepOnce(tx, ctx, request.idempotencyKey, { subject: RECTIFICATION_SUBJECT, id, action, body }, async () => {
      const now = request.now ?? new Date();
      const row = await rectificationSubject.lock(tx, ctx.actor, id);
      if (!row) throw notFound('entity.rectification');
      const after = await runStep(tx, ctx, { kind: rectificationSubject, row }, action, body, { expectedVersion: request.expectedVersion, now });
      if (row.stateType !== 'closed' && after.stateType === 'closed') await creditInspection(tx, ctx, after, now);
      return rectificationDetail(tx, ctx.actor, after);
    }),
  );
}
