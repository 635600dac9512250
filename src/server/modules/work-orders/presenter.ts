import type { z } from 'zod';
import type { workOrderDetailSchema, workOrderSummarySchema } from '../../../common/work-orders';
import type { Actor } from '../../db/scope';
import type { CalendarConfig } from '../../standards/calendar';
import type { ServiceStandard } from '../../standards/definition';
import { availableTransitions, ownerVisibleData } from '../../standards/engine';
import type { ActionDescription } from '../../../common/work/records';
import type { Due } from '../../../common/due';
import { describeActions } from '../../work/action-contract';
import { remainingWorkingTime, timerPhase, type SlaTimer } from '../../standards/sla-clock';
import type { AttachmentRow } from '../attachments';
import { maskPhone } from '../registry';
import type { TimerRow } from '../standards';
import { effectiveRoles, workOrderPolicy } from './policy';
import type { WorkOrderEventRow, WorkOrderRow } from './repository';
import { systemTransitions } from '../../standards/definition';

type Summary = z.infer<typeof workOrderSummarySchema>;
type Detail = z.infer<typeof workOrderDetailSchema>;

/** The actions the actor may take now: the standard's, through the roles the row-level policy grants. */
export function allowedActions(actor: Actor, order: WorkOrderRow, standard: ServiceStandard): string[] {
  const roles = effectiveRoles(actor, order);
  if (!roles.length) return [];
  const automatic = systemTransitions(standard);
  return availableTransitions({ standard, state: order.state, roles, facts: order.facts })
    .map((t) => t.key)
    .filter((key) => !automatic.has(key));
}

/** The allowed steps with the typed records each asks for, `required` computed for the actor's roles. */
export function actionDescriptions(actor: Actor, order: WorkOrderRow, standard: ServiceStandard): ActionDescription[] {
  const roles = effectiveRoles(actor, order);
  if (!roles.length) return [];
  return describeActions({ standard, state: order.state, roles, facts: order.facts }, systemTransitions(standard));
}

/** A state's display name; the owner reads the standard's owner-facing name where it has one. */
function stateName(standard: ServiceStandard, state: string, forOwner = false) {
  const s = standard.states.find((x) => x.key === state);
  if (!s) return { 'zh-CN': state, 'en-US': state };
  return forOwner && s.ownerName ? s.ownerName : s.name;
}

/** Whether the actor reads the order as its owner (a resident without a staff side). */
function readsAsOwner(actor: Actor, order: WorkOrderRow): boolean {
  return !actor.staffId && !effectiveRoles(actor, order).some((r) => r !== 'resident');
}

/** Reporter as the actor may see it: hidden for anonymous complaints, phone masked unless needed. */
function reporterFor(actor: Actor, order: WorkOrderRow, masked: boolean): Summary['reporter'] {
  if (!workOrderPolicy.can(actor, 'seeReporter', order)) return { name: null, phone: null, residentId: null };
  const full = !masked && workOrderPolicy.can(actor, 'seeFullPhone', order);
  return {
    name: order.reporterName,
    phone: order.reporterPhone ? (full ? order.reporterPhone : maskPhone(order.reporterPhone)) : null,
    residentId: order.reporterResidentId,
  };
}

