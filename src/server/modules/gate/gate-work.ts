import type { Locale } from '../../../common/locale';
import type { RequestContext } from '../../auth/context';
import type { DbOrTx } from '../../db/client';
import { AppError, fieldError, type FieldProblem } from '../../errors';
import { systemTransitions, type FactValue, type RecordRequirement, type ServiceLevel, type ServiceStandard, type StateType } from '../../standards/definition';
import { applyTransition, type TransitionInput, type TransitionResult } from '../../standards/engine';
import type { StandardProblem } from '../../standards/problems';
import { standardProblemMessage } from '../../standards/validate-standard';
import { recordAudit } from '../audit';
import { communityById } from '../registry';
import { effectiveCalendar, applyTimerActions, snapshots, timersOf } from '../standards';
import { pinnedStandard } from '../work-orders';
import { gateRoles } from './policy';
import type { Place } from './place';
import { recordWorkEvent } from '../../work/timeline';
import type { ConfirmationRecord, GatePerson } from './tables';

/**
 * The glue between gate work (passes, slips) and the standards engine: every step is decided by
 * the pinned standard, and its state, log entry, timers and audit record are written in the
 * caller's transaction.
 */

export type GateSubjectType = 'gate_pass' | 'goods_slip';

/** What the engine glue needs of a pass or slip. */
export interface GateWorkRow {
  id: string;
  organizationId: string;
  communityId: string;
  unitId: string;
  code: string;
  standardVersionId: string;
  state: string;
  stateType: StateType;
  stateEnteredAt: Date;
  facts: Record<string, FactValue | null>;
}

/** The state columns a step writes. */
export interface StatePatch {
  state: string;
  stateType: StateType;
  stateEnteredAt: Date;
  updatedAt: Date;
}

/** Who acted, as copied onto gate records. */
export function personOf(ctx: RequestContext | null): GatePerson | null {
  return ctx ? { userId: ctx.actor.userId, name: ctx.actor.displayName } : null;
}

function both(render: (locale: Locale) => string): Readonly<Record<Locale, string>> {
  return { 'zh-CN': render('zh-CN'), 'en-US': render('en-US') };
}

/**
 * Engine problems as request-field problems: a missing record reads "please fill in: <its label
 * in the standard>" on the body field `fieldOf` names; anything else keeps the engine's wording.
 */
export function recordProblems(problems: StandardProblem[], records: RecordRequirement[], fieldOf: Record<string, string>): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  for (const p of problems) {
    const name = String(p.params.name ?? p.params.field ?? p.path.split('.')[1] ?? p.path);
    const field = fieldOf[name] ?? name;
    const record = records.find((r) => r.name === name);
    if (p.code === 'record_missing' && record) {
      out[field] ??= { key: 'field.recordMissing', params: { label: record.label ?? { 'zh-CN': name, 'en-US': name } } };
    } else {
      out[field] ??= { text: both((l) => standardProblemMessage(p, l)) };
    }
  }
  return out;
}

/** The community facts a step needs: its service level and calendar. */
export async function communityLevel(tx: DbOrTx, communityId: string): Promise<ServiceLevel> {
  const c = await communityById(tx, communityId);
  return String(c?.serviceLevel ?? 1) as ServiceLevel;
}

export interface StepOptions {
  now: Date;
  /** Taken by the system (an `onBreach` step): acts through the transition's own roles. */
  automatic?: boolean;
  /** Engine record name -> request body field. */
  fieldOf?: Record<string, string>;
  /** Extra data for the log entry. */
  data?: Record<string, unknown>;
  /** Writes the new state (and whatever the step carries) to the row. */
  write: (patch: StatePatch) => Promise<void>;
}

/**
 * Takes one step of a pass or slip: the pinned standard decides (state, the roles the row-level
 * policy grants, records); a refusal throws (409 from the wrong state, 403 for the role, 400 per
 * field) and changes nothing. On success the row, its log, its timers and the audit are written.
 */
export async function takeStep(
  tx: DbOrTx,
  ctx: RequestContext,
  subjectType: GateSubjectType,
  row: GateWorkRow,
  action: string,
  input: TransitionInput,
  options: StepOptions,
): Promise<TransitionResult & { ok: true }> {
  const standard = (await pinnedStandard(tx, row.standardVersionId)).definition;
  const transition = standard.transitions.find((t) => t.key === action);
  const stateName = standard.states.find((s) => s.key === row.state)?.name ?? row.state;
  const refuse = (code: 'INVALID_TRANSITION' | 'FORBIDDEN') =>
    new AppError(code, code === 'FORBIDDEN' ? 'gate.actionNotAllowed' : 'gate.invalidStep', { state: stateName, action: transition?.name ?? action });
  if (!transition) throw refuse('INVALID_TRANSITION');
  if (systemTransitions(standard).has(action) && !options.automatic) throw refuse(transition.from.includes(row.state) ? 'FORBIDDEN' : 'INVALID_TRANSITION');
  const roles = options.automatic ? transition.roles : gateRoles(ctx.actor, row);
  const timers = snapshots(await timersOf(tx, subjectType, row.id));
  const level = await communityLevel(tx, row.communityId);
  const result = applyTransition({ standard, level, state: row.state, roles, facts: row.facts, timers }, action, input);
  if (!result.ok) {
    const refusal = result.problems.find((p) => ['unknown_transition', 'transition_not_allowed_from_state', 'condition_not_met', 'role_not_allowed'].includes(p.code));
    if (refusal) throw refuse(refusal.code === 'role_not_allowed' ? 'FORBIDDEN' : 'INVALID_TRANSITION');
    const records = [...transition.records, ...(transition.outcomes ?? []).flatMap((o) => o.records)];
    throw fieldError(recordProblems(result.problems, records, options.fieldOf ?? {}));
  }
  const target = standard.states.find((s) => s.key === result.to)!;
  const now = options.now;
  await options.write({ state: target.key, stateType: target.type, stateEnteredAt: target.key !== row.state ? now : row.stateEnteredAt, updatedAt: now });
  await commitWork(tx, options.automatic ? null : ctx, subjectType, row, standard, result, {
    action,
    data: { ...Object.fromEntries(Object.entries(input.fields ?? {}).filter(([, v]) => v !== undefined && v !== null)), ...options.data },
    now,
    automatic: options.automatic ?? false,
  });
  await recordAudit(tx, ctx, {
    organizationId: row.organizationId,
    entityType: subjectType,
    entityId: row.id,
    action,
    before: { state: row.state },
    after: { state: target.key },
  });
  return result;
}

/** Writes the log entry and the timers of an opening or a step. */
export async function commitWork(
  tx: DbOrTx,
  ctx: RequestContext | null,
  subjectType: GateSubjectType,
  row: Pick<GateWorkRow, 'id' | 'organizationId' | 'communityId' | 'code' | 'state'>,
  standard: ServiceStandard,
  result: TransitionResult & { ok: true },
  step: { action: string; data: Record<string, unknown>; now: Date; automatic: boolean },
): Promise<void> {
  await recordWorkEvent(tx, ctx, { type: subjectType, id: row.id, organizationId: row.organizationId, communityId: row.communityId }, {
    kind: step.action === 'created' ? 'created' : 'transition',
    action: step.action,
    fromState: result.from,
    toState: result.to,
    automatic: step.automatic,
    data: step.data,
    at: step.now,
  });
  const calendar = await effectiveCalendar(tx, row.communityId);
  const subject = { type: subjectType, id: row.id, organizationId: row.organizationId, communityId: row.communityId, label: row.code };
  await applyTimerActions(tx, subject, standard, result.timers, calendar, step.now);
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

