import type { RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import type { FieldProblem } from '../../../errors';
import type { ServiceStandard, StateType } from '../../../standards/definition';
import type { TransitionResult } from '../../../standards/engine';
import type { StandardProblem } from '../../../standards/problems';
import { recordWorkEvent } from '../../../work/timeline';
import type { SubjectType } from '../../../work/subjects';
import { applyTimerActions, effectiveCalendar } from '../../standards';
import type { Place } from '../place';
import type { ConfirmationRecord, GatePerson } from '../tables';

/**
 * Opening a pass, slip or decoration under its standard (not a step: `runStep` takes the steps).
 * The intake's problems, the columns every new item shares, and its first timeline entry and
 * timers.
 */

/** The intake records the engine found missing, on the request fields they come from. */
export function intakeProblems(problems: StandardProblem[], fieldOf: Record<string, string>): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  for (const p of problems) {
    const name = String(p.params.name ?? p.params.field ?? p.path.split('.')[1] ?? p.path);
    out[fieldOf[name] ?? name] ??= p.code === 'record_missing' ? { key: 'field.required' } : { key: 'field.invalid' };
  }
  return out;
}

/** The confirmation of a host or owner recorded by staff acting on their behalf, if given. */
export function confirmationOf(channel: string | undefined, confirmedBy: string | undefined, at: Date, by: GatePerson): ConfirmationRecord | null {
  return channel && confirmedBy ? { channel, confirmedBy, at: at.toISOString(), by } : null;
}

/** The columns every newly opened pass or slip shares: where it is, its codes and its first state. */
export function openedColumns(place: Place, code: string, token: string, standardVersionId: string, state: { key: string; type: StateType }, now: Date) {
  return {
    organizationId: place.organizationId,
    communityId: place.communityId,
    unitId: place.unitId,
    unitLabel: place.unitLabel,
    code,
    token,
    standardVersionId,
    state: state.key,
    stateType: state.type,
    stateEnteredAt: now,
  };
}

/** The `created` entry of a new item's timeline and the timers its first state starts. */
export async function recordOpened(
  tx: DbOrTx,
  ctx: RequestContext,
  type: SubjectType,
  row: { id: string; organizationId: string; communityId: string; label: string },
  standard: ServiceStandard,
  opened: TransitionResult & { ok: true },
  data: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await recordWorkEvent(tx, ctx, { type, id: row.id, organizationId: row.organizationId, communityId: row.communityId }, {
    kind: 'created',
    action: 'created',
    fromState: opened.from,
    toState: opened.to,
    data,
    at: now,
  });
  const calendar = await effectiveCalendar(tx, row.communityId);
  await applyTimerActions(tx, { type, id: row.id, organizationId: row.organizationId, communityId: row.communityId, label: row.label }, standard, opened.timers, calendar, now);
}
