import { describe, expect, it } from 'vitest';
import type { Role } from '../../common/roles';
import { categoryFacts, effectiveTimeLimits, type Facts } from './definition';
import { applyTransition, availableTransitions, openWork, type TimerAction, type TimerSnapshot, type TransitionInput } from './engine';
import { loadDefaultLibrary } from './library';

const library = loadDefaultLibrary();
const repair = library.standards.get('repair')!;
const complaint = library.standards.get('complaint')!;
const inquiry = library.standards.get('inquiry')!;

function summary(actions: TimerAction[]): string[] {
  return actions.map((a) => `${a.action} ${a.limitKey}`);
}

/** Applies the timer actions to a list of snapshots, as the work-order module would. */
function track(timers: TimerSnapshot[], actions: TimerAction[]): TimerSnapshot[] {
  const next = new Map(timers.map((t) => [t.limitKey, t.status]));
  for (const a of actions) {
    if (a.action === 'start' || a.action === 'resume') next.set(a.limitKey, 'running');
    if (a.action === 'pause') next.set(a.limitKey, 'paused');
    if (a.action === 'stop') next.set(a.limitKey, 'met');
    if (a.action === 'cancel') next.set(a.limitKey, 'cancelled');
  }
  return [...next].map(([limitKey, status]) => ({ limitKey, status }));
}

