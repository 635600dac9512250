import type { PatrolRound } from '../../../common/patrol';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { timelineOf } from '../../work/timeline';
import { pinnedStandard } from '../standards';
import { presentRound, presentRoundEvent } from './presenter';
import { ROUND_SUBJECT, visitsOf, type RoundRow } from './repository';

/** A round as `actor` sees it: checkpoints, results, the steps they may take and the timeline. */
export async function roundDetail(db: DbOrTx, actor: Actor, round: RoundRow): Promise<PatrolRound> {
  const standard = (await pinnedStandard(db, round.standardVersionId)).definition;
  const [visits, events] = await Promise.all([visitsOf(db, [round.id]), timelineOf(db, { type: ROUND_SUBJECT, id: round.id })]);
  return { ...presentRound(actor, round, visits, standard), timeline: events.map((e) => presentRoundEvent(e, standard)) };
}
