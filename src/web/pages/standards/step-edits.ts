import type { Role } from '../../../common/roles';
import type { LocalizedText, ServiceStandard, StateType, TransitionDefinition } from '../../api/standards';

/** A machine key of a step or state, as the standard format takes it. */
export const STEP_KEY = /^[a-z][a-z0-9_-]{0,63}$/;

/** A new step the company puts in front of an existing one, leading to a new state of its own. */
export interface NewStep {
  /** The existing step the new one comes before: it now starts from the new state. */
  before: string;
  key: string;
  name: LocalizedText;
  roles: Role[];
  state: { key: string; name: LocalizedText; type: StateType };
}

/** A text in both languages from what the editor holds: English falls back to the Chinese. */
export function bothLanguages(zh: string | undefined, en: string | undefined): LocalizedText {
  const z = zh?.trim() ?? '';
  return { 'zh-CN': z, 'en-US': en?.trim() || z };
}

/**
 * The standard with `step` inserted before `step.before`: the new step leaves the states the
 * existing one left and leads to the new state, from which the existing step now starts. Other
 * steps leaving those states (cancel, pause, ...) are untouched, so they stay where they were.
 */
export function insertStep(standard: ServiceStandard, step: NewStep): ServiceStandard {
  const at = standard.transitions.findIndex((tr) => tr.key === step.before);
  if (at < 0) throw new Error(`no step ${step.before}`);
  const next = standard.transitions[at]!;
  const added: TransitionDefinition = { key: step.key, name: step.name, from: [...next.from], to: step.state.key, roles: step.roles, records: [], hooks: [] };
  const after = Math.max(...next.from.map((f) => standard.states.findIndex((s) => s.key === f)));
  const states = [...standard.states];
  states.splice(after + 1, 0, { key: step.state.key, type: step.state.type, name: step.state.name, pausesTimers: false });
  const transitions = standard.transitions.map((tr, i) => (i === at ? { ...tr, from: [step.state.key] } : tr));
  transitions.splice(at, 0, added);
  return { ...standard, states, transitions };
}

/** The standard with new names for its states (keys stay, so items and time limits keep finding them). */
export function renameStates(standard: ServiceStandard, names: Record<string, LocalizedText>): ServiceStandard {
  return { ...standard, states: standard.states.map((s) => (names[s.key] ? { ...s, name: names[s.key]! } : s)) };
}