describe('repair flow', () => {
  const routine: Facts = { paid: false, ...categoryFacts(repair, 'plumbing') };
  const emergency: Facts = { ...categoryFacts(repair, 'leak') };

  it('opens routine and emergency work with their own timers', () => {
    const r = openWork({ standard: repair, roles: ['service_desk'], facts: routine });
    expect(r.ok && r.to).toBe('submitted');
    expect(r.ok && summary(r.timers)).toEqual(['start first_contact', 'start arrival', 'start completion']);
    const e = openWork({ standard: repair, roles: ['resident'], facts: emergency });
    expect(e.ok && summary(e.timers)).toEqual(['start emergency_contact', 'start emergency_arrival']);
    const startAction = e.ok ? e.timers[0] : undefined;
    expect(startAction?.action === 'start' && startAction.limit).toMatchObject({ duration: { minutes: 10 }, calendar: '24x7' });
    expect(openWork({ standard: repair, roles: ['technician'], facts: routine })).toMatchObject({
      ok: false,
      problems: [{ code: 'role_not_allowed' }],
    });
  });

  it('runs a paid repair from intake to closing, with a rejection in between', () => {
    const facts: Facts = { ...routine, paid: true };
    let state = 'submitted';
    let timers: TimerSnapshot[] = [];
    let rejections = 0;
    const opened = openWork({ standard: repair, roles: ['service_desk'], facts });
    if (opened.ok) timers = track(timers, opened.timers);
    const step = (key: string, roles: Role[], input: TransitionInput = {}) => {
      const result = applyTransition({ standard: repair, state, roles, facts, timers }, key, input);
      if (!result.ok) throw new Error(`${key}: ${JSON.stringify(result.problems)}`);
      state = result.to;
      timers = track(timers, result.timers);
      rejections += result.counters.filter((c) => c === 'rejections').length;
      return summary(result.timers);
    };
    expect(step('dispatch', ['dispatcher'], { fields: { technician: 'u-7' } })).toEqual([]);
    expect(step('accept', ['technician'])).toEqual([]);
    expect(step('schedule', ['technician'], { fields: { appointment_at: '2025-03-04T09:00:00+08:00' } })).toEqual([
      'stop first_contact',
      'retarget arrival',
    ]);
    expect(step('arrive', ['technician'], { photos: { before: 2 } })).toEqual(['stop arrival']);
    expect(availableTransitions({ standard: repair, state, roles: ['technician'], facts }).map((t) => t.key)).toEqual(['quote', 'start-free']);
    expect(step('quote', ['technician'], { fields: { diagnosis: '阀门老化', amount: 8000, price_basis: '价目表第 3 项' } })).toEqual([
      'pause completion',
    ]);
    expect(state).toBe('quoted');
    expect(step('consent', ['resident'], { fields: { approved: true } })).toEqual(['resume completion']);
    expect(step('complete', ['technician'], { fields: { work_done: '更换阀门' }, photos: { after: 1 } })).toEqual([
      'stop completion',
    ]);
    expect(step('confirm', ['resident'], { fields: { approved: false, reason: '仍然滴水' } })).toEqual([]);
    expect(state).toBe('in_repair');
    expect(rejections).toBe(1);
    step('complete', ['technician'], { fields: { work_done: '重新密封' }, photos: { after: 1 } });
    expect(step('confirm', ['service_desk'], { fields: { approved: true, channel: 'phone', call_note: '业主电话确认已修好' } })).toEqual(['start return_visit']);
    expect(step('return-visit', ['service_desk'], { fields: { satisfaction: 5, channel: 'phone' } })).toEqual(['stop return_visit']);
    expect(state).toBe('closed');
  });

  it('lets the technician on site quote any repair; work marked paid starts without a quote only as free work with a reason', () => {
    const ctx = { standard: repair, state: 'arrived', roles: ['technician'] as Role[] };
    expect(availableTransitions({ ...ctx, facts: { paid: true } }).map((t) => t.key)).toEqual(['quote', 'start-free']);
    expect(availableTransitions({ ...ctx, facts: {} }).map((t) => t.key)).toEqual(['quote', 'start']);
    expect(applyTransition({ ...ctx, facts: { paid: true } }, 'start', { fields: { diagnosis: '保修期内' } })).toMatchObject({ ok: false, problems: [{ code: 'condition_not_met' }] });
    const free = applyTransition({ ...ctx, facts: { paid: true } }, 'start-free', { fields: { diagnosis: '阀芯老化' } });
    expect(!free.ok && free.problems.map((p) => p.path)).toEqual(['fields.free_reason']);
    expect(applyTransition({ ...ctx, facts: { paid: true } }, 'start-free', { fields: { diagnosis: '阀芯老化', free_reason: '保修期内' } })).toMatchObject({ ok: true, to: 'in_repair' });
  });

  it('stops the clocks while an order is on hold but runs the hold review until it resumes', () => {
    const facts: Facts = { ...routine };
    let timers: TimerSnapshot[] = [];
    const opened = openWork({ standard: repair, roles: ['service_desk'], facts });
    if (opened.ok) timers = track(timers, opened.timers);
    const step = (state: string, key: string, roles: Role[], input: TransitionInput = {}) => {
      const result = applyTransition({ standard: repair, state, roles, facts, timers }, key, input);
      if (!result.ok) throw new Error(`${key}: ${JSON.stringify(result.problems)}`);
      timers = track(timers, result.timers);
      return { to: result.to, timers: summary(result.timers) };
    };
    step('submitted', 'dispatch', ['dispatcher'], { fields: { technician: 'u-7' } });
    step('dispatched', 'accept', ['technician']);
    const held = step('accepted', 'pause', ['technician'], { fields: { hold_reason: 'parts', resume_at: '2025-03-06T09:00:00+08:00' } });
    expect(held.to).toBe('on_hold');
    expect(held.timers).toEqual(['start hold_review', 'pause first_contact', 'pause arrival', 'pause completion', 'retarget hold_review']);
    const resumed = step('on_hold', 'resume', ['dispatcher']);
    expect(resumed).toEqual({ to: 'accepted', timers: ['stop hold_review', 'resume first_contact', 'resume arrival', 'resume completion'] });
    // Handed back to dispatch by the technician; another technician takes it over.
    expect(step('accepted', 'return', ['technician'], { fields: { reason: '不具备燃气资质' } }).to).toBe('submitted');
    expect(repair.transitions.find((t) => t.key === 'return')!.unassigns).toBe(true);
    expect(step('submitted', 'dispatch', ['dispatcher'], { fields: { technician: 'u-8' } }).to).toBe('dispatched');
    const refused = applyTransition({ standard: repair, state: 'dispatched', roles: ['dispatcher'], facts, timers }, 'reassign', { fields: { technician: 'u-9' } });
    expect(!refused.ok && refused.problems.map((p) => p.path)).toEqual(['fields.reason']);
  });

  it('sends a return visit rated 1 or 2 to the project manager before it closes', () => {
    const ctx = { standard: repair, state: 'confirmed', facts: routine, roles: ['resident'] as Role[] };
    expect(applyTransition(ctx, 'return-visit', { fields: { satisfaction: 2 } })).toMatchObject({ ok: true, to: 'follow_up' });
    expect(applyTransition(ctx, 'return-visit', { fields: { satisfaction: 3 } })).toMatchObject({ ok: true, to: 'closed' });
    const followUp = applyTransition({ ...ctx, state: 'follow_up', roles: ['project_manager'] }, 'follow-up', { fields: { finding: '上门迟到', measure: '约谈技工', channel: 'phone' } });
    expect(followUp).toMatchObject({ ok: true, to: 'closed' });
    expect(applyTransition({ ...ctx, state: 'follow_up', roles: ['service_desk'] }, 'follow-up', {})).toMatchObject({ ok: false });
  });

  it('offers a transition only when its condition holds on the facts', () => {
    const paidOnly = {
      ...repair,
      transitions: repair.transitions.map((t) => (t.key === 'quote' ? { ...t, when: { paid: true } } : t)),
    };
    const ctx = { standard: paidOnly, state: 'arrived', roles: ['technician'] as Role[] };
    expect(availableTransitions({ ...ctx, facts: { paid: true } }).map((t) => t.key)).toEqual(['quote', 'start-free']);
    expect(availableTransitions({ ...ctx, facts: {} }).map((t) => t.key)).toEqual(['start']);
    expect(applyTransition({ ...ctx, facts: {} }, 'quote', {})).toMatchObject({ ok: false, problems: [{ code: 'condition_not_met' }] });
  });

  it('reports every missing record with a field path', () => {
    const result = applyTransition({ standard: repair, state: 'in_repair', roles: ['technician'], facts: routine }, 'complete', {
      fields: { work_done: '  ' },
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'fields.work_done', code: 'record_missing', params: { kind: 'field', name: 'work_done' } },
        { path: 'photos.after', code: 'record_missing', params: { kind: 'photo', name: 'after', min: 1 } },
      ],
    });
  });

  it('asks the desk for the channel and the owner for a signature when confirming; by phone the desk records the call instead', () => {
    const ctx = { standard: repair, state: 'completed', facts: routine };
    const desk = applyTransition({ ...ctx, roles: ['service_desk'] }, 'confirm', { fields: { approved: true } });
    expect(!desk.ok && desk.problems.map((p) => p.path)).toEqual(['fields.channel', 'signatures.owner']);
    const byPhone = applyTransition({ ...ctx, roles: ['service_desk'] }, 'confirm', { fields: { approved: true, channel: 'phone' } });
    expect(!byPhone.ok && byPhone.problems.map((p) => p.path)).toEqual(['fields.call_note']);
    expect(applyTransition({ ...ctx, roles: ['service_desk'] }, 'confirm', { fields: { approved: true, channel: 'phone', call_note: '业主说已修好' } })).toMatchObject({ ok: true });
    const onSite = applyTransition({ ...ctx, roles: ['service_desk'] }, 'confirm', { fields: { approved: true, channel: 'walk_in' } });
    expect(!onSite.ok && onSite.problems.map((p) => p.path)).toEqual(['signatures.owner']);
    const owner = applyTransition({ ...ctx, roles: ['resident'] }, 'confirm', { fields: { approved: true } });
    expect(!owner.ok && owner.problems.map((p) => p.path)).toEqual(['signatures.owner']);
    const undecided = applyTransition({ ...ctx, roles: ['resident'] }, 'confirm', {});
    expect(!undecided.ok && undecided.problems.map((p) => p.code)).toEqual(['record_missing', 'no_matching_outcome']);
    const desks = availableTransitions({ ...ctx, roles: ['service_desk'] })[0]!;
    expect(desks.records.map((r) => r.name)).toEqual(['approved', 'channel']);
    expect(availableTransitions({ ...ctx, roles: ['resident'] })[0]!.records.map((r) => r.name)).toEqual(['approved']);
  });

  it('refuses the wrong state, the wrong role and unknown actions', () => {
    const ctx = { standard: repair, state: 'submitted', facts: routine };
    expect(applyTransition({ ...ctx, roles: ['technician'] }, 'accept')).toMatchObject({
      ok: false,
      problems: [{ path: 'transition', code: 'transition_not_allowed_from_state' }],
    });
    expect(applyTransition({ ...ctx, roles: ['technician'] }, 'dispatch')).toMatchObject({
      ok: false,
      problems: [{ code: 'role_not_allowed' }],
    });
    expect(applyTransition({ ...ctx, roles: ['dispatcher'] }, 'fly')).toMatchObject({
      ok: false,
      problems: [{ code: 'unknown_transition' }],
    });
  });

  it('lets the project manager do what the dispatcher and desk do', () => {
    const keys = (state: string) =>
      availableTransitions({ standard: repair, state, roles: ['project_manager'], facts: routine }).map((t) => t.key);
    expect(keys('submitted')).toEqual(['dispatch', 'cancel']);
    expect(keys('confirmed')).toEqual(['return-visit']);
  });

  it('rejects an appointment that is not a date', () => {
    const result = applyTransition({ standard: repair, state: 'accepted', roles: ['technician'], facts: routine }, 'schedule', {
      fields: { appointment_at: 'tomorrow-ish' },
    });
    expect(result).toMatchObject({ ok: false, problems: [{ path: 'fields.appointment_at', code: 'invalid_deadline' }] });
  });

  it('cancelling cancels the running timers', () => {
    const timers: TimerSnapshot[] = [
      { limitKey: 'emergency_contact', status: 'running' },
      { limitKey: 'emergency_arrival', status: 'running' },
    ];
    const result = applyTransition({ standard: repair, state: 'dispatched', roles: ['resident'], facts: emergency, timers }, 'cancel', {
      fields: { reason: '已自行修好' },
    });
    expect(result.ok && summary(result.timers)).toEqual(['cancel emergency_contact', 'cancel emergency_arrival']);
  });

  it('applies level overrides cumulatively', () => {
    const contact = (level: '1' | '2' | '3') => effectiveTimeLimits(repair, level).find((l) => l.key === 'first_contact')!.duration;
    expect(contact('1')).toEqual({ minutes: 60 });
    expect(contact('2')).toEqual({ minutes: 60 });
    expect(contact('3')).toEqual({ minutes: 30 });
    const opened = openWork({ standard: repair, level: '3', roles: ['resident'], facts: routine });
    const first = opened.ok ? opened.timers[0] : undefined;
    expect(first?.action === 'start' && first.limit.duration).toEqual({ minutes: 30 });
  });
});

