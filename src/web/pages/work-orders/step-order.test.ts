import { describe, expect, it } from 'vitest';
import type { StandardVersion } from '../../api/standards';
import { asksForNothing, isCancelStep, primaryStep } from './step-order';

const name = { 'zh-CN': 'x', 'en-US': 'x' };
const state = (key: string, type: string) => ({ key, type, name, pausesTimers: false });
const standard = {
  definition: {
    states: [state('scheduled', 'in_progress'), state('arrived', 'in_progress'), state('gone', 'cancelled'), state('in_repair', 'in_progress')],
    transitions: [
      { key: 'schedule', name, from: ['scheduled'], to: 'scheduled', roles: ['technician'], records: [{ name: 'at', type: 'datetime', label: name, required: true }] },
      { key: 'arrive', name, from: ['scheduled'], to: 'arrived', roles: ['technician'], records: [] },
      { key: 'drop', name, from: ['scheduled'], to: 'gone', roles: ['technician'], records: [{ name: 'reason', type: 'text', label: name, required: true }] },
      { key: 'decide', name, from: ['arrived'], roles: ['technician'], records: [], outcomes: [{ when: { ok: true }, to: 'in_repair', records: [{ name: 'why', type: 'text', label: name, required: true }] }] },
    ],
  },
} as unknown as StandardVersion;

describe('which step a button offers', () => {
  it('puts first the step that moves the item on, not one that keeps it where it is or only cancels it', () => {
    expect(primaryStep(['schedule', 'arrive', 'drop'], 'scheduled', standard)).toBe('arrive');
    expect(primaryStep(['drop', 'schedule'], 'scheduled', standard)).toBe('schedule');
    expect(primaryStep(['drop'], 'scheduled', standard)).toBeNull();
    // Before the standard has loaded, the server's order stands.
    expect(primaryStep(['schedule', 'arrive'], 'scheduled', undefined)).toBe('schedule');
  });

  it('knows cancelling steps and steps that ask for nothing from the standard, not from their names', () => {
    expect(isCancelStep('drop', standard)).toBe(true);
    expect(isCancelStep('arrive', standard)).toBe(false);
    expect(asksForNothing('arrive', standard)).toBe(true);
    expect(asksForNothing('schedule', standard)).toBe(false);
    expect(asksForNothing('decide', standard)).toBe(false);
    expect(asksForNothing('unknown', standard)).toBe(false);
  });
});
