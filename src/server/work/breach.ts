import type { ServiceStandard } from '../standards/definition';

/**
 * The step a breached time limit takes by itself (`onBreach`), when it leaves the item's current
 * state; `limitKey` narrows it to the limit that was breached (the sweeper's), else any limit of
 * the standard. Null when no step applies. Every kind whose limits end items at a deadline (an
 * expired pass, a round not walked, an inspection not done in its window) asks this.
 */
export function breachStepOf(standard: ServiceStandard, state: string, limitKey?: string): string | null {
  for (const limit of standard.timeLimits) {
    if (!limit.onBreach || (limitKey && limit.key !== limitKey)) continue;
    const t = standard.transitions.find((x) => x.key === limit.onBreach);
    if (t?.from.includes(state)) return t.key;
  }
  return null;
}
