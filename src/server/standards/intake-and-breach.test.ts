import { describe, expect, it } from 'vitest';
import { serviceStandardSchema, systemTransitions, type ServiceStandardInput } from './definition';
import { openWork } from './engine';
import { loadDefaultLibrary } from './library';
import { standardProblemMessage, validateStandard } from './validate-standard';

const name = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

function pass(overrides: Partial<ServiceStandardInput> = {}): ServiceStandardInput {
  return {
    key: 'pass',
    name: name('通行证', 'Pass'),
    scope: name('示例范围', 'Sample scope'),
    minLevel: '1',
    intakeRoles: ['resident', 'guard'],
    intakeRecords: [{ kind: 'field', name: 'confirmed_by', requiredFor: ['guard'] }],
    initialState: 'valid',
    states: [
      { key: 'valid', type: 'open', name: name('有效', 'Valid') },
      { key: 'used', type: 'closed', name: name('已使用', 'Used') },
      { key: 'expired', type: 'cancelled', name: name('已过期', 'Expired') },
    ],
    transitions: [
      { key: 'use', name: name('使用', 'Use'), from: ['valid'], to: 'used', roles: ['guard'] },
      { key: 'expire', name: name('过期', 'Expire'), from: ['valid'], to: 'expired', roles: ['guard'] },
    ],
    timeLimits: [
      {
        key: 'validity',
        name: name('有效期', 'Validity'),
        duration: { minutes: 60 },
        calendar: '24x7',
        startOn: [{ state: 'valid' }],
        stopOn: [{ state: 'used' }],
        deadlineField: 'valid_until',
        onBreach: 'expire',
      },
    ],
    ...overrides,
  };
}

describe('intake records', () => {
  const standard = serviceStandardSchema.parse(pass());

  it('binds a record only for the intake roles it names', () => {
    expect(openWork({ standard, roles: ['resident'], facts: {} }).ok).toBe(true);
    const refused = openWork({ standard, roles: ['guard'], facts: {} });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.map((p) => `${p.path} ${p.code}`)).toEqual(['fields.confirmed_by record_missing']);
    expect(openWork({ standard, roles: ['guard'], facts: {} }, { fields: { confirmed_by: '业主本人电话确认' } }).ok).toBe(true);
  });

  it('sets the deadline of a limit from a field recorded at intake, and refuses a bad instant', () => {
    const opened = openWork({ standard, roles: ['resident'], facts: {} }, { fields: { valid_until: '2026-05-01T18:00:00+08:00' } });
    expect(opened.ok && opened.timers.map((t) => t.action)).toEqual(['start', 'retarget']);
    if (opened.ok) expect(opened.timers[1]).toMatchObject({ limitKey: 'validity', dueAt: new Date('2026-05-01T10:00:00Z') });
    const bad = openWork({ standard, roles: ['resident'], facts: {} }, { fields: { valid_until: 'tomorrow' } });
    expect(!bad.ok && bad.problems[0]?.code).toBe('invalid_deadline');
  });

  it('refuses a requiredFor role that cannot open the work', () => {
    const problems = validateStandard(serviceStandardSchema.parse(pass({ intakeRecords: [{ kind: 'field', name: 'x', requiredFor: ['technician'] }] })));
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual(['intakeRecords.0.requiredFor.0 record_role_not_allowed']);
  });
});

describe('onBreach steps', () => {
  it('counts them among the system transitions', () => {
    expect([...systemTransitions(serviceStandardSchema.parse(pass()))]).toEqual(['expire']);
  });

  it('must name a transition with one target and no records', () => {
    const base = pass();
    const problems = validateStandard(
      serviceStandardSchema.parse({
        ...base,
        transitions: [base.transitions[0]!, { ...base.transitions[1]!, records: [{ kind: 'field', name: 'reason' }] }],
        timeLimits: [base.timeLimits![0]!, { ...base.timeLimits![0]!, key: 'other', onBreach: 'vanish' }],
      }),
    );
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      'timeLimits.0.onBreach breach_transition_not_automatic',
      'timeLimits.1.onBreach unknown_transition',
    ]);
    expect(standardProblemMessage(problems[0]!, 'zh-CN')).toContain('超时后自动执行');
  });

  it('expires unused visitor passes and release slips of the default library', () => {
    const lib = loadDefaultLibrary().standards;
    for (const key of ['visitor', 'goods_release']) {
      const standard = lib.get(key)!;
      expect(validateStandard(standard), key).toEqual([]);
      expect(systemTransitions(standard).has('expire'), key).toBe(true);
    }
  });
});
