import type { WorkOrderKind } from '../../src/common/work-orders';
import { NUMBER_PREFIX } from '../../src/common/work-orders';
import type { CalendarConfig } from '../../src/server/standards/calendar';
import { autoAdvanceDelayMs, categoryFacts, recordKindOf, type FactValue, type ServiceStandard } from '../../src/server/standards/definition';
import { applyTransition, openWork, type TimerAction, type TransitionInput } from '../../src/server/standards/engine';
import { cancelTimer, pauseTimer, resumeTimer, retargetTimer, startTimer, stopTimer, type SlaTimer } from '../../src/server/standards/sla-clock';
import { eventInstant, eventsOf, nextCheckAt } from '../../src/server/modules/standards/timer-store';
import type { TimerEvent } from '../../src/server/modules/standards/tables';
import { localDate } from '../../src/server/modules/work-orders/numbering';
import type { BulkWriter, Row } from '../lib/bulk';
import type { Prng } from '../lib/prng';
import type { GeneratedCommunity, GeneratedRegistry } from './registry';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** The steps a kind of work usually goes through, each with the delay before it (min, max in ms). */
type Step = { action: string; gap: [number, number]; optional?: number; fields?: Record<string, FactValue> };
const PATHS: Record<WorkOrderKind, (paid: boolean, rand: Prng) => Step[]> = {
  repair: (paid, rand) => [
    { action: 'dispatch', gap: [5 * MIN, 60 * MIN] },
    { action: 'accept', gap: [3 * MIN, 30 * MIN] },
    { action: 'schedule', gap: [10 * MIN, 60 * MIN], optional: 0.5 },
    { action: 'arrive', gap: [30 * MIN, 6 * HOUR] },
    ...(paid
      ? [
          { action: 'quote', gap: [10 * MIN, 40 * MIN] } as Step,
          { action: 'consent', gap: [1 * HOUR, 20 * HOUR], fields: { approved: true } } as Step,
        ]
      : [{ action: 'start', gap: [5 * MIN, 20 * MIN] } as Step]),
    { action: 'complete', gap: [30 * MIN, 4 * HOUR] },
    ...(rand.chance(0.05)
      ? [
          { action: 'confirm', gap: [1 * HOUR, 24 * HOUR], fields: { approved: false } } as Step,
          { action: 'complete', gap: [2 * HOUR, 24 * HOUR] } as Step,
        ]
      : []),
    { action: 'confirm', gap: [1 * HOUR, 48 * HOUR], fields: { approved: true } },
    { action: 'return-visit', gap: [2 * HOUR, 72 * HOUR], fields: { satisfaction: rand.weighted([[5, 70], [4, 20], [3, 7], [2, 3]] as const) } },
  ],
  complaint: (_paid, rand) => [
    { action: 'reply', gap: [10 * MIN, 4 * HOUR] },
    { action: 'resolve', gap: [4 * HOUR, 72 * HOUR] },
    { action: 'return-visit', gap: [2 * HOUR, 48 * HOUR], fields: { satisfied: rand.chance(0.9) } },
    { action: 'close', gap: [5 * MIN, 60 * MIN] },
  ],
  inquiry: (_paid, rand) => [rand.chance(0.85) ? { action: 'answer', gap: [1 * MIN, 2 * HOUR] } : { action: 'refer', gap: [10 * MIN, 60 * MIN] }],
};

const TEXT: Record<string, string> = {
  reason: '业主要求',
  work_done: '已更换损坏部件并试用正常',
  diagnosis: '部件老化',
  message: '已联系相关人员处理',
  resolution: '已处理完毕并告知业主',
  answer: '已按公司规定答复业主',
};
const DESCRIPTIONS: Record<WorkOrderKind, string[]> = {
  repair: ['厨房水龙头漏水', '卧室顶灯不亮', '入户门锁打不开', '卫生间下水道堵塞', '墙面渗水起皮', '电梯按键失灵', '楼道灯不亮'],
  complaint: ['楼上装修噪音', '垃圾清运不及时', '车库有人乱停车', '保安态度不好', '小区绿化没人修剪'],
  inquiry: ['物业费可以按年交吗', '装修需要办理哪些手续', '停车位怎么申请', '门禁卡丢了怎么补办', '快递柜在哪里'],
};

