import { recordWorkEvent } from './timeline';
import { linkToSubject } from './attachment-links';
import type { SubjectType } from './subjects';
import type { Role } from '../../common/roles';
import type { RequestContext } from '../auth/context';
import type { DbOrTx } from '../db/client';
import type { Actor } from '../db/scope';
import { AppError, fieldError, notFound, type FieldProblem } from '../errors';
import type { MessageKey, MessageParam } from '../i18n/messages';
import type { CalendarConfig } from '../standards/calendar';
import { recordKindOf, systemTransitions, type Facts, type RecordRequirement, type ServiceLevel, type ServiceStandard, type TransitionDefinition } from '../standards/definition';
import { applyTransition, type TimerSnapshot, type TransitionInput } from '../standards/engine';
import type { StandardProblem } from '../standards/problems';
import { recordAudit } from '../modules/audit/record-audit';
import { applyTimerActions } from '../modules/standards/timer-store';
import { actingRoles, checkRecordValues, factOf, parseStepBody, stepRecords, type ContractSubject } from './action-contract';
import { checkHooks, runHooksAfter, type HookCapabilities } from './hooks';

/**
 * `runStep`: one step of any work item through its pinned standard, in the caller's
 * transaction: the subject is locked, the caller's effective roles come from the module's
 * policy, the body is parsed against the step's typed records, values are checked against the
 * data, named hooks check, the engine decides, then the state and the record projections, the
 * timeline event, the SLA timer actions, uploads, hooks, notifications and the audit record are
 * written. Nothing is written when anything is refused. What differs between subjects (which
 * table, which columns a record projects onto, who is told) is the `SubjectKind`'s business.
 */

/** The subject as the step sees it. */
export interface SubjectView {
  id: string;
  organizationId: string;
  communityId: string;
  /** Shown on timers and alerts (the item's number). */
  label: string;
  state: string;
  /** Raised by one on every step; what `If-Match` names (see `StepOptions.expectedVersion`). */
  version: number;
  facts: Facts;
  counters: Record<string, number>;
}

/** What a step changes, handed to the subject kind to write. */
export interface StepChange {
  transition: TransitionDefinition;
  /** The records of the step that were given a value, with their values. */
  records: readonly RecordRequirement[];
  values: Readonly<Record<string, unknown>>;
  from: string;
  to: string;
  counters: Record<string, number>;
  /** The item's facts after the step: its facts with the transition's `sets` (a kind that keeps facts stores them). */
  facts: Facts;
  /** The version the kind writes: the subject's version plus one. */
  version: number;
  now: Date;
  by: { userId: string | null; name: string };
  channel: string;
  automatic: boolean;
}

/** One kind of work item (work order, later gate pass, patrol round ...) plugged into `runStep`. */
export interface SubjectKind<Row> {
  /** Timer subject type and audit entity type. */
  timerType: string;
  entityType: string;
  /** The entity named by a 404 (`entity.workOrder`). */
  notFound: MessageKey;
  /** Loads the row the actor may see, locked for update; null when not visible. */
  lock(tx: DbOrTx, actor: Actor, id: string): Promise<Row | null>;
  view(row: Row): SubjectView;
  standard(tx: DbOrTx, row: Row): Promise<ServiceStandard>;
  /** The actor's roles the row-level policy grants on this row. */
  roles(actor: Actor, row: Row): Role[];
  level(tx: DbOrTx, row: Row): Promise<ServiceLevel>;
  calendar(tx: DbOrTx, row: Row): Promise<CalendarConfig>;
  timers(tx: DbOrTx, row: Row): Promise<TimerSnapshot[]>;
  contract(row: Row, standard: ServiceStandard): ContractSubject;
  capabilities(row: Row, standard: ServiceStandard): HookCapabilities;
  /** The channel the step came through (recorded on the timeline). */
  channelOf(ctx: RequestContext, values: Readonly<Record<string, unknown>>): string;
  /** Writes the new state, counters and the projections of the step's records; returns the row. */
  write(tx: DbOrTx, row: Row, change: StepChange, standard: ServiceStandard): Promise<{ row: Row; eventData: Record<string, unknown> }>;
  /** Appends the timeline event. */
  recordEvent(tx: DbOrTx, ctx: RequestContext | null, row: Row, event: { action: string; channel: string; from: string; to: string; automatic: boolean; data: Record<string, unknown>; at: Date }): Promise<void>;
  /** Links the step's uploads to the item. */
  link(tx: DbOrTx, row: Row, ids: string[], purpose: string): Promise<void>;
  /** Tells people what the step changed. */
  notify(tx: DbOrTx, ctx: RequestContext, before: Row, after: Row, standard: ServiceStandard, change: StepChange): Promise<void>;
  /** The audit record's before/after of a row. */
  auditView(row: Row): Record<string, unknown>;
}

