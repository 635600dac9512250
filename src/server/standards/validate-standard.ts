import { serviceStandardSchema, STEP_HOOK_PARAMS, TERMINAL_STATE_TYPES, type RecordRequirement, type ServiceStandard, type TimerTrigger } from './definition';
import { RECORD_PHOTOS_MAX } from '../../common/work/records';
import { type StandardProblem, type ProblemParams, type StandardProblemCode } from './problems';

export { standardProblemMessage, type StandardProblem } from './problems';

/**
 * Semantic checks a schema cannot express: references between parts of the standard, keys
 * that must be unique, reachability and the presence of an end. An empty list means the
 * standard can run.
 */
export function validateStandard(standard: ServiceStandard): StandardProblem[] {
  const problems: StandardProblem[] = [];
  const add = (path: string, code: StandardProblemCode, params: ProblemParams = {}) => problems.push({ path, code, params });

  checkUnique(standard.states, 'states', add);
  checkUnique(standard.transitions, 'transitions', add);
  checkUnique(standard.timeLimits, 'timeLimits', add);
  checkUnique(standard.escalations, 'escalations', add);
  checkUnique(standard.categories, 'categories', add);
  checkUnique(standard.checklist, 'checklist', add);

  const states = new Map(standard.states.map((s) => [s.key, s]));
  const transitions = new Set(standard.transitions.map((t) => t.key));
  const limits = new Set(standard.timeLimits.map((l) => l.key));
  const isTerminal = (key: string) => {
    const type = states.get(key)?.type;
    return type !== undefined && TERMINAL_STATE_TYPES.includes(type);
  };

  if (!states.has(standard.initialState)) add('initialState', 'unknown_state', { key: standard.initialState });
  else if (isTerminal(standard.initialState)) add('initialState', 'terminal_initial_state');
  if (!standard.states.some((s) => TERMINAL_STATE_TYPES.includes(s.type))) add('states', 'no_terminal_state');

  standard.transitions.forEach((t, i) => {
    const base = `transitions.${i}`;
    t.from.forEach((key, j) => {
      if (!states.has(key)) add(`${base}.from.${j}`, 'unknown_state', { key });
    });
    if (t.to !== undefined && !states.has(t.to)) add(`${base}.to`, 'unknown_state', { key: t.to });
    t.outcomes?.forEach((o, j) => {
      if (!states.has(o.to)) add(`${base}.outcomes.${j}.to`, 'unknown_state', { key: o.to });
    });
    if (t.roles.length === 0) add(`${base}.roles`, 'transition_without_roles', { key: t.key });
    const requirements = [
      ...t.records.map((r, j) => ({ r, path: `${base}.records.${j}` })),
      ...(t.outcomes ?? []).flatMap((o, k) => o.records.map((r, j) => ({ r, path: `${base}.outcomes.${k}.records.${j}` }))),
    ];
    for (const { r, path } of requirements) {
      r.requiredFor?.forEach((role, j) => {
        if (!t.roles.includes(role)) add(`${path}.requiredFor.${j}`, 'record_role_not_allowed', { role });
      });
    }
    // The request body is keyed by record name: one name, one type per step (an outcome may
    // repeat a name only when no other outcome and no base record has it).
    const seen = new Set(t.records.map((r) => r.name));
    t.records.forEach((r, j) => {
      if (t.records.findIndex((x) => x.name === r.name) !== j) add(`${base}.records.${j}.name`, 'duplicate_record', { name: r.name });
    });
    t.outcomes?.forEach((o, k) =>
      o.records.forEach((r, j) => {
        const path = `${base}.outcomes.${k}.records.${j}`;
        const other = t.outcomes!.flatMap((x, kk) => (kk === k ? [] : x.records)).find((x) => x.name === r.name);
        if (seen.has(r.name) || (other && other.type !== r.type) || o.records.findIndex((x) => x.name === r.name) !== j) {
          add(`${path}.name`, 'duplicate_record', { name: r.name });
        }
      }),
    );
    for (const { r, path } of requirements) checkRecordBounds(r, path, add);
    t.hooks.forEach((h, j) => {
      const parsed = STEP_HOOK_PARAMS[h.name].safeParse(h.params);
      if (!parsed.success) {
        add(`${base}.hooks.${j}.params`, 'hook_params_invalid', { hook: h.name, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        return;
      }
      // Every record a hook names must be a record of the step.
      const names = Object.entries(parsed.data).filter(([k]) => k === 'record' || k === 'reason' || k.endsWith('Record'));
      for (const [k, v] of names) {
        if (typeof v === 'string' && !requirements.some(({ r }) => r.name === v)) {
          add(`${base}.hooks.${j}.params.${k}`, 'hook_params_invalid', { hook: h.name, message: `"${v}" is not a record of this step` });
        }
      }
    });
  });
  standard.intakeRecords.forEach((r, i) => checkRecordBounds(r, `intakeRecords.${i}`, add));

  const checkTriggers = (triggers: TimerTrigger[], path: string) => {
    triggers.forEach((trigger, j) => {
      if ('state' in trigger) {
        if (!states.has(trigger.state)) add(`${path}.${j}.state`, 'unknown_state', { key: trigger.state });
      } else if (!transitions.has(trigger.transition)) {
        add(`${path}.${j}.transition`, 'unknown_transition', { key: trigger.transition });
      }
    });
  };
  standard.timeLimits.forEach((limit, i) => {
    const base = `timeLimits.${i}`;
    checkTriggers(limit.startOn, `${base}.startOn`);
    checkTriggers(limit.stopOn, `${base}.stopOn`);
    checkDuration(limit.key, limit.duration, limit.calendar, `${base}.duration`, add);
    if (limit.onBreach) {
      const t = standard.transitions.find((x) => x.key === limit.onBreach);
      if (!t) add(`${base}.onBreach`, 'unknown_transition', { key: limit.onBreach });
      else if (t.to === undefined || t.records.length > 0) add(`${base}.onBreach`, 'breach_transition_not_automatic', { key: t.key, limit: limit.key });
    }
  });
  standard.intakeRecords.forEach((r, i) => {
    r.requiredFor?.forEach((role, j) => {
      if (!standard.intakeRoles.includes(role)) add(`intakeRecords.${i}.requiredFor.${j}`, 'record_role_not_allowed', { role });
    });
  });
  for (const [level, overrides] of Object.entries(standard.levelOverrides)) {
    for (const [key, override] of Object.entries(overrides ?? {})) {
      const base = `levelOverrides.${level}.${key}`;
      const limit = standard.timeLimits.find((l) => l.key === key);
      if (!limit) {
        add(base, 'unknown_time_limit', { key });
        continue;
      }
      if (override.duration || override.calendar) {
        checkDuration(key, override.duration ?? limit.duration, override.calendar ?? limit.calendar, `${base}.duration`, add);
      }
    }
  }
  standard.escalations.forEach((rule, i) => {
    if (!limits.has(rule.limit)) add(`escalations.${i}.limit`, 'unknown_time_limit', { key: rule.limit });
  });

  standard.autoAdvance.forEach((rule, i) => {
    const base = `autoAdvance.${i}`;
    if (!states.has(rule.from)) add(`${base}.from`, 'unknown_state', { key: rule.from });
    const t = standard.transitions.find((x) => x.key === rule.transition);
    if (!t) add(`${base}.transition`, 'unknown_transition', { key: rule.transition });
    // The system supplies no records and picks no outcome, so the transition must need neither.
    else if (!t.from.includes(rule.from) || t.to === undefined || t.records.length > 0) {
      add(`${base}.transition`, 'auto_advance_not_automatic', { key: rule.transition, state: rule.from });
    }
  });

  checkReachability(standard, states, isTerminal, add);
  return problems;
}

type Add = (path: string, code: StandardProblemCode, params?: ProblemParams) => void;

/** Which bounds each record type takes. */
const BOUNDS_OF: Record<RecordRequirement['type'], readonly (keyof RecordRequirement)[]> = {
  text: ['minLength', 'maxLength', 'multiline'],
  number: ['min', 'max', 'unit', 'decimals'],
  money: ['min', 'max'],
  datetime: ['appointment'],
  date: [],
  choice: ['options'],
  staff: ['positions', 'skill', 'assigns', 'concerns'],
  unit: [],
  boolean: [],
  photo: ['min', 'max'],
  signature: [],
  consent: [],
  checklist: ['items'],
  price_lines: [],
  item_lines: [],
};
const ALL_BOUNDS = ['minLength', 'maxLength', 'multiline', 'min', 'max', 'unit', 'decimals', 'options', 'positions', 'skill', 'assigns', 'concerns', 'appointment', 'items'] as const;

/** Bounds that fit the type and make sense: min ≤ max, no negative counts, options for a choice. */
function checkRecordBounds(r: RecordRequirement, path: string, add: Add): void {
  const params = { name: r.name, type: r.type };
  for (const bound of ALL_BOUNDS) {
    if (r[bound] !== undefined && !BOUNDS_OF[r.type].includes(bound)) add(`${path}.${bound}`, 'record_bound_not_for_type', { ...params, bound });
  }
  const counts = r.type === 'photo' ? (['min', 'max'] as const) : r.type === 'text' ? (['minLength', 'maxLength'] as const) : r.type === 'money' ? (['min', 'max'] as const) : [];
  for (const bound of [...counts, 'decimals' as const]) {
    const v = r[bound];
    if (typeof v === 'number' && v < 0) add(`${path}.${bound}`, 'record_negative_bound', { ...params, bound });
  }
  const [lo, hi, loKey] = r.type === 'text' ? [r.minLength, r.maxLength, 'minLength'] : [r.min, r.max, 'min'];
  if (lo !== undefined && hi !== undefined && lo > hi) add(`${path}.${loKey}`, 'record_bounds_inverted', { name: r.name, min: lo, max: hi });
  if (r.type === 'text' && r.maxLength !== undefined && r.maxLength <= 0) add(`${path}.maxLength`, 'record_negative_bound', { ...params, bound: 'maxLength' });
  if (r.type === 'photo' && r.max !== undefined && r.max > RECORD_PHOTOS_MAX) add(`${path}.max`, 'record_bounds_inverted', { name: r.name, min: r.max, max: RECORD_PHOTOS_MAX });
  if (r.type === 'choice') {
    if (!r.options?.length) add(`${path}.options`, 'record_options_missing', { name: r.name });
    r.options?.forEach((o, j) => {
      if (r.options!.findIndex((x) => x.key === o.key) !== j) add(`${path}.options.${j}.key`, 'duplicate_key', { key: o.key });
    });
  }
  if (r.type === 'checklist' && !r.items?.length) add(`${path}.items`, 'record_options_missing', { name: r.name });
  r.items?.forEach((item, j) => {
    if (item.points < 0) add(`${path}.items.${j}.points`, 'record_negative_bound', { ...params, bound: 'points' });
    if (item.weight <= 0) add(`${path}.items.${j}.weight`, 'record_negative_bound', { ...params, bound: 'weight' });
  });
  if (r.fact !== undefined && ['photo', 'signature', 'consent'].includes(r.type)) add(`${path}.fact`, 'record_fact_not_for_type', params);
}

function checkUnique(items: { key: string }[], path: string, add: Add): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.key)) add(`${path}.${i}.key`, 'duplicate_key', { key: item.key });
    seen.add(item.key);
  });
}

