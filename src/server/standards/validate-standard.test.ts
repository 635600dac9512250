import { describe, expect, it } from 'vitest';
import { serviceStandardSchema, type ServiceStandardInput } from './definition';
import { checkStandard, standardProblemMessage, validateStandard, type StandardProblem } from './validate-standard';

const name = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

function base(): ServiceStandardInput {
  return {
    key: 'sample',
    name: name('示例', 'Sample'),
    scope: name('示例范围', 'Sample scope'),
    minLevel: '1',
    intakeRoles: ['service_desk'],
    initialState: 'open',
    states: [
      { key: 'open', type: 'open', name: name('待处理', 'Open') },
      { key: 'doing', type: 'in_progress', name: name('处理中', 'Doing') },
      { key: 'done', type: 'closed', name: name('完成', 'Done') },
    ],
    transitions: [
      { key: 'start', name: name('开始', 'Start'), from: ['open'], to: 'doing', roles: ['technician'] },
      { key: 'finish', name: name('完成', 'Finish'), from: ['doing'], to: 'done', roles: ['technician'] },
    ],
    timeLimits: [
      {
        key: 'finish_in',
        name: name('时限', 'Limit'),
        duration: { minutes: 60 },
        calendar: 'business',
        startOn: [{ state: 'open' }],
        stopOn: [{ transition: 'finish' }],
      },
    ],
  };
}

function problemsOf(input: ServiceStandardInput): StandardProblem[] {
  return validateStandard(serviceStandardSchema.parse(input));
}

function codes(input: ServiceStandardInput): string[] {
  return problemsOf(input).map((p) => `${p.path} ${p.code}`);
}

describe('validateStandard', () => {
  it('accepts a consistent standard', () => {
    expect(problemsOf(base())).toEqual([]);
  });

  it('reports unknown states in transitions and the initial state', () => {
    const s = base();
    s.transitions[0]!.to = 'nowhere';
    s.transitions[1]!.from = ['doing', 'ghost'];
    expect(codes(s)).toEqual(
      expect.arrayContaining(['transitions.0.to unknown_state', 'transitions.1.from.1 unknown_state', 'states.1.key unreachable_state']),
    );
    expect(codes({ ...base(), initialState: 'missing' })).toContain('initialState unknown_state');
  });

  it('reports unreachable states and dead ends', () => {
    const s = base();
    s.states.push({ key: 'island', type: 'waiting', name: name('孤岛', 'Island') });
    expect(codes(s)).toEqual(['states.3.key unreachable_state']);
    const t = base();
    t.transitions.pop();
    expect(codes(t)).toEqual(expect.arrayContaining(['states.1.key dead_end_state', 'states.2.key unreachable_state']));
  });

  it('reports a transition no role may take', () => {
    const s = base();
    s.transitions[1]!.roles = [];
    expect(codes(s)).toEqual(
      expect.arrayContaining(['transitions.1.roles transition_without_roles', 'states.2.key unreachable_state']),
    );
  });

  it('reports non-positive durations and working days on a 24x7 clock', () => {
    const s = base();
    s.timeLimits![0]!.duration = { minutes: 0 };
    expect(codes(s)).toEqual(['timeLimits.0.duration non_positive_duration']);
    s.timeLimits![0]!.duration = { minutes: -5 };
    expect(codes(s)).toEqual(['timeLimits.0.duration non_positive_duration']);
    s.timeLimits![0] = { ...s.timeLimits![0]!, duration: { workingDays: 2 }, calendar: '24x7' };
    expect(codes(s)).toEqual(['timeLimits.0.duration working_days_need_business_calendar']);
  });

  it('rejects a missing time limit duration at the schema', () => {
    const s = base() as { timeLimits: Record<string, unknown>[] };
    delete s.timeLimits[0]!.duration;
    const result = checkStandard(s);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatchObject({ path: 'timeLimits.0.duration', code: 'invalid_value' });
  });

  it('reports duplicate keys', () => {
    const s = base();
    s.transitions.push({ ...s.transitions[0]! });
    s.states.push({ ...s.states[0]! });
    expect(codes(s)).toEqual(expect.arrayContaining(['states.3.key duplicate_key', 'transitions.2.key duplicate_key']));
  });

  it('requires an end state', () => {
    const s = base();
    s.states[2]!.type = 'completed';
    expect(codes(s)).toEqual(expect.arrayContaining(['states no_terminal_state', 'states.2.key dead_end_state']));
  });

  it('reports timers on unknown states and transitions, and unknown override and escalation limits', () => {
    const s = base();
    s.timeLimits![0]!.startOn = [{ state: 'limbo' }];
    s.timeLimits![0]!.stopOn = [{ transition: 'teleport' }];
    s.levelOverrides = { '2': { nope: { duration: { minutes: 5 } } }, '3': { finish_in: { duration: { minutes: -1 } } } };
    s.escalations = [{ key: 'up', limit: 'ghost', atShare: 1.5, notify: ['company_admin'], name: name('上报', 'Up') }];
    expect(codes(s)).toEqual([
      'timeLimits.0.startOn.0.state unknown_state',
      'timeLimits.0.stopOn.0.transition unknown_transition',
      'levelOverrides.2.nope unknown_time_limit',
      'levelOverrides.3.finish_in.duration non_positive_duration',
      'escalations.0.limit unknown_time_limit',
    ]);
  });

  it('reports a record bound to a role that cannot take the transition', () => {
    const s = base();
    s.transitions[0]!.records = [{ kind: 'field', name: 'channel', requiredFor: ['service_desk'] }];
    expect(codes(s)).toEqual(['transitions.0.records.0.requiredFor.0 record_role_not_allowed']);
  });

  it('rejects a terminal initial state', () => {
    expect(codes({ ...base(), initialState: 'done' })).toContain('initialState terminal_initial_state');
  });
});

describe('standardProblemMessage', () => {
  it('renders every problem in both languages', () => {
    const problem: StandardProblem = { path: 'states.3.key', code: 'unreachable_state', params: { key: 'island' } };
    expect(standardProblemMessage(problem, 'zh-CN')).toBe('从初始状态无法到达状态“island”');
    expect(standardProblemMessage(problem, 'en-US')).toBe('The state "island" cannot be reached from the initial state');
    const missing: StandardProblem = { path: 'photos.before', code: 'record_missing', params: { kind: 'photo', name: 'before', min: 1 } };
    expect(standardProblemMessage(missing, 'zh-CN')).toBe('缺少照片“before”（至少 1）');
    expect(standardProblemMessage(missing, 'en-US')).toBe('The photo "before" is missing (at least 1)');
  });
});