/** A subject to step: its kind and either its id (loaded and locked here) or a row the caller locked. */
export type StepSubject<Row> = { kind: SubjectKind<Row>; id: string } | { kind: SubjectKind<Row>; row: Row };

export interface StepOptions {
  now?: Date;
  /** Taken by the system (auto-advance, a breached limit): the standard's roles, no body. */
  automatic?: boolean;
  /**
   * The version the caller last saw (`If-Match`). When the subject has moved on since, the step
   * is refused with 409 STALE naming the current state, so of two people acting on one item at
   * once one wins and the other learns what happened instead of overwriting it.
   */
  expectedVersion?: number;
}

/** A 409 for a step sent against an older version of its subject; the body names where it is now. */
export function staleError(view: SubjectView, stateName: MessageParam): AppError {
  return new AppError('STALE', 'error.stale', { state: stateName }, undefined, { state: view.state, version: view.version });
}

const REFUSALS = new Set(['unknown_transition', 'transition_not_allowed_from_state', 'condition_not_met']);

/** The record a problem of the engine belongs to (`fields.amount` -> the record whose fact is `amount`). */
function recordOfProblem(problem: StandardProblem, t: TransitionDefinition): string {
  const [, name] = problem.path.split('.');
  const records = stepRecords(t).map((s) => s.record);
  if (name) return records.find((r) => r.name === name)?.name ?? records.find((r) => r.fact === name)?.name ?? name;
  // No outcome matched: the record the outcomes decide on is what is missing.
  return Object.keys(t.outcomes?.[0]?.when ?? {})[0] ?? 'body';
}

function problemOf(problem: StandardProblem): FieldProblem {
  if (problem.code === 'record_missing' && problem.params.min !== undefined && Number(problem.params.min) > 1) {
    return { key: 'field.minItems', params: { n: Number(problem.params.min) } };
  }
  if (problem.code === 'record_missing' || problem.code === 'no_matching_outcome') return { key: 'field.required' };
  return { key: 'field.invalid' };
}

/** The step's values as the engine's input: facts of the field records, photo counts, signatures, consents. */
function engineInput(records: readonly RecordRequirement[], values: Readonly<Record<string, unknown>>): TransitionInput {
  const input = { fields: {} as Record<string, string | number | boolean>, photos: {} as Record<string, number>, signatures: [] as string[], consents: [] as string[] };
  for (const r of records) {
    const value = values[r.name];
    if (value === undefined || value === null) continue;
    const kind = recordKindOf(r.type);
    if (kind === 'photo') input.photos[r.name] = (value as unknown[]).length;
    else if (kind === 'signature') input.signatures.push(r.name);
    else if (kind === 'consent') {
      if (value === true) input.consents.push(r.name);
    } else {
      const fact = factOf(r, value);
      if (fact !== undefined) input.fields[r.fact ?? r.name] = fact;
    }
  }
  return input;
}

/**
 * Takes `action` on the subject inside the caller's transaction and returns the written row.
 * 404 when the actor cannot see it, 409 INVALID_TRANSITION when the pinned standard has no such
 * step or it does not leave the current state, 403 when the caller's roles may not take it, 400
 * with `fields[<record name>]` for unknown keys, bad values and missing records.
 */
