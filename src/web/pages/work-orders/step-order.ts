import type { StandardVersion } from '../../api/standards';

/**
 * The step to offer first among the allowed ones (in the standard's order): the first that moves
 * the item on — not one that leaves it where it is (booking the visit again, dispatching again)
 * and not one that only cancels it. Read from the pinned standard, never from step names.
 */
export function primaryStep(allowed: readonly string[], status: string, standard: StandardVersion | undefined): string | null {
  if (!standard) return allowed[0] ?? null;
  const { transitions, states } = standard.definition;
  const targets = (key: string) => {
    const tr = transitions.find((x) => x.key === key);
    return tr ? (tr.to ? [tr.to] : (tr.outcomes ?? []).map((o) => o.to)) : [];
  };
  const cancels = (key: string) => {
    const to = targets(key);
    return to.length > 0 && to.every((s) => states.find((st) => st.key === s)?.type === 'cancelled');
  };
  const candidates = allowed.filter((key) => !cancels(key));
  return candidates.find((key) => !targets(key).every((s) => s === status)) ?? candidates[0] ?? null;
}

/** Whether a step of the pinned standard only ends the item (shown as a danger button). */
export function isCancelStep(key: string, standard: StandardVersion | undefined): boolean {
  const tr = standard?.definition.transitions.find((x) => x.key === key);
  if (!tr || !standard) return false;
  const to = tr.to ? [tr.to] : (tr.outcomes ?? []).map((o) => o.to);
  return to.length > 0 && to.every((s) => standard.definition.states.find((st) => st.key === s)?.type === 'cancelled');
}

/** Whether a step of the pinned standard asks for nothing (taken with one tap). */
export function asksForNothing(key: string, standard: StandardVersion | undefined): boolean {
  const tr = standard?.definition.transitions.find((x) => x.key === key);
  return Boolean(tr && tr.records.length === 0 && (tr.outcomes ?? []).every((o) => o.records.length === 0));
}
