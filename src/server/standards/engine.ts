import type { Role } from '../../common/roles';
import {
  effectiveTimeLimits,
  matchesCondition,
  requirementKind,
  TERMINAL_STATE_TYPES,
  type FactValue,
  type Facts,
  type LocalizedText,
  type RecordRequirement,
  type ServiceLevel,
  type ServiceStandard,
  type TimeLimitDefinition,
  type TimerTrigger,
  type TransitionDefinition,
} from './definition';
import type { ProblemParams, StandardProblem, StandardProblemCode } from './problems';
import type { TimerStatus } from './sla-clock';

/**
 * The generic work engine: which actions a person may take on a work item, what taking one
 * requires, where it leads and what it does to the SLA timers. Everything service-specific
 * comes from the standard; this file knows only the format.
 */

/** What the actor submits with an action. */
export interface TransitionInput {
  /** Field values, e.g. `{ appointment_at: '2025-03-01T09:00:00+08:00', approved: true }`. */
  fields?: Readonly<Record<string, FactValue | null | undefined>>;
  /** Number of photos attached per photo record. */
  photos?: Readonly<Record<string, number>>;
  /** Names of the signatures captured. */
  signatures?: readonly string[];
  /** Names of the consents given. */
  consents?: readonly string[];
}

/** A timer of the work item as the engine needs to see it. */
export interface TimerSnapshot {
  limitKey: string;
  status: TimerStatus;
}

/** The work item and the person acting on it. */
export interface WorkContext {
  standard: ServiceStandard;
  /** Service level of the community; decides the time limits. Defaults to '1'. */
  level?: ServiceLevel;
  state: string;
  roles: readonly Role[];
  facts: Facts;
  timers?: readonly TimerSnapshot[];
}

/** What should happen to the SLA timers, in order. */
export type TimerAction =
  | { action: 'start'; limitKey: string; limit: TimeLimitDefinition }
  | { action: 'stop' | 'pause' | 'resume' | 'cancel'; limitKey: string }
  | { action: 'retarget'; limitKey: string; dueAt: Date };

/** An action the actor may take now. */
export interface AvailableTransition {
  key: string;
  name: LocalizedText;
  /** Possible target states (several when the outcome depends on the input). */
  targets: string[];
  /** Records the actor will have to supply (outcome-specific records are not included). */
  records: RecordRequirement[];
}

export type TransitionResult =
  | {
      ok: true;
      transition: string | null;
      from: string | null;
      to: string;
      /** Counters on the work item to increment by one. */
      counters: string[];
      timers: TimerAction[];
    }
  | { ok: false; problems: StandardProblem[] };

function problem(path: string, code: StandardProblemCode, params: ProblemParams = {}): StandardProblem {
  return { path, code, params };
}

/** Roles through which the actor may take the transition. */
function actingRoles(transition: TransitionDefinition, roles: readonly Role[]): Role[] {
  return roles.filter((r) => transition.roles.includes(r));
}

/** Requirements that bind this actor (see `requiredFor`). */
function bindingRecords(records: RecordRequirement[], acting: Role[]): RecordRequirement[] {
  return records.filter((r) => !r.requiredFor || acting.every((role) => r.requiredFor!.includes(role)));
}

/**
 * A step's recorded values as the owner may read them: without the records the standard marks
 * `internal` (the transition's, looked up by key; an unknown key keeps everything but nothing
 * internal can be named then).
 */
export function ownerVisibleData(standard: ServiceStandard, transitionKey: string | null, data: Record<string, unknown>): Record<string, unknown> {
  const hidden = standard.transitions.find((t) => t.key === transitionKey)?.records.filter((r) => r.internal).map((r) => r.name) ?? [];
  if (!hidden.length) return data;
  return Object.fromEntries(Object.entries(data).filter(([key]) => !hidden.includes(key)));
}

/**
 * The step a breached time limit takes (`onBreach`) when it leaves `state`, or null; `limitKey`
 * narrows it to that limit (the sweeper's), else the first limit of the standard that has one.
 */
export function breachTransition(standard: ServiceStandard, state: string, limitKey?: string): string | null {
  for (const limit of standard.timeLimits) {
    if (!limit.onBreach || (limitKey !== undefined && limit.key !== limitKey)) continue;
    const t = standard.transitions.find((x) => x.key === limit.onBreach);
    if (t?.from.includes(state)) return t.key;
  }
  return null;
}