/** Work-order row -> list item, field by field. */
export function presentSummary(
  actor: Actor,
  order: WorkOrderRow & { nextDueAt: Date | null; slaPhase: 'ok' | 'warning' | 'breached' | null; nextDue?: Due | null },
  standard: ServiceStandard,
  names: { community: string; assignee: string | null },
  now: Date,
  masked = true,
): Summary {
  const category = standard.categories.find((c) => c.key === order.category);
  return {
    id: order.id,
    number: order.number,
    kind: order.kind,
    status: order.state,
    statusName: stateName(standard, order.state, readsAsOwner(actor, order)),
    statusType: order.stateType,
    community: { id: order.communityId, name: names.community },
    unit: order.unitId ? { id: order.unitId, label: order.unitLabel ?? '' } : null,
    category: order.category,
    categoryName: category ? category.name : null,
    urgency: order.urgency,
    paid: order.paid,
    channel: order.channel,
    description: order.description,
    reporter: reporterFor(actor, order, masked),
    anonymous: order.anonymous,
    assignee: order.assigneeStaffId ? { id: order.assigneeStaffId, name: names.assignee ?? '' } : null,
    appointmentAt: order.appointmentAt?.toISOString() ?? null,
    preferredAt: order.preferredAt?.toISOString() ?? null,
    nextDueAt: order.nextDueAt?.toISOString() ?? null,
    nextDue: order.nextDue ?? null,
    overdue: order.nextDueAt !== null && order.nextDueAt.getTime() < now.getTime(),
    slaPhase: order.slaPhase,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

function clockOf(row: TimerRow): SlaTimer {
  return { ...row };
}

/** A running timer's due time as every page shows it (null when it is not running). */
export function presentDue(row: TimerRow, calendar: CalendarConfig, now: Date): Due | null {
  if (row.status !== 'running' || !row.dueAt) return null;
  return {
    at: row.dueAt.toISOString(),
    remainingMs: remainingWorkingTime(clockOf(row), now, calendar),
    deskHours: row.calendarMode === 'business',
    timeZone: calendar.timeZone,
  };
}

/** The due time of the running timer due first, or null. */
export function nextDueOf(rows: TimerRow[], calendar: CalendarConfig, now: Date): Due | null {
  const first = rows.filter((t) => t.status === 'running' && t.dueAt).sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())[0];
  return first ? presentDue(first, calendar, now) : null;
}

/** Timer row -> API shape, with the remaining working time and phase at `now`. */
export function presentTimer(row: TimerRow, calendar: CalendarConfig, now: Date): Detail['timers'][number] {
  const clock = clockOf(row);
  return {
    limitKey: row.limitKey,
    name: row.limitName,
    round: row.round,
    status: row.status,
    phase: timerPhase(clock, now, calendar),
    startedAt: row.startedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    warnAt: row.warnAt?.toISOString() ?? null,
    remainingMs: remainingWorkingTime(clock, now, calendar),
    due: presentDue(row, calendar, now),
    usedWorkingMs: row.usedWorkingMs,
    stoppedAt: row.stoppedAt?.toISOString() ?? null,
  };
}

/** Timeline row -> API shape. */
export function presentEvent(row: WorkOrderEventRow, standard: ServiceStandard, forOwner = false): Detail['timeline'][number] {
  const transition = row.action ? standard.transitions.find((t) => t.key === row.action) : undefined;
  return {
    id: row.id,
    at: row.at.toISOString(),
    // Work orders write only their own five kinds (record-event.ts), never `step`.
    kind: row.kind as Detail['timeline'][number]['kind'],
    action: row.action,
    actionName: transition ? transition.name : null,
    actor: row.actorName ? { userId: row.actorUserId, name: row.actorName } : null,
    channel: row.channel,
    fromState: row.fromState,
    toState: row.toState,
    toStateName: row.toState ? stateName(standard, row.toState, forOwner) : null,
    visibility: row.visibility,
    automatic: row.automatic,
    data: forOwner ? ownerVisibleData(standard, row.action, row.data) : row.data,
  };
}

export interface DetailParts {
  standard: { versionId: string; key: string; version: number; definition: ServiceStandard };
  names: { community: string; assignee: string | null };
  timers: TimerRow[];
  calendar: CalendarConfig;
  timeline: WorkOrderEventRow[];
  attachments: Array<AttachmentRow & { purpose: string }>;
  linked: { id: string; number: string; kind: WorkOrderRow['kind'] }[];
}

/** Work order with its parts -> the order page's shape, for this actor. */
export function presentDetail(actor: Actor, order: WorkOrderRow, parts: DetailParts, now: Date): Detail {
  const definition = parts.standard.definition;
  const running = parts.timers.filter((t) => t.status === 'running' && t.dueAt);
  const nextDueAt = running.reduce<Date | null>((min, t) => (!min || t.dueAt! < min ? t.dueAt! : min), null);
  const phases = running.map((t) => (t.dueAt! < now ? 2 : t.warnAt && t.warnAt <= now ? 1 : 0));
  const slaPhase = phases.length ? (['ok', 'warning', 'breached'] as const)[Math.max(...phases)]! : null;
  const ownerView = readsAsOwner(actor, order);
  const relation = new Map(order.links.map((l) => [l.id, l.relation]));
  return {
    ...presentSummary(actor, { ...order, nextDueAt, slaPhase, nextDue: nextDueOf(parts.timers, parts.calendar, now) }, definition, parts.names, now, false),
    standard: { key: parts.standard.key, version: parts.standard.version, versionId: parts.standard.versionId },
    version: order.version,
    source: (order.source as Detail['source']) ?? null,
    facts: order.facts,
    counters: order.counters,
    quote: order.quote ?? null,
    consent: order.consent ?? null,
    completion: order.completion ?? null,
    acceptance: order.acceptance ?? null,
    returnVisit: order.returnVisit ?? null,
    linkedOrders: parts.linked.map((l) => ({ id: l.id, number: l.number, kind: l.kind, relation: relation.get(l.id) ?? 'linked' })),
    attachments: parts.attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      purpose: a.purpose,
      mimeType: a.mimeType,
      hasThumbnail: a.thumbnailPath !== null,
    })),
    timers: parts.timers.map((t) => presentTimer(t, parts.calendar, now)),
    promise: {
      limits: running.map((t) => ({ limitKey: t.limitKey, name: t.limitName, dueAt: t.dueAt!.toISOString(), due: presentDue(t, parts.calendar, now)! })),
      earliestDueAt: nextDueAt?.toISOString() ?? null,
    },
    timeline: parts.timeline.filter((e) => !ownerView || e.visibility === 'owner').map((e) => presentEvent(e, definition, ownerView)),
    allowedActions: allowedActions(actor, order, definition),
    actions: actionDescriptions(actor, order, definition),
    canComment: workOrderPolicy.can(actor, 'comment', order),
  };
}