describe('complaint flow', () => {
  it('replies, resolves, and reopens when the complainant is not satisfied', () => {
    const facts: Facts = {};
    const opened = openWork({ standard: complaint, roles: ['resident'], facts });
    expect(opened.ok && summary(opened.timers)).toEqual(['start first_reply', 'start resolution']);
    let timers = opened.ok ? track([], opened.timers) : [];
    const reply = applyTransition({ standard: complaint, state: 'received', roles: ['service_desk'], facts, timers }, 'reply', {
      fields: { reply: '已联系保洁主管', channel: 'phone' },
    });
    expect(reply.ok && summary(reply.timers)).toEqual(['stop first_reply']);
    timers = reply.ok ? track(timers, reply.timers) : timers;
    const resolve = applyTransition({ standard: complaint, state: 'replied', roles: ['service_desk'], facts, timers }, 'resolve', {
      fields: { cause: '排班遗漏', resolution: '补做清洁并调整排班' },
    });
    expect(resolve.ok && summary(resolve.timers)).toEqual(['stop resolution', 'start return_visit']);
    timers = resolve.ok ? track(timers, resolve.timers) : timers;
    const visit = applyTransition({ standard: complaint, state: 'resolved', roles: ['service_desk'], facts, timers }, 'return-visit', {
      fields: { satisfied: false, channel: 'phone', reason: '楼道仍有异味' },
    });
    expect(visit).toMatchObject({ ok: true, to: 'replied', counters: ['reopenings'] });
    expect(visit.ok && summary(visit.timers)).toEqual(['stop return_visit']);
  });

  it('stops the first reply when a complaint is resolved straight away', () => {
    const timers: TimerSnapshot[] = [
      { limitKey: 'first_reply', status: 'running' },
      { limitKey: 'resolution', status: 'running' },
    ];
    const result = applyTransition({ standard: complaint, state: 'received', roles: ['project_manager'], facts: {}, timers }, 'resolve', {
      fields: { cause: '误会', resolution: '当面解释' },
    });
    expect(result.ok && summary(result.timers)).toEqual(['stop first_reply', 'stop resolution', 'start return_visit']);
  });
});