/** Lists the actions the actor may take on the work item in its current state. */
export function availableTransitions(ctx: WorkContext): AvailableTransition[] {
  return ctx.standard.transitions
    .filter((t) => t.from.includes(ctx.state) && actingRoles(t, ctx.roles).length > 0 && matchesCondition(t.when, ctx.facts))
    .map((t) => ({
      key: t.key,
      name: t.name,
      targets: t.to !== undefined ? [t.to] : [...new Set((t.outcomes ?? []).map((o) => o.to))],
      records: bindingRecords(t.records, actingRoles(t, ctx.roles)),
    }));
}

function isMissing(requirement: RecordRequirement, input: TransitionInput): boolean {
  switch (requirementKind(requirement)) {
    case 'field': {
      const value = input.fields?.[requirement.fact ?? requirement.name] ?? input.fields?.[requirement.name];
      if (value === undefined || value === null) return true;
      if (typeof value === 'string') return value.trim().length < Math.max(requirement.minLength ?? 1, 1);
      return false;
    }
    case 'photo':
      return (input.photos?.[requirement.name] ?? 0) < Math.max(requirement.min ?? 1, 1);
    case 'signature':
      return !(input.signatures ?? []).includes(requirement.name);
    case 'consent':
      return !(input.consents ?? []).includes(requirement.name);
  }
}

const RECORD_PATHS = { field: 'fields', photo: 'photos', signature: 'signatures', consent: 'consents' } as const;

function missingRecords(records: RecordRequirement[], input: TransitionInput): StandardProblem[] {
  return records
    .filter((r) => r.required !== false && isMissing(r, input))
    .map((r) => {
      const kind = requirementKind(r);
      const min = kind === 'photo' ? Math.max(r.min ?? 1, 1) : undefined;
      return problem(`${RECORD_PATHS[kind]}.${r.name}`, 'record_missing', { kind, name: r.name, ...(min !== undefined ? { min } : {}) });
    });
}

function triggered(triggers: TimerTrigger[], enteredState: string, transitionKey: string | null): boolean {
  return triggers.some((t) => ('state' in t ? t.state === enteredState : t.transition === transitionKey));
}

/** Facts with the submitted field values laid over them (what outcomes and limits look at). */
function factsWithFields(facts: Facts, input: TransitionInput): Facts {
  const merged: Record<string, FactValue | null | undefined> = { ...facts };
  for (const [name, value] of Object.entries(input.fields ?? {})) {
    if (value !== undefined && value !== null) merged[name] = value;
  }
  return merged;
}

/**
 * Timer consequences of entering `to` (through `transitionKey`, or on opening when null):
 * 1. active timers whose stop trigger fires are stopped (met or breached by the clock);
 * 2. entering an end state cancels every timer still active;
 * 3. limits that apply to the facts and whose start trigger fires start, unless already active
 *    (a limit stopped earlier starts a new round);
 * 4. active timers are paused if the new state pauses timers and resumed otherwise (except limits
 *    that run while paused);
 * 5. a recorded deadline field moves the deadline of its limit.
 */
function timerActions(
  ctx: WorkContext,
  from: string | null,
  to: string,
  transitionKey: string | null,
  facts: Facts,
  input: TransitionInput,
): TimerAction[] {
  const states = new Map(ctx.standard.states.map((s) => [s.key, s]));
  const limits = effectiveTimeLimits(ctx.standard, ctx.level ?? '1');
  const active = new Map<string, TimerStatus>();
  for (const t of ctx.timers ?? []) {
    if (t.status === 'running' || t.status === 'paused') active.set(t.limitKey, t.status);
  }
  const actions: TimerAction[] = [];

  for (const limit of limits) {
    if (active.has(limit.key) && triggered(limit.stopOn, to, transitionKey)) {
      actions.push({ action: 'stop', limitKey: limit.key });
      active.delete(limit.key);
    }
  }
  const target = states.get(to);
  const terminal = target !== undefined && TERMINAL_STATE_TYPES.includes(target.type);
  if (terminal) {
    for (const key of active.keys()) actions.push({ action: 'cancel', limitKey: key });
    return actions;
  }
  for (const limit of limits) {
    if (!active.has(limit.key) && matchesCondition(limit.appliesWhen, facts) && triggered(limit.startOn, to, transitionKey)) {
      actions.push({ action: 'start', limitKey: limit.key, limit });
      active.set(limit.key, 'running');
    }
  }
  const pauses = target?.pausesTimers ?? false;
  const fromPaused = from !== null && (states.get(from)?.pausesTimers ?? false);
  const keepsRunning = new Set(limits.filter((l) => l.runsWhilePaused).map((l) => l.key));
  for (const [key, status] of active) {
    if (keepsRunning.has(key)) continue;
    if (pauses && status === 'running') actions.push({ action: 'pause', limitKey: key });
    // Timers paused by hand elsewhere stay paused; only a pause this standard caused is undone.
    if (!pauses && status === 'paused' && fromPaused) actions.push({ action: 'resume', limitKey: key });
  }
  for (const limit of limits) {
    const value = limit.deadlineField ? input.fields?.[limit.deadlineField] : undefined;
    if (active.has(limit.key) && typeof value === 'string') {
      actions.push({ action: 'retarget', limitKey: limit.key, dueAt: new Date(value) });
    }
  }
  return actions;
}