export async function runStep<Row>(
  tx: DbOrTx,
  ctx: RequestContext,
  subject: StepSubject<Row>,
  action: string,
  body: unknown,
  options: StepOptions = {},
): Promise<Row> {
  const { kind } = subject;
  const now = options.now ?? new Date();
  const automatic = options.automatic ?? false;
  const row = 'row' in subject ? subject.row : await kind.lock(tx, ctx.actor, subject.id);
  if (!row) throw notFound(kind.notFound);
  const view = kind.view(row);
  const standard = await kind.standard(tx, row);
  const transition = standard.transitions.find((t) => t.key === action);
  const stateName = standard.states.find((s) => s.key === view.state)?.name ?? view.state;
  if (options.expectedVersion !== undefined && options.expectedVersion !== view.version) throw staleError(view, stateName);
  const refuse = (code: 'INVALID_TRANSITION' | 'FORBIDDEN') =>
    new AppError(code, code === 'FORBIDDEN' ? 'error.actionNotAllowed' : 'error.invalidTransition', { state: stateName, action: transition?.name ?? action });
  // A step the pinned version does not have is refused like a wrong state (409), not a 404.
  if (!transition) throw refuse('INVALID_TRANSITION');
  if (systemTransitions(standard).has(action) && !automatic) throw refuse(transition.from.includes(view.state) ? 'FORBIDDEN' : 'INVALID_TRANSITION');
  const roles = automatic ? transition.roles : kind.roles(ctx.actor, row);
  // Refusals by state and role come before the body: a caller who may not act learns nothing of it.
  const gate = applyTransition({ standard, state: view.state, roles, facts: view.facts }, action, {});
  if (!gate.ok) {
    const refusal = gate.problems.find((p) => REFUSALS.has(p.code) || p.code === 'role_not_allowed');
    if (refusal) throw refuse(refusal.code === 'role_not_allowed' ? 'FORBIDDEN' : 'INVALID_TRANSITION');
  }

  const values = automatic ? {} : parseStepBody(transition, body);
  const records = stepRecords(transition).map((s) => s.record);
  const given = records.filter((r) => values[r.name] !== undefined && values[r.name] !== null);
  const input = engineInput(records, values);
  const timers = await kind.timers(tx, row);
  const level = await kind.level(tx, row);
  const result = applyTransition({ standard, level, state: view.state, roles, facts: view.facts, timers }, action, input);
  const capabilities = kind.capabilities(row, standard);
  const hookContext = { tx, ctx, standard, transition, values, subject: capabilities, ref: { type: kind.timerType, id: view.id } };
  const problems: Record<string, FieldProblem> = { ...(await checkHooks(hookContext)) };
  if (!result.ok) {
    const refusal = result.problems.find((p) => REFUSALS.has(p.code) || p.code === 'role_not_allowed');
    if (refusal) throw refuse(refusal.code === 'role_not_allowed' ? 'FORBIDDEN' : 'INVALID_TRANSITION');
    for (const p of result.problems) problems[recordOfProblem(p, transition)] ??= problemOf(p);
  }
  Object.assign(problems, await checkRecordValues(tx, ctx.actor, kind.contract(row, standard), given, values));
  if (Object.keys(problems).length || !result.ok) throw fieldError(problems);

  const counters = { ...view.counters };
  for (const c of result.counters) counters[c] = (counters[c] ?? 0) + 1;
  const change: StepChange = {
    transition,
    records: given,
    values,
    from: view.state,
    to: result.to,
    counters,
    facts: transition.sets ? { ...view.facts, ...transition.sets } : view.facts,
    version: view.version + 1,
    now,
    by: { userId: automatic ? null : ctx.actor.userId, name: ctx.actor.displayName },
    channel: automatic ? 'system' : kind.channelOf(ctx, values),
    automatic,
  };
  const written = await kind.write(tx, row, change, standard);
  const next = written.row;
  // A kind that forgot the version would let a stale step through unnoticed.
  if (kind.view(next).version !== change.version) throw new Error(`${kind.entityType}: write() did not raise the version to ${change.version}`);

  // The timeline keeps every value given, by record name, plus what the projections add.
  const data: Record<string, unknown> = { ...values, ...input.fields, ...written.eventData, counters: result.counters, ...(transition.sets ? { sets: transition.sets } : {}) };
  await kind.recordEvent(tx, automatic ? null : ctx, row, { action, channel: change.channel, from: view.state, to: result.to, automatic, data, at: now });
  const nextView = kind.view(next);
  await applyTimerActions(
    tx,
    { type: kind.timerType, id: view.id, organizationId: view.organizationId, communityId: view.communityId, label: nextView.label },
    standard,
    result.timers,
    await kind.calendar(tx, row),
    now,
  );
  for (const r of given) {
    if (r.type === 'photo') await kind.link(tx, next, values[r.name] as string[], r.name);
    if (r.type === 'signature') await kind.link(tx, next, [values[r.name] as string], r.name);
  }
  await runHooksAfter({ ...hookContext, subject: kind.capabilities(next, standard) });
  await kind.notify(tx, ctx, row, next, standard, change);
  await recordAudit(tx, ctx, { organizationId: view.organizationId, entityType: kind.entityType, entityId: view.id, action, before: kind.auditView(row), after: kind.auditView(next) });
  return next;
}

/** The roles through which an actor with `roles` takes `t` (re-exported for subject kinds). */
export { actingRoles };

/**
 * The `recordEvent` and `link` of a step kind whose rows carry their place (`id`,
 * `organizationId`, `communityId`): a transition on the kernel's timeline (internal unless told)
 * and the step's uploads linked to the row. Patrol rounds, inspections and rectifications share it.
 */
export function timelineOfKind<Row extends { id: string; organizationId: string; communityId: string }>(
  type: SubjectType,
  visibility: 'internal' | 'owner' = 'internal',
): Pick<SubjectKind<Row>, 'recordEvent' | 'link'> {
  return {
    recordEvent: (tx, ctx, r, e) =>
      recordWorkEvent(tx, ctx, { type, id: r.id, organizationId: r.organizationId, communityId: r.communityId }, {
        kind: 'transition',
        action: e.action,
        channel: e.channel,
        fromState: e.from,
        toState: e.to,
        visibility,
        automatic: e.automatic,
        data: e.data,
        at: e.at,
      }).then(() => undefined),
    link: (tx, r, ids, purpose) => linkToSubject(tx, { type, id: r.id, organizationId: r.organizationId }, ids, purpose),
  };
}
