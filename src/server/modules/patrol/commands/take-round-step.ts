import type { PatrolRound } from '../../../../common/patrol';
import type { RequestContext } from '../../../auth/context';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { stepOnce } from '../../../work/idempotency';
import { runStep } from '../../../work/take-step';
import { ROUND_SUBJECT } from '../repository';
import { roundDetail } from '../round-detail';
import { roundSubject } from '../round-step';

/** How a step request was sent: `Idempotency-Key` (retries get the first response) and `If-Match` (the version seen). */
export interface RoundStepRequest {
  idempotencyKey?: string;
  expectedVersion?: number;
}

/**
 * Takes a step of the round's pinned standard (`POST /patrol/rounds/{id}/actions/{action}`) in one
 * transaction through `runStep` and returns the round as the caller sees it afterwards. A retry
 * with the same `Idempotency-Key` gets the first response (`replayed`); a step sent with the
 * version of a round that moved on since is a 409 STALE.
 */
export async function takeRoundStep(
  db: Db,
  ctx: RequestContext,
  id: string,
  action: string,
  body: unknown,
  request: RoundStepRequest = {},
): Promise<{ replayed: boolean; body: PatrolRound }> {
  return inTransaction(db, (tx) =>
    stepOnce(tx, ctx, request.idempotencyKey, { subject: ROUND_SUBJECT, id, action, body }, async () => {
      const round = await runStep(tx, ctx, { kind: roundSubject, id }, action, body, { expectedVersion: request.expectedVersion });
      return roundDetail(tx, ctx.actor, round);
    }),
  );
}