describe('inquiry flow', () => {
  it('starts the callback clock and stops it on any answer', () => {
    const opened = openWork({ standard: inquiry, roles: ['service_desk'], facts: {} });
    expect(opened.ok && summary(opened.timers)).toEqual(['start callback']);
    const timers: TimerSnapshot[] = [{ limitKey: 'callback', status: 'running' }];
    for (const [key, fields] of [
      ['answer', { answer: '每月 15 日前缴费', channel: 'desk' }],
      ['refer', { department: '社区居委会', handover_note: '户籍问题' }],
      ['convert', { converted_to: 'repair' }],
    ] as const) {
      const result = applyTransition({ standard: inquiry, state: 'open', roles: ['service_desk'], facts: {}, timers }, key, { fields });
      expect(result.ok && summary(result.timers)).toEqual(['stop callback']);
    }
  });
});

describe('patrol round', () => {
  const patrol = library.standards.get('patrol_cctv')!;

  it('sets the deadline given on opening and refuses a deadline that is not an instant', () => {
    const opened = openWork({ standard: patrol, roles: ['project_manager'], facts: {} }, { fields: { due_at: '2026-03-01T09:40:00+08:00' } });
    expect(opened.ok && opened.timers.map((a) => (a.action === 'retarget' ? `retarget ${a.dueAt.toISOString()}` : `${a.action} ${a.limitKey}`))).toEqual([
      'start round_completion',
      'retarget 2026-03-01T01:40:00.000Z',
    ]);
    const bad = openWork({ standard: patrol, roles: ['project_manager'], facts: {} }, { fields: { due_at: 'tomorrow' } });
    expect(bad).toMatchObject({ ok: false, problems: [{ path: 'fields.due_at', code: 'invalid_deadline' }] });
  });

  it('finishes completed only when nothing was missed; the deadline stops the clock as breached', () => {
    const timers: TimerSnapshot[] = [{ limitKey: 'round_completion', status: 'running' }];
    const ctx = { standard: patrol, state: 'on_patrol', roles: ['guard'] as Role[], timers };
    expect(applyTransition({ ...ctx, facts: { missed_count: 0 } }, 'finish')).toMatchObject({ ok: true, to: 'completed', timers: [{ action: 'stop' }] });
    expect(applyTransition({ ...ctx, facts: { missed_count: 2, pending_count: 0 } }, 'finish')).toMatchObject({ ok: true, to: 'incomplete', timers: [{ action: 'cancel' }] });
    // Ending early (checkpoints still pending) asks the guard for a reason.
    expect(applyTransition({ ...ctx, facts: { missed_count: 2, pending_count: 2 } }, 'finish')).toMatchObject({ ok: false, problems: [{ code: 'record_missing' }] });
    expect(applyTransition({ ...ctx, facts: { missed_count: 2, pending_count: 2 } }, 'finish', { fields: { reason: '处理纠纷' } })).toMatchObject({ ok: true, to: 'incomplete' });
    expect(applyTransition({ ...ctx, roles: ['project_manager'], facts: {} }, 'expire')).toMatchObject({ ok: true, to: 'incomplete', timers: [{ action: 'stop' }] });
    expect(applyTransition({ ...ctx, roles: ['technician'], facts: {} }, 'finish')).toMatchObject({ ok: false });
  });
});
