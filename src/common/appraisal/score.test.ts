import { describe, expect, it } from 'vitest';
import { appraisalParts, appraise, DEFAULT_WEIGHTS, evaluateEffect, monthBounds, weightedTotal, weightsSumTo100 } from './score';

const none = { inspectionScores: [], limitsMet: 0, limitsLate: 0, ratings: [], complaints: 0, incentivePoints: 0 };
const w = { inspection: 40, sla: 30, rating: 20, complaints: 10, complaintDeduction: 20 };

describe('appraisal arithmetic', () => {
  it('computes each part from the month’s figures', () => {
    const parts = appraisalParts({ inspectionScores: [80, 90], limitsMet: 3, limitsLate: 1, ratings: [5, 4], complaints: 2, incentivePoints: 0 }, w);
    expect(parts).toEqual({ inspection: 85, sla: 75, rating: 90, complaints: 60 });
  });

  it('weights every part when all have data', () => {
    // (85·40 + 75·30 + 90·20 + 60·10) / 100
    expect(appraise({ inspectionScores: [80, 90], limitsMet: 3, limitsLate: 1, ratings: [5, 4], complaints: 2, incentivePoints: 0 }, w).total).toBe(80.5);
  });

  it('leaves a part without data out of the denominator, like N/A', () => {
    // A guard with inspections and one complaint, no work orders and no ratings: (70·40 + 80·10) / 50.
    const r = appraise({ ...none, inspectionScores: [70], complaints: 1 }, w);
    expect(r.parts).toEqual({ inspection: 70, sla: null, rating: null, complaints: 80 });
    expect(r.total).toBe(72);
  });

  it('has no total for a month without any data, and counts complaints alone when there are some', () => {
    expect(appraise(none, w)).toEqual({ parts: { inspection: null, sla: null, rating: null, complaints: null }, total: null, final: null });
    expect(appraise({ ...none, complaints: 6 }, w)).toMatchObject({ parts: { complaints: 0 }, total: 0 });
  });

  it('ignores a part weighted 0 and applies rewards and penalties within 0–100', () => {
    const zeroSla = { ...w, inspection: 70, sla: 0 };
    expect(weightedTotal({ inspection: 90, sla: 10, rating: null, complaints: 100 }, zeroSla)).toBe(91.3);
    expect(appraise({ ...none, inspectionScores: [98], incentivePoints: 5 }, w).final).toBe(100);
    // (50·40 + 100·10) / 50 = 60, less 3 points.
    expect(appraise({ ...none, inspectionScores: [50], incentivePoints: -3 }, w)).toMatchObject({ total: 60, final: 57 });
  });

  it('checks that the weights add up to 100', () => {
    expect(weightsSumTo100(DEFAULT_WEIGHTS)).toBe(true);
    expect(weightsSumTo100({ inspection: 50, sla: 30, rating: 20, complaints: 10 })).toBe(false);
  });
});

describe('effect of an improvement measure', () => {
  it('compares before and after in the metric’s direction', () => {
    expect(evaluateEffect(4, 1, 'lower')).toEqual({ before: 4, after: 1, change: -3, changePercent: -75, improved: true });
    expect(evaluateEffect(80, 78, 'higher')).toMatchObject({ change: -2, improved: false });
    expect(evaluateEffect(0, 2, 'lower')).toMatchObject({ changePercent: null, improved: false });
    expect(evaluateEffect(null, 2, 'lower')).toMatchObject({ change: null, improved: null });
  });

  it('bounds a month by its first day and the first day of the next', () => {
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(monthBounds('2026-02')).toEqual({ from: '2026-02-01', to: '2026-03-01' });
  });
});
