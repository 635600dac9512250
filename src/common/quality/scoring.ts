import type { InspectionItem, InspectionTemplate, ItemAnswer } from './template';

/**
 * The score of an inspection, 0–100, from the template version it pinned. An item earns its
 * `points` when passed, 0 when failed, the given score (score items), or its points when the
 * number lies in its pass range (number items); text items and N/A answers leave the
 * denominator, as do items not answered. Category score = Σ(weight·earned) / Σ(weight·points) ×
 * 100 over its applicable answered items; a failed critical item makes its category 0. The total
 * is the category-weighted mean over categories with at least one scored item (null when none).
 * A failure put right (a passed re-inspection) earns the item's points.
 * Items whose `minLevel` is above the community's service level are left out.
 */

export type ItemOutcome = 'pass' | 'fail' | 'na' | 'unscored' | 'unanswered';

export interface CategoryScore {
  key: string;
  /** 0–100, or null when no item of it was scored. */
  score: number | null;
  scoredItems: number;
  failedItems: string[];
}

export interface InspectionScore {
  total: number | null;
  categories: CategoryScore[];
}

/** Whether an item applies at a service level. */
export const appliesAt = (item: { minLevel: string }, level: string): boolean => item.minLevel <= level;

/** Whether a number passes an item's pass range. */
export function numberPasses(item: Pick<InspectionItem, 'pass'>, value: number): boolean {
  const p = item.pass ?? {};
  return (p.min === undefined || value >= p.min) && (p.max === undefined || value <= p.max);
}

/**
 * What an answer makes of an item: earned points (null when it leaves the denominator) and
 * whether it failed. A score item fails below half its points; it earns what was given.
 */
export function itemResult(item: InspectionItem, answer: ItemAnswer | undefined): { earned: number | null; outcome: ItemOutcome } {
  if (!answer) return { earned: null, outcome: 'unanswered' };
  if (answer.result === 'na') return { earned: null, outcome: 'na' };
  if (answer.rectified && item.answer !== 'text') return { earned: item.points, outcome: 'pass' };
  switch (item.answer) {
    case 'pass_fail':
      if (answer.result === 'pass') return { earned: item.points, outcome: 'pass' };
      if (answer.result === 'fail') return { earned: 0, outcome: 'fail' };
      return { earned: null, outcome: 'unanswered' };
    case 'score':
      if (answer.score === undefined) return { earned: null, outcome: 'unanswered' };
      return { earned: Math.min(answer.score, item.points), outcome: answer.score * 2 >= item.points ? 'pass' : 'fail' };
    case 'number':
      if (answer.value === undefined) return { earned: null, outcome: 'unanswered' };
      return numberPasses(item, answer.value) ? { earned: item.points, outcome: 'pass' } : { earned: 0, outcome: 'fail' };
    case 'text':
      return { earned: null, outcome: 'unscored' };
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Scores answers keyed `category.item` against a template at a service level. */
export function scoreInspection(template: InspectionTemplate, answers: ReadonlyMap<string, ItemAnswer>, level: string): InspectionScore {
  const categories: CategoryScore[] = template.categories.map((c) => {
    let earned = 0;
    let possible = 0;
    let criticalFailed = false;
    const failedItems: string[] = [];
    let scoredItems = 0;
    for (const item of c.items) {
      if (!appliesAt(item, level)) continue;
      const r = itemResult(item, answers.get(`${c.key}.${item.key}`));
      if (r.outcome === 'fail') {
        failedItems.push(item.key);
        if (item.critical) criticalFailed = true;
      }
      if (r.earned === null) continue;
      scoredItems++;
      earned += item.weight * r.earned;
      possible += item.weight * item.points;
    }
    const score = scoredItems === 0 ? null : criticalFailed ? 0 : round1((earned / possible) * 100);
    return { key: c.key, score, scoredItems, failedItems };
  });
  let sum = 0;
  let weights = 0;
  template.categories.forEach((c, i) => {
    const s = categories[i]!.score;
    if (s === null) return;
    sum += c.weight * s;
    weights += c.weight;
  });
  return { total: weights === 0 ? null : round1(sum / weights), categories };
}
