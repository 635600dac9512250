import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { AppError, notFound } from '../../../errors';
import { stepOnce } from '../../../work/idempotency';
import { runStep, staleError, type SubjectKind } from '../../../work/take-step';
import { communityInfo } from '../repository';
import { usesItem } from '../step-kinds';
import { formatLocal, refusalKey, type Verdict } from '../verdict';

/** A refusal at the gate as an error in both languages (409 CONFLICT with the reason). */
export function gateRefusal(kind: 'pass' | 'slip', verdict: Verdict, timeZone: string): AppError {
  const rendered = Object.fromEntries(
    Object.entries(verdict.params).map(([k, v]) => [k, v instanceof Date ? { 'zh-CN': formatLocal(v, timeZone, 'zh-CN'), 'en-US': formatLocal(v, timeZone, 'en-US') } : v]),
  );
  return new AppError('CONFLICT', refusalKey(kind, verdict.reason!), rendered);
}

/** One kind of gate work as its step route takes it. */
export interface GateStep<Row, Out> {
  kind: SubjectKind<Row>;
  /** Pass or slip: a step that uses it (`projects: entry | release`) is refused with the reason when it may not be used now. */
  use?: { refusal: 'pass' | 'slip'; verdict(tx: DbOrTx, row: Row, now: Date): Promise<Verdict> };
  present(tx: DbOrTx, ctx: RequestContext, row: Row): Promise<Out>;
}

/** How a step request was sent: `Idempotency-Key` (retries get the first response) and `If-Match` (the version seen). */
export interface StepRequest {
  idempotencyKey?: string;
  expectedVersion?: number;
}

/**
 * Takes a step of a pass, slip or decoration the caller may read, in one transaction, through
 * the kernel's `runStep`; 404 when the caller may not read it (another company or another
 * community: the same answer as a random id). A step that uses a pass or slip is first checked
 * against its validity (expired, used, not yet valid ... with the reason). Returns the item as
 * the caller sees it after the step; with an idempotency key, a retry gets the first response.
 */
export async function takeGateStep<Row, Out>(
  db: Db,
  ctx: RequestContext,
  step: GateStep<Row, Out>,
  id: string,
  action: string,
  body: unknown,
  request: StepRequest = {},
): Promise<{ replayed: boolean; body: Out }> {
  return inTransaction(db, (tx) => stepOnce(tx, ctx, request.idempotencyKey, { kind: step.kind.entityType, id, action, body }, async () => {
    const row = await step.kind.lock(tx, ctx.actor, id);
    if (!row) throw notFound(step.kind.notFound);
    const now = new Date();
    const view = step.kind.view(row);
    const standard = await step.kind.standard(tx, row);
    if (request.expectedVersion !== undefined && request.expectedVersion !== view.version) {
      throw staleError(view, standard.states.find((s) => s.key === view.state)?.name ?? view.state);
    }
    if (step.use && usesItem(standard.transitions.find((t) => t.key === action))) {
      const verdict = await step.use.verdict(tx, row, now);
      if (!verdict.ok && verdict.reason) {
        const tz = (await communityInfo(tx, [view.communityId])).get(view.communityId)?.timeZone ?? 'Asia/Shanghai';
        throw gateRefusal(step.use.refusal, verdict, tz);
      }
    }
    const next = await runStep(tx, ctx, { kind: step.kind, row }, action, body, { now, expectedVersion: request.expectedVersion });
    return step.present(tx, ctx, next);
  }));
}