function checkDuration(
  key: string,
  duration: ServiceStandard['timeLimits'][number]['duration'],
  calendar: string,
  path: string,
  add: Add,
): void {
  const amount = 'minutes' in duration ? duration.minutes : duration.workingDays;
  if (amount <= 0) add(path, 'non_positive_duration', { key });
  if ('workingDays' in duration && calendar !== 'business') add(path, 'working_days_need_business_calendar', { key });
}

function checkReachability(
  standard: ServiceStandard,
  states: Map<string, unknown>,
  isTerminal: (key: string) => boolean,
  add: Add,
): void {
  if (!states.has(standard.initialState)) return;
  const next = new Map<string, Set<string>>();
  for (const t of standard.transitions) {
    if (t.roles.length === 0) continue; // nobody can take it, so it leads nowhere
    const targets = t.to !== undefined ? [t.to] : (t.outcomes ?? []).map((o) => o.to);
    for (const from of t.from) {
      const set = next.get(from) ?? new Set<string>();
      targets.forEach((to) => set.add(to));
      next.set(from, set);
    }
  }
  const reached = new Set([standard.initialState]);
  const queue = [standard.initialState];
  while (queue.length > 0) {
    for (const to of next.get(queue.pop()!) ?? []) {
      if (!reached.has(to) && states.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  standard.states.forEach((s, i) => {
    if (!reached.has(s.key)) add(`states.${i}.key`, 'unreachable_state', { key: s.key });
    else if (!isTerminal(s.key) && (next.get(s.key)?.size ?? 0) === 0) add(`states.${i}.key`, 'dead_end_state', { key: s.key });
  });
}

/** Result of parsing and validating an untrusted standard. */
export type StandardCheck = { ok: true; standard: ServiceStandard } | { ok: false; problems: StandardProblem[] };

/**
 * Parses `input` with the zod schema and, if that succeeds, runs `validateStandard`. Schema
 * errors come back as `invalid_value` problems with their paths, so both kinds render alike.
 */
export function checkStandard(input: unknown): StandardCheck {
  const parsed = serviceStandardSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        code: 'invalid_value',
        params: { message: issue.message },
      })),
    };
  }
  const problems = validateStandard(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, standard: parsed.data };
}
