import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InspectionTemplate, ItemAnswer } from '../../../common/quality/template';
import { scoreInspection } from './scoring';
import { DEFAULT_INSPECTIONS_DIR } from './library';
import { checkTemplate, loadInspectionLibrary, templateProblemMessage } from './template';

const lib = loadInspectionLibrary(join(__dirname, 'fixtures'));
const gate = lib.templates.get('gate_check')!;
const answers = (entries: Record<string, ItemAnswer>) => new Map(Object.entries(entries));
const allPass = (t: InspectionTemplate): Record<string, ItemAnswer> =>
  Object.fromEntries(
    t.categories.flatMap((c) =>
      c.items.map((i) => [`${c.key}.${i.key}`, i.answer === 'score' ? { score: i.points } : i.answer === 'number' ? { value: 100 } : i.answer === 'text' ? { text: '无' } : { result: 'pass' as const }]),
    ),
  );

describe('the inspection library', () => {
  it('materialises category references and applies the defaults', () => {
    expect(gate.categories.map((c) => c.key)).toEqual(['pedestrian_gate', 'gate_post', 'staff_grooming']);
    const grooming = gate.categories[0]!.items[0]!;
    expect(grooming).toMatchObject({ answer: 'pass_fail', points: 5, weight: 1, critical: false, photoOnFail: true, severity: 'minor', minLevel: '1' });
    expect(lib.templates.get('desk_check')!.categories[1]!.key).toBe('desk_reception');
  });
});

describe('the default library (standards/inspections)', () => {
  it('loads: 20 window categories, at least 150 items, five templates that each score 100 when all passes', () => {
    const library = loadInspectionLibrary(DEFAULT_INSPECTIONS_DIR);
    expect(library.categories.size).toBe(20);
    const items = [...library.categories.values()].reduce((n, c) => n + c.items.length, 0);
    expect(items).toBeGreaterThanOrEqual(150);
    expect([...library.templates.keys()].sort()).toEqual(['clubhouse', 'public_areas', 'window_desk', 'window_gate', 'window_parking']);
    for (const template of library.templates.values()) {
      const passing = Object.fromEntries(
        template.categories.flatMap((c) =>
          c.items.map((i) => [`${c.key}.${i.key}`, i.answer === 'score' ? { score: i.points } : i.answer === 'number' ? { value: i.pass?.min ?? i.pass?.max ?? i.min ?? 0 } : i.answer === 'text' ? { text: '无' } : { result: 'pass' as const }]),
        ),
      );
      expect(scoreInspection(template, answers(passing), '3').total, template.key).toBe(100);
    }
  });
});