/** Everything a transition can ask for, so the engine finds no record missing. */
function inputFor(standard: ServiceStandard, action: string, at: Date, fields: Record<string, FactValue> = {}): TransitionInput {
  const t = standard.transitions.find((x) => x.key === action);
  const records = [...(t?.records ?? []), ...(t?.outcomes ?? []).flatMap((o) => o.records)];
  const values: Record<string, FactValue> = { channel: 'phone', appointment_at: new Date(at.getTime() + 2 * HOUR).toISOString(), ...fields };
  const input = { fields: {} as Record<string, FactValue>, photos: {} as Record<string, number>, signatures: [] as string[], consents: [] as string[] };
  for (const r of records) {
    const kind = recordKindOf(r.type);
    if (kind === 'field') input.fields[r.fact ?? r.name] = values[r.fact ?? r.name] ?? TEXT[r.name] ?? '已记录';
    else if (kind === 'photo') input.photos[r.name] = Math.max(1, r.min ?? 1);
    else if (kind === 'signature') input.signatures.push(r.name);
    else input.consents.push(r.name);
  }
  Object.assign(input.fields, fields);
  return input;
}

interface SimTimer {
  id: string;
  clock: SlaTimer;
  round: number;
  limitName: { 'zh-CN': string; 'en-US': string };
  events: TimerEvent[];
  raised: string[];
}

/** The sweeper's work up to `at`: every event of a running timer that fell due is raised. */
function sweepUpTo(timers: SimTimer[], at: Date, calendar: CalendarConfig): void {
  for (const t of timers) {
    for (const e of t.events) {
      if (t.raised.includes(e.key)) continue;
      const when = eventInstant(t.clock, e, calendar);
      if (when && when <= at) t.raised.push(e.key);
    }
  }
}

function applyTimers(timers: SimTimer[], standard: ServiceStandard, actions: TimerAction[], at: Date, calendar: CalendarConfig, rand: Prng): void {
  sweepUpTo(timers, at, calendar);
  for (const a of actions) {
    const active = timers.find((t) => t.clock.limitKey === a.limitKey && (t.clock.status === 'running' || t.clock.status === 'paused'));
    if (a.action === 'start') {
      if (active) continue;
      const round = Math.max(0, ...timers.filter((t) => t.clock.limitKey === a.limitKey).map((t) => t.round)) + 1;
      const l = a.limit;
      const clock = startTimer({ limitKey: l.key, duration: l.duration, calendarMode: l.calendar, warnAtShare: l.warnAtShare }, at, calendar);
      timers.push({ id: rand.uuid(), clock, round, limitName: l.name, events: eventsOf(l, standard), raised: [] });
      continue;
    }
    if (!active) continue;
    const c = active.clock;
    active.clock =
      a.action === 'stop'
        ? stopTimer(c, at, calendar)
        : a.action === 'pause'
          ? pauseTimer(c, at)
          : a.action === 'resume'
            ? resumeTimer(c, at, calendar)
            : a.action === 'retarget'
              ? retargetTimer(c, a.dueAt, at, calendar)
              : cancelTimer(c, at);
  }
}

export interface OrderContext {
  registry: GeneratedRegistry;
  standards: Record<WorkOrderKind, { id: string; definition: ServiceStandard }>;
  calendar: CalendarConfig;
  now: Date;
  days: number;
}

/**
 * Work orders of one community over the last `days` days, each taken through its standard by
 * the real engine and SLA clock, step by step at realistic intervals, until it is finished or its
 * next step would lie in the future: old orders are closed, recent ones are still open, and
 * their timers are exactly what the product would hold now.
 */
export async function generateOrders(w: BulkWriter, rand: Prng, ctx: OrderContext, community: GeneratedCommunity, count: number): Promise<void> {
  const orgId = ctx.registry.organizationId;
  const perDay = count / ctx.days;
  const counters = new Map<string, number>();
  let made = 0;
  for (let d = ctx.days - 1; d >= 0 && made < count; d--) {
    const n = Math.min(count - made, d === 0 ? count - made : Math.floor(perDay) + (rand.chance(perDay % 1) ? 1 : 0));
    const dayStart = Math.floor(ctx.now.getTime() / 86_400_000) * 86_400_000 - d * 86_400_000;
    // Intake between 08:00 and 21:00 Beijing time (00:00–13:00 UTC), in time order.
    const times = Array.from({ length: n }, () => dayStart + rand.int(0, 13 * HOUR - 1)).sort((a, b) => a - b);
    for (const t of times) {
      if (t > ctx.now.getTime()) continue;
      made++;
      await oneOrder(w, rand, ctx, community, orgId, new Date(t), counters);
    }
  }
  for (const [key, value] of counters) {
    const [day, prefix] = key.split('|');
    await w.add('work_counters', { organization_id: orgId, scope_id: community.id, period_key: day, prefix, value });
  }
}