function deadlineProblems(ctx: WorkContext, input: TransitionInput): StandardProblem[] {
  const problems: StandardProblem[] = [];
  for (const limit of ctx.standard.timeLimits) {
    if (!limit.deadlineField) continue;
    const value = input.fields?.[limit.deadlineField];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || Number.isNaN(new Date(value).getTime())) {
      problems.push(problem(`fields.${limit.deadlineField}`, 'invalid_deadline', { field: limit.deadlineField }));
    }
  }
  return problems;
}

/**
 * Checks and applies one action: the transition must leave the current state, be open to one of
 * the actor's roles and match the facts; every binding record must be supplied. On success the
 * result names the new state, the counters to increment and the timer actions; otherwise it
 * lists every problem, with field paths for the missing records.
 */
export function applyTransition(ctx: WorkContext, transitionKey: string, input: TransitionInput = {}): TransitionResult {
  const transition = ctx.standard.transitions.find((t) => t.key === transitionKey);
  if (!transition) return { ok: false, problems: [problem('transition', 'unknown_transition', { key: transitionKey })] };
  const params = { transition: transitionKey, state: ctx.state };
  if (!transition.from.includes(ctx.state)) {
    return { ok: false, problems: [problem('transition', 'transition_not_allowed_from_state', params)] };
  }
  const acting = actingRoles(transition, ctx.roles);
  if (acting.length === 0) return { ok: false, problems: [problem('transition', 'role_not_allowed', params)] };
  if (!matchesCondition(transition.when, ctx.facts)) {
    return { ok: false, problems: [problem('transition', 'condition_not_met', params)] };
  }

  const facts = factsWithFields(ctx.facts, input);
  let to = transition.to;
  let records = transition.records;
  const counters = transition.counter ? [transition.counter] : [];
  const problems: StandardProblem[] = [];
  if (transition.outcomes) {
    const outcome = transition.outcomes.find((o) => matchesCondition(o.when, facts));
    if (outcome) {
      to = outcome.to;
      records = [...records, ...outcome.records];
      if (outcome.counter) counters.push(outcome.counter);
    } else {
      // Report the base records first: usually the deciding field itself is what is missing.
      problems.push(problem('fields', 'no_matching_outcome', params));
    }
  }
  problems.unshift(...missingRecords(bindingRecords(records, acting), input), ...deadlineProblems(ctx, input));
  if (problems.length > 0 || to === undefined) return { ok: false, problems };

  return {
    ok: true,
    transition: transitionKey,
    from: ctx.state,
    to,
    counters,
    timers: timerActions(ctx, ctx.state, to, transitionKey, facts, input),
  };
}

/**
 * Opens a work item: checks that the actor may take it in and has supplied the binding intake
 * records, and returns the initial state with the timers that start on entering it (a recorded
 * `deadlineField` sets its limit's deadline from the start).
 */
export function openWork(ctx: Omit<WorkContext, 'state' | 'timers'>, input: TransitionInput = {}): TransitionResult {
  const { standard } = ctx;
  const acting = ctx.roles.filter((r) => standard.intakeRoles.includes(r));
  if (acting.length === 0) {
    return { ok: false, problems: [problem('roles', 'role_not_allowed', { transition: 'open', state: '' })] };
  }
  const problems = [...missingRecords(bindingRecords(standard.intakeRecords, acting), input), ...deadlineProblems({ ...ctx, state: '' }, input)];
  if (problems.length > 0) return { ok: false, problems };
  const to = standard.initialState;
  const facts = factsWithFields(ctx.facts, input);
  return { ok: true, transition: null, from: null, to, counters: [], timers: timerActions({ ...ctx, state: to }, null, to, null, facts, input) };
}