describe('scoring', () => {
  it('gives 100 when everything passes and leaves text and N/A out of the denominator', () => {
    expect(scoreInspection(gate, answers(allPass(gate)), '1').total).toBe(100);
    const a = allPass(gate);
    a['pedestrian_gate.guard_grooming'] = { result: 'na' };
    a['staff_grooming.badge_worn'] = { result: 'na' };
    expect(scoreInspection(gate, answers(a), '1').total).toBe(100);
  });

  it('weighs items within a category and categories within the total', () => {
    const a = allPass(gate);
    // greets_residents has weight 2 of a category worth 5+10+5+5 = 25 weighted points.
    a['pedestrian_gate.greets_residents'] = { result: 'fail' };
    const s = scoreInspection(gate, answers(a), '1');
    expect(s.categories[0]).toMatchObject({ key: 'pedestrian_gate', score: 60, failedItems: ['greets_residents'] });
    // Categories: pedestrian_gate 60 (weight 1), gate_post 100 (weight 2), staff_grooming 100 (weight 1).
    expect(s.total).toBe(90);
  });

  it('counts a score item by what it was given and a number by its pass range', () => {
    const a = allPass(gate);
    a['gate_post.booth_tidy'] = { score: 4 };
    a['gate_post.night_lighting'] = { value: 20 };
    const s = scoreInspection(gate, answers(a), '1');
    // gate_post at level 1: booth 4/10, lighting 0/5, logbook 5/5 -> 9/20.
    expect(s.categories[1]).toMatchObject({ score: 45, failedItems: ['booth_tidy', 'night_lighting'] });
  });

  it('zeroes the category of a failed critical item', () => {
    const a = allPass(gate);
    a['pedestrian_gate.checks_visitors'] = { result: 'fail' };
    const s = scoreInspection(gate, answers(a), '1');
    expect(s.categories[0]!.score).toBe(0);
    expect(s.total).toBe(75);
  });

  it('leaves out items above the community level', () => {
    const a = allPass(gate);
    a['gate_post.parasol_in_place'] = { result: 'fail' };
    expect(scoreInspection(gate, answers(a), '1').categories[1]).toMatchObject({ score: 100, failedItems: [] });
    expect(scoreInspection(gate, answers(a), '2').categories[1]).toMatchObject({ score: 80, failedItems: ['parasol_in_place'] });
  });

  it('has no total when nothing was scored, and skips categories without a scored item', () => {
    expect(scoreInspection(gate, answers({}), '1').total).toBeNull();
    const s = scoreInspection(gate, answers({ 'staff_grooming.badge_worn': { result: 'fail' }, 'staff_grooming.no_phone': { result: 'pass' } }), '1');
    expect(s.total).toBe(50);
  });
});

describe('template checks', () => {
  const base = { key: 'x', name: { 'zh-CN': '检查', 'en-US': 'Check' }, post: 'gate', rectification: { minor: { workingDays: 3 }, major: { workingDays: 1 }, critical: { minutes: 60 } } };
  const item = (extra: Record<string, unknown>) => ({ key: 'a', text: { 'zh-CN': '项', 'en-US': 'Item' }, ...extra });
  const problemsOf = (input: unknown) => {
    const r = checkTemplate(input, lib.categories);
    if (r.ok) throw new Error('expected problems');
    return Object.fromEntries(r.problems.map((p) => [p.path, p]));
  };

  it('names the field of each problem, in both languages', () => {
    const p = problemsOf({
      ...base,
      post: 'roof',
      rectification: { ...base.rectification, minor: { workingDays: 0 } },
      categories: [
        'no_such_category',
        'staff_grooming',
        'staff_grooming',
        {
          key: 'inline',
          name: { 'zh-CN': '内联', 'en-US': 'Inline' },
          items: [
            item({ answer: 'stars' }),
            item({ answer: 'number', min: 10, max: 5, pass: { min: 1 } }),
            item({ key: 'b', answer: 'number', min: 0, max: 100, pass: { min: 200 } }),
            item({ key: 'c', points: 0 }),
            item({ key: 'd', answer: 'number' }),
            item({ key: 'e', pass: { min: 1 } }),
          ],
        },
      ],
    });
    expect(Object.keys(p).sort()).toEqual([
      'categories.0',
      'categories.2',
      'categories.3.items.0.answer',
      'categories.3.items.1.key',
      'categories.3.items.1.max',
      'categories.3.items.1.pass.min',
      'categories.3.items.2.pass.min',
      'categories.3.items.3.points',
      'categories.3.items.4.pass',
      'categories.3.items.5.pass',
      'post',
      'rectification.minor',
    ]);
    expect(templateProblemMessage(p['categories.0']!, 'zh-CN')).toBe('分类库中没有“no_such_category”');
    expect(templateProblemMessage(p['categories.3.items.0.answer']!, 'en-US')).toContain('Unknown answer type "stars"');
    expect(templateProblemMessage(p['categories.3.items.2.pass.min']!, 'zh-CN')).toBe('合格范围须在 0 到 100 之间');
  });

  it('accepts a stored version with inline categories as it is', () => {
    const r = checkTemplate({ ...gate }, new Map());
    expect(r.ok).toBe(true);
  });
});
