import { describe, expect, it } from 'vitest';
import { autoAdvanceDelayMs, serviceStandardSchema, type ServiceStandardInput } from './definition';
import { loadDefaultLibrary } from './library';
import { standardProblemMessage, validateStandard } from './validate-standard';

const name = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

function sample(autoAdvance: ServiceStandardInput['autoAdvance'], records: ServiceStandardInput['transitions'][number]['records'] = []): ServiceStandardInput {
  return {
    key: 'sample',
    name: name('示例', 'Sample'),
    scope: name('示例范围', 'Sample scope'),
    minLevel: '1',
    intakeRoles: ['service_desk'],
    initialState: 'open',
    states: [
      { key: 'open', type: 'open', name: name('待处理', 'Open') },
      { key: 'done', type: 'completed', name: name('已完成', 'Done') },
      { key: 'closed', type: 'closed', name: name('关闭', 'Closed') },
    ],
    transitions: [
      { key: 'finish', name: name('完成', 'Finish'), from: ['open'], to: 'done', roles: ['technician'] },
      { key: 'close', name: name('关闭', 'Close'), from: ['done'], to: 'closed', roles: ['project_manager'], records },
    ],
    autoAdvance,
  };
}

describe('autoAdvance rules', () => {
  it('accepts a rule whose transition leaves the state, has one target and needs no records', () => {
    expect(validateStandard(serviceStandardSchema.parse(sample([{ from: 'done', after: { days: 7 }, transition: 'close' }])))).toEqual([]);
  });

  it('rejects unknown states and transitions, transitions from elsewhere and transitions that need records', () => {
    const problems = validateStandard(
      serviceStandardSchema.parse(
        sample(
          [
            { from: 'nowhere', after: { days: 1 }, transition: 'close' },
            { from: 'done', after: { days: 1 }, transition: 'vanish' },
            { from: 'open', after: { minutes: 5 }, transition: 'close' },
          ],
          [{ kind: 'field', name: 'reason' }],
        ),
      ),
    );
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      'autoAdvance.0.from unknown_state',
      'autoAdvance.0.transition auto_advance_not_automatic',
      'autoAdvance.1.transition unknown_transition',
      'autoAdvance.2.transition auto_advance_not_automatic',
    ]);
    expect(standardProblemMessage(problems[1]!, 'zh-CN')).toContain('自动流转');
    expect(standardProblemMessage(problems[1]!, 'en-US')).toContain('automatic transition "close"');
  });

  it('refuses a non-positive delay in the schema', () => {
    expect(serviceStandardSchema.safeParse(sample([{ from: 'done', after: { days: 0 }, transition: 'close' }])).success).toBe(false);
  });

  it('closes unconfirmed repairs of the default library after 7 days', () => {
    const repair = loadDefaultLibrary().standards.get('repair')!;
    expect(repair.autoAdvance).toEqual([{ from: 'completed', after: { days: 7 }, transition: 'auto-close' }]);
    expect(autoAdvanceDelayMs(repair.autoAdvance[0]!)).toBe(7 * 86_400_000);
  });
});
