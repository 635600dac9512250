/**
 * The arithmetic of the monthly staff appraisal (月度考核), shared by the server (the stored
 * figures) and the console (what a changed weight would give), so the two cannot differ.
 *
 * Four parts, each 0–100 or null when the staff member has no data in it that month:
 * - `inspection`: the mean score of the inspections in which they were the staff member inspected;
 * - `sla`: the share of time limits met among the limits of work items assigned to them that
 *   ended (met or breached) in the month;
 * - `rating`: owners' return-visit scores of their work items (1–5), as a share of 5;
 * - `complaints`: 100 less `complaintDeduction` points per complaint naming them (never below 0).
 *
 * Weights are set per position by the company and sum to 100. A part without data leaves the
 * denominator, like an N/A item of an inspection: the total is the weighted mean of the parts
 * that have data. A clean complaints record counts only next to some other data (a month with
 * no work at all has no total, not 100). Approved rewards and penalties add or take points from
 * the total (`final`, kept within 0–100).
 */

export const APPRAISAL_PARTS = ['inspection', 'sla', 'rating', 'complaints'] as const;
export type AppraisalPart = (typeof APPRAISAL_PARTS)[number];

export interface AppraisalWeights {
  inspection: number;
  sla: number;
  rating: number;
  complaints: number;
  /** Points taken from the complaints part per complaint. */
  complaintDeduction: number;
}

/** What a company that set nothing gets. */
export const DEFAULT_WEIGHTS: AppraisalWeights = { inspection: 40, sla: 30, rating: 20, complaints: 10, complaintDeduction: 20 };

/** The raw figures of one staff member's month. */
export interface AppraisalFigures {
  inspectionScores: readonly number[];
  limitsMet: number;
  limitsLate: number;
  /** Return-visit scores, 1–5. */
  ratings: readonly number[];
  complaints: number;
  /** Approved rewards (+) and penalties (−), in points. */
  incentivePoints: number;
}

export interface AppraisalResult {
  parts: Record<AppraisalPart, number | null>;
  /** Weighted mean of the parts with data; null when no part has data. */
  total: number | null;
  /** The total with the approved rewards and penalties, kept within 0–100; null with the total. */
  final: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** The four parts of a month, each 0–100 or null without data (see the file's comment). */
export function appraisalParts(f: AppraisalFigures, weights: AppraisalWeights): Record<AppraisalPart, number | null> {
  const inspection = mean(f.inspectionScores);
  const limits = f.limitsMet + f.limitsLate;
  const rating = mean(f.ratings);
  const other = inspection !== null || limits > 0 || rating !== null;
  return {
    inspection: inspection === null ? null : round1(inspection),
    sla: limits ? round1((100 * f.limitsMet) / limits) : null,
    rating: rating === null ? null : round1((rating / 5) * 100),
    complaints: f.complaints > 0 || other ? Math.max(0, 100 - weights.complaintDeduction * f.complaints) : null,
  };
}

/** The weighted total of parts: parts without data (or weighted 0) leave the denominator. */
export function weightedTotal(parts: Record<AppraisalPart, number | null>, weights: AppraisalWeights): number | null {
  let sum = 0;
  let weight = 0;
  for (const p of APPRAISAL_PARTS) {
    const value = parts[p];
    if (value === null || weights[p] <= 0) continue;
    sum += value * weights[p];
    weight += weights[p];
  }
  return weight ? round1(sum / weight) : null;
}

/** One staff member's month: parts, total and the total with rewards and penalties. */
export function appraise(f: AppraisalFigures, weights: AppraisalWeights): AppraisalResult {
  const parts = appraisalParts(f, weights);
  const total = weightedTotal(parts, weights);
  return { parts, total, final: total === null ? null : round1(Math.min(100, Math.max(0, total + f.incentivePoints))) };
}

/** Whether weights sum to 100 (each 0–100, whole numbers). */
export const weightsSumTo100 = (w: Pick<AppraisalWeights, AppraisalPart>) => APPRAISAL_PARTS.reduce((s, p) => s + w[p], 0) === 100;

/** Which way a metric of an improvement measure gets better. */
export type MetricDirection = 'lower' | 'higher';

export interface EffectEvaluation {
  before: number | null;
  after: number | null;
  /** after − before; null when either is missing. */
  change: number | null;
  /** The change as a share of `before` (percent); null when `before` is 0 or missing. */
  changePercent: number | null;
  /** True when the metric moved the right way, false when it moved the wrong way or not at all, null without both figures. */
  improved: boolean | null;
}

/** Compares a metric before and after a measure over equal periods. */
export function evaluateEffect(before: number | null, after: number | null, direction: MetricDirection): EffectEvaluation {
  if (before === null || after === null) return { before, after, change: null, changePercent: null, improved: null };
  const change = round1(after - before);
  return {
    before,
    after,
    change,
    changePercent: before === 0 ? null : round1((100 * (after - before)) / Math.abs(before)),
    improved: direction === 'lower' ? after < before : after > before,
  };
}

/** The first and the day after the last local date of a month `YYYY-MM`. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}
