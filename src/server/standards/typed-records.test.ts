import { describe, expect, it } from 'vitest';
import { loadDefaultLibrary } from './library';
import { standardProblemMessage } from './problems';
import { checkStandard } from './validate-standard';
import type { ServiceStandard } from './definition';

// Validation of the typed records of a standard: each problem names its path, in both languages.

const repair = loadDefaultLibrary().standards.get('repair')!;

/** The repair standard with the records of its `accept` step replaced. */
function withAcceptRecords(records: unknown[], hooks: unknown[] = []): unknown {
  const copy = JSON.parse(JSON.stringify(repair)) as ServiceStandard;
  const i = copy.transitions.findIndex((t) => t.key === 'accept');
  return { ...copy, transitions: copy.transitions.map((t, j) => (j === i ? { ...t, records, hooks } : t)) };
}
const label = { 'zh-CN': '字段', 'en-US': 'Field' };
const at = repair.transitions.findIndex((t) => t.key === 'accept');

function problems(input: unknown) {
  const checked = checkStandard(input);
  return checked.ok ? [] : checked.problems.map((p) => ({ path: p.path, code: p.code, zh: standardProblemMessage(p, 'zh-CN'), en: standardProblemMessage(p, 'en-US') }));
}

describe('typed records of a standard', () => {
  it('accepts every shipped standard and a company field such as eta_minutes', () => {
    expect(problems(withAcceptRecords([{ name: 'eta_minutes', type: 'number', label, min: 1, max: 600, unit: { 'zh-CN': '分钟', 'en-US': 'minutes' } }]))).toEqual([]);
  });

  it('refuses an unknown type with the path of the record', () => {
    const found = problems(withAcceptRecords([{ name: 'eta', type: 'duration', label }]));
    expect(found.map((p) => p.path)).toContain(`transitions.${at}.records.0`);
  });

  it('refuses bad bounds, a choice without options, duplicate names and bounds of another type, each in both languages', () => {
    const found = problems(
      withAcceptRecords([
        { name: 'eta', type: 'number', label, min: 10, max: 5 },
        { name: 'photos', type: 'photo', label, min: -1 },
        { name: 'kind', type: 'choice', label },
        { name: 'eta', type: 'text', label },
        { name: 'note', type: 'text', label, options: [{ key: 'a', label }] },
      ]),
    );
    const base = `transitions.${at}.records`;
    expect(found.map((p) => [p.path, p.code])).toEqual(
      expect.arrayContaining([
        [`${base}.0.min`, 'record_bounds_inverted'],
        [`${base}.1.min`, 'record_negative_bound'],
        [`${base}.2.options`, 'record_options_missing'],
        [`${base}.3.name`, 'duplicate_record'],
        [`${base}.4.options`, 'record_bound_not_for_type'],
      ]),
    );
    const inverted = found.find((p) => p.code === 'record_bounds_inverted')!;
    expect(inverted.zh).toBe('记录“eta”的下限10大于上限5');
    expect(inverted.en).toBe('The record "eta" has a lower bound 10 above its upper bound 5');
  });

  it('refuses an unknown hook and hook parameters that name no record of the step', () => {
    expect(problems(withAcceptRecords([], [{ name: 'send_fax', params: {} }])).map((p) => p.path)).toContain(`transitions.${at}.hooks.0.name`);
    const found = problems(withAcceptRecords([{ name: 'reason', type: 'text', label }], [{ name: 'reason_on_change', params: { record: 'appointment_at', reason: 'reason' } }]));
    expect(found).toEqual([expect.objectContaining({ path: `transitions.${at}.hooks.0.params.record`, code: 'hook_params_invalid' })]);
  });
});