async function oneOrder(w: BulkWriter, rand: Prng, ctx: OrderContext, community: GeneratedCommunity, orgId: string, createdAt: Date, counters: Map<string, number>) {
  const kind = rand.weighted([['repair', 60], ['complaint', 15], ['inquiry', 25]] as const);
  const { id: versionId, definition: standard } = ctx.standards[kind];
  const category = rand.chance(0.05) && kind === 'repair'
    ? rand.pick(standard.categories.filter((c) => c.facts?.urgency === 'emergency')).key
    : rand.pick(standard.categories.filter((c) => c.facts?.urgency !== 'emergency')).key;
  const implied = categoryFacts(standard, category);
  const paid = kind === 'repair' && rand.chance(0.2);
  const urgency = kind === 'repair' ? ((implied.urgency as string | undefined) ?? 'routine') : null;
  const facts: Record<string, FactValue | null> = { kind, category, urgency, paid, ...implied };
  const level = String(community.serviceLevel) as '1' | '2' | '3';
  const unit = kind === 'inquiry' && rand.chance(0.3) ? null : rand.pick(community.units);
  const reporterId = unit?.residentId ?? null;
  const reporter = reporterId ? ctx.registry.residents.get(reporterId)! : null;
  const day = localDate(createdAt, 'Asia/Shanghai');
  const prefix = NUMBER_PREFIX[kind];
  const seq = (counters.get(`${day}|${prefix}`) ?? 0) + 1;
  counters.set(`${day}|${prefix}`, seq);
  const id = rand.uuid();
  const channel = rand.weighted([['phone', 45], ['app', 25], ['walk_in', 15], ['wechat', 10], ['patrol', 5]] as const);
  const desk = rand.pick(community.desk);
  const deskName = ctx.registry.staffNames.get(desk)!;

  const opened = openWork({ standard, level, roles: ['service_desk'], facts });
  if (!opened.ok) throw new Error(`cannot open ${kind}`);
  let state = opened.to;
  let at = createdAt;
  let stateEnteredAt = createdAt;
  const timers: SimTimer[] = [];
  const counterValues: Record<string, number> = {};
  const events: Row[] = [];
  const event = (e: Row) => events.push({ id: rand.uuid(), organization_id: orgId, community_id: community.id, subject_type: 'work_order', subject_id: id, visibility: 'owner', automatic: false, data: {}, ...e });
  event({ kind: 'created', actor_name: deskName, channel, to_state: state, data: { category, urgency, paid, photoIds: [] }, at: at.toISOString() });
  applyTimers(timers, standard, opened.timers, at, ctx.calendar, rand);

  const patch: Row = {};
  const cancel = rand.chance(0.05) ? rand.int(0, 2) : -1;
  const steps = PATHS[kind](paid, rand);
  for (let i = 0; i < steps.length; i++) {
    let step = steps[i]!;
    if (step.optional !== undefined && !rand.chance(step.optional)) continue;
    if (i === cancel) step = { action: 'cancel', gap: [10 * MIN, 2 * HOUR] };
    const next = new Date(at.getTime() + rand.int(step.gap[0], step.gap[1]));
    if (next > ctx.now) break;
    const role = standard.transitions.find((t) => t.key === step.action)?.roles.find((r) => r !== 'resident');
    if (!role) break;
    const snapshots = timers.map((t) => ({ limitKey: t.clock.limitKey, status: t.clock.status }));
    const result = applyTransition({ standard, level, state, roles: [role], facts, timers: snapshots }, step.action, inputFor(standard, step.action, next, step.fields));
    if (!result.ok) break;
    at = next;
    applyTimers(timers, standard, result.timers, at, ctx.calendar, rand);
    for (const c of result.counters) counterValues[c] = (counterValues[c] ?? 0) + 1;
    const actor = role === 'technician' ? (patch.assignee_staff_id as string | undefined) : role === 'dispatcher' || role === 'service_desk' ? desk : undefined;
    const data: Record<string, unknown> = { ...step.fields };
    if (step.action === 'dispatch') {
      const tech = rand.pick(community.technicians);
      patch.assignee_staff_id = tech;
      data.assignee = { id: tech, name: ctx.registry.staffNames.get(tech), previousId: null };
    }
    if (step.action === 'schedule') patch.appointment_at = new Date(at.getTime() + 2 * HOUR).toISOString();
    if (step.action === 'complete') patch.completion = { note: TEXT.work_done, photoIds: [], materials: [], at: at.toISOString() };
    if (step.action === 'confirm') patch.acceptance = { approved: step.fields?.approved === true, signatureId: null, reason: null, at: at.toISOString(), by: { userId: null, name: reporter?.name ?? '业主' } };
    if (step.action === 'return-visit') {
      const score = typeof step.fields?.satisfaction === 'number' ? step.fields.satisfaction : null;
      patch.return_visit = { score, satisfied: score === null ? step.fields?.satisfied ?? null : score >= 4, comment: null, at: at.toISOString(), by: { userId: null, name: deskName } };
    }
    event({
      kind: 'transition',
      action: step.action,
      actor_name: actor ? ctx.registry.staffNames.get(actor) ?? deskName : deskName,
      channel: 'console',
      from_state: state,
      to_state: result.to,
      data: { ...data, counters: result.counters },
      at: at.toISOString(),
    });
    if (result.to !== state) stateEnteredAt = at;
    state = result.to;
  }
  sweepUpTo(timers, ctx.now, ctx.calendar);
  const target = standard.states.find((s) => s.key === state)!;
  const rule = standard.autoAdvance.find((r) => r.from === state);
  const autoAdvanceAt = rule ? new Date(stateEnteredAt.getTime() + autoAdvanceDelayMs(rule)) : null;
  const number = `${prefix}${day.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
  await w.add('work_orders', {
    id,
    organization_id: orgId,
    community_id: community.id,
    unit_id: unit?.id ?? null,
    unit_label: unit?.label ?? null,
    kind,
    number,
    standard_version_id: versionId,
    state,
    state_type: target.type,
    state_entered_at: stateEnteredAt.toISOString(),
    category,
    urgency,
    paid,
    channel,
    source: kind === 'complaint' ? 'hotline' : null,
    description: rand.pick(DESCRIPTIONS[kind]),
    reporter_name: reporter?.name ?? null,
    reporter_phone: reporter?.phone ?? null,
    reporter_resident_id: reporterId,
    anonymous: false,
    assignee_staff_id: null,
    appointment_at: null,
    facts,
    counters: counterValues,
    quote: null,
    consent: null,
    completion: null,
    acceptance: null,
    return_visit: null,
    links: [],
    auto_advance_at: autoAdvanceAt && autoAdvanceAt > ctx.now ? autoAdvanceAt.toISOString() : null,
    // What the timer code keeps on the row: the earliest due instant of the running limits.
    next_due_at:
      timers
        .filter((t) => t.clock.status === 'running' && t.clock.dueAt)
        .map((t) => t.clock.dueAt!)
        .sort((a, b) => a.getTime() - b.getTime())[0]
        ?.toISOString() ?? null,
    created_at: createdAt.toISOString(),
    updated_at: at.toISOString(),
    ...patch,
  });
  for (const e of events) await w.add('work_events', e);
  for (const t of timers) {
    const c = t.clock;
    await w.add('sla_timers', {
      id: t.id,
      organization_id: orgId,
      community_id: community.id,
      subject_type: 'work_order',
      subject_id: id,
      subject_label: number,
      limit_key: c.limitKey,
      round: t.round,
      status: c.status,
      calendar_mode: c.calendarMode,
      duration_ms: c.durationMs,
      warn_at_share: c.warnAtShare,
      started_at: c.startedAt.toISOString(),
      paused_at: c.pausedAt?.toISOString() ?? null,
      paused_working_ms: c.pausedWorkingMs,
      due_at: c.dueAt?.toISOString() ?? null,
      warn_at: c.warnAt?.toISOString() ?? null,
      breached_at: c.breachedAt?.toISOString() ?? null,
      stopped_at: c.stoppedAt?.toISOString() ?? null,
      used_working_ms: c.usedWorkingMs,
      limit_name: t.limitName,
      events: t.events,
      raised_events: t.raised,
      next_check_at: nextCheckAt(c, t.events, t.raised, ctx.calendar)?.toISOString() ?? null,
      created_at: c.startedAt.toISOString(),
      updated_at: at.toISOString(),
    });
  }
}
