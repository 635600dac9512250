import { describe, expect, it } from 'vitest';
import type { ServiceStandard } from '../../api/standards';
import { bothLanguages, insertStep, renameStates } from './step-edits';

const name = (zh: string) => ({ 'zh-CN': zh, 'en-US': zh });
const state = (key: string) => ({ key, type: 'in_progress' as const, name: name(key), pausesTimers: false });
const standard = {
  key: 'repair',
  states: [state('accepted'), state('scheduled'), state('arrived'), state('gone')],
  transitions: [
    { key: 'schedule', name: name('预约'), from: ['accepted', 'scheduled'], to: 'scheduled', roles: ['technician'], records: [] },
    { key: 'arrive', name: name('到场'), from: ['accepted', 'scheduled'], to: 'arrived', roles: ['technician'], records: [] },
    { key: 'cancel', name: name('取消'), from: ['accepted', 'scheduled'], to: 'gone', roles: ['service_desk'], records: [] },
  ],
} as unknown as ServiceStandard;

describe('the steps and states editor', () => {
  it('puts a new step before an existing one: it takes over where that step started, which now starts from the new state', () => {
    const out = insertStep(standard, {
      before: 'arrive',
      key: 'call-ahead',
      name: name('电话确认'),
      roles: ['service_desk'],
      state: { key: 'called', name: name('已电话确认'), type: 'waiting' },
    });
    expect(out.transitions.map((t) => t.key)).toEqual(['schedule', 'call-ahead', 'arrive', 'cancel']);
    expect(out.transitions[1]).toEqual({ key: 'call-ahead', name: name('电话确认'), from: ['accepted', 'scheduled'], to: 'called', roles: ['service_desk'], records: [], hooks: [] });
    expect(out.transitions[2]!.from).toEqual(['called']);
    // Steps that left the same states stay where they were.
    expect(out.transitions[0]!.from).toEqual(['accepted', 'scheduled']);
    expect(out.transitions[3]!.from).toEqual(['accepted', 'scheduled']);
    // The new state sits after the last state the step started from.
    expect(out.states.map((s) => s.key)).toEqual(['accepted', 'scheduled', 'called', 'arrived', 'gone']);
    expect(out.states[2]).toEqual({ key: 'called', type: 'waiting', name: name('已电话确认'), pausesTimers: false });
    expect(standard.transitions[1]!.from).toEqual(['accepted', 'scheduled']);
    expect(() => insertStep(standard, { before: 'nope', key: 'x', name: name('x'), roles: [], state: { key: 'y', name: name('y'), type: 'open' } })).toThrow();
  });

  it('renames states by key and keeps their keys; English falls back to the Chinese name', () => {
    const out = renameStates(standard, { arrived: bothLanguages(' 师傅已到 ', ''), nope: name('x') });
    expect(out.states.map((s) => s.key)).toEqual(['accepted', 'scheduled', 'arrived', 'gone']);
    expect(out.states[2]!.name).toEqual({ 'zh-CN': '师傅已到', 'en-US': '师傅已到' });
    expect(out.states[0]!.name).toEqual(name('accepted'));
  });
});
