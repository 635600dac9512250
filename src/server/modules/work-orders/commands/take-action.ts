import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { ACTION_BODY_SCHEMAS} from '../../../../common/work-orders';
import { type EventChannel, type WorkOrderAction } from '../../../../common/work-orders';
import type { RequestContext } from '../../../auth/context';
import { hasRole } from '../../../auth/policy';
import { users } from '../../../auth/tables';
import type { Db, DbOrTx } from '../../../db/client';
import { AppError, fieldError, notFound, type FieldProblem } from '../../../errors';
import { autoAdvanceDelayMs, type FactValue, type ServiceStandard, type TransitionDefinition } from '../../../standards/definition';
import { applyTransition, type TransitionInput } from '../../../standards/engine';
import type { StandardProblem } from '../../../standards/problems';
import { standardProblemMessage } from '../../../standards/validate-standard';
import { checkLinkable, linkAttachments, type LinkRequest } from '../../attachments';
import { recordAudit } from '../../audit';
import { notifyRoles, notifyUsers } from '../../notifications';
import { activeStaffMember, communityById } from '../../registry';
import { effectiveCalendar, applyTimerActions, snapshots, timersOf } from '../../standards';
import { messageOwner } from '../owner-messages';
import { effectiveRoles } from '../policy';
import { findWorkOrder, TIMER_SUBJECT, type WorkOrderRow } from '../repository';
import { automaticTransitions, pinnedStandard } from '../standard-cache';
import { priceListItems, workOrders } from '../tables';
import { recordEvent } from '../record-event';
import { createLinkedOrder } from './create-work-order';
import { inTransaction } from '../../../db/transaction';

type AnyBody = Partial<{ [A in WorkOrderAction]: z.infer<(typeof ACTION_BODY_SCHEMAS)[A]> }[WorkOrderAction]> & Record<string, unknown>;

/** Engine field name -> request body field, for the records the standards ask for. */
const BODY_FIELD: Record<string, string> = {
  technician_id: 'assigneeId',
  appointment_at: 'appointmentAt',
  diagnosis: 'diagnosis',
  amount: 'items',
  price_basis: 'priceBasis',
  approved: 'approved',
  channel: 'channel',
  reason: 'reason',
  work_done: 'note',
  satisfaction: 'score',
  satisfied: 'satisfied',
  reply: 'message',
  cause: 'cause',
  resolution: 'resolution',
  answer: 'answer',
  department: 'department',
  handover_note: 'note',
  converted_to: 'kind',
};
const RECORD_FIELD = { photos: 'photoIds', signatures: 'signatureId', consents: 'approved' } as const;

/** The request field a problem of the engine belongs to (`fields.work_done` -> `note`). */
function bodyFieldOf(problem: StandardProblem, body: AnyBody): string {
  const [head, name] = problem.path.split('.');
  if (head === 'fields' && name) return BODY_FIELD[name] ?? name;
  if (head && head in RECORD_FIELD) return RECORD_FIELD[head as keyof typeof RECORD_FIELD];
  // No outcome matched: the deciding answer is what is missing.
  return 'approved' in body || !('satisfied' in body) ? 'approved' : 'satisfied';
}

function allRecords(t: TransitionDefinition) {
  return [...t.records, ...(t.outcomes ?? []).flatMap((o) => o.records)];
}

/** The channel of a step: the one the body names, the app for residents, else the console. */
function channelOf(ctx: RequestContext, body: AnyBody): EventChannel {
  if (typeof body.channel === 'string') return body.channel as EventChannel;
  return hasRole(ctx.actor, 'resident') && ctx.actor.staffId === null ? 'app' : 'console';
}

/** The request body as the engine's transition input: field values, photo counts, signatures, consents. */
function engineInput(ctx: RequestContext, transition: TransitionDefinition, body: AnyBody, priceTotal: number | null, priceBasis: string | null): TransitionInput {
  const fields: Record<string, FactValue | null | undefined> = {};
  for (const [engineName, bodyName] of Object.entries(BODY_FIELD)) {
    const value = body[bodyName];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[engineName] = value;
  }
  if (priceTotal !== null) fields.amount = priceTotal;
  fields.price_basis = priceBasis ?? undefined;
  // Residents answer through the app; the desk records how the owner answered.
  if (fields.channel === undefined && hasRole(ctx.actor, 'resident') && ctx.actor.staffId === null) fields.channel = 'app';
  const records = allRecords(transition);
  const photoRecord = records.find((r) => r.kind === 'photo');
  const photoIds = Array.isArray(body.photoIds) ? body.photoIds : [];
  return {
    fields,
    photos: photoRecord ? { [photoRecord.name]: photoIds.length } : {},
    signatures: body.signatureId ? records.filter((r) => r.kind === 'signature').map((r) => r.name) : [],
    consents: body.approved === true ? records.filter((r) => r.kind === 'consent').map((r) => r.name) : [],
  };
}

const REFUSAL_CODES = new Set(['unknown_transition', 'transition_not_allowed_from_state', 'condition_not_met']);

/**
 * Takes one action on a locked order inside the caller's transaction: the pinned standard
 * decides (state, roles granted by the row-level policy, facts, records); on success the state,
 * timeline, timers, the data the action carries, counters, notifications and audit are written.
 */
export async function applyAction(
  tx: DbOrTx,
  ctx: RequestContext,
  order: WorkOrderRow,
  action: string,
  rawBody: Record<string, unknown>,
  now = new Date(),
  options: { automatic?: boolean } = {},
): Promise<WorkOrderRow> {
  const body = rawBody as AnyBody;
  const pinned = await pinnedStandard(tx, order.standardVersionId);
  const standard = pinned.definition;
  const transition = standard.transitions.find((t) => t.key === action);
  const community = await communityById(tx, order.communityId);
  const automatic = automaticTransitions(standard).has(action);
  const roles = options.automatic ? (transition?.roles ?? []) : effectiveRoles(ctx.actor, order);
  const stateName = standard.states.find((s) => s.key === order.state)?.name ?? order.state;
  const refuse = (code: 'INVALID_TRANSITION' | 'FORBIDDEN') =>
    new AppError(code, code === 'FORBIDDEN' ? 'error.actionNotAllowed' : 'error.invalidTransition', {
      state: stateName,
      action: transition?.name ?? action,
    });
  if (!transition) throw refuse('INVALID_TRANSITION');
  // Automatic transitions are the system's alone.
  if (automatic && !options.automatic) throw refuse(transition.from.includes(order.state) ? 'FORBIDDEN' : 'INVALID_TRANSITION');

  const problems: Record<string, FieldProblem> = {};
  const links: (LinkRequest & { single?: boolean })[] = [];
  const photoRecord = allRecords(transition).find((r) => r.kind === 'photo');
  if (Array.isArray(body.photoIds) && body.photoIds.length) {
    links.push({ ids: body.photoIds, field: 'photoIds', purpose: photoRecord?.name ?? action, kinds: ['photo', 'document'] });
  }
  if (typeof body.signatureId === 'string') links.push({ ids: [body.signatureId], field: 'signatureId', purpose: 'signature', kinds: ['signature'], single: true });

  // Quote lines from the price list: the list decides the basis; free lines need one named.
  let priceTotal: number | null = null;
  let priceBasis: string | null = typeof body.priceBasis === 'string' ? body.priceBasis : null;
  const items = Array.isArray(body.items) ? (body.items as { priceItemId?: string; name: string; quantity: number; amount: number }[]) : null;
  if (items) {
    priceTotal = items.reduce((sum, i) => sum + i.amount, 0);
    const listed = items.map((i) => i.priceItemId).filter((x): x is string => !!x);
    const found = listed.length
      ? await tx
          .select({ id: priceListItems.id, name: priceListItems.name })
          .from(priceListItems)
          .where(and(inArray(priceListItems.id, listed), eq(priceListItems.communityId, order.communityId), isNull(priceListItems.archivedAt)))
      : [];
    const known = new Set(found.map((f) => f.id));
    items.forEach((item, i) => {
      if (item.priceItemId && !known.has(item.priceItemId)) problems[`items.${i}.priceItemId`] = { key: 'field.priceItemUnknown' };
    });
    if (!priceBasis && items.length && items.every((i) => i.priceItemId)) priceBasis = `price_list: ${items.map((i) => i.name).join(', ')}`;
  }

  const input = engineInput(ctx, transition, body, priceTotal, priceBasis);
  const timers = snapshots(await timersOf(tx, TIMER_SUBJECT, order.id));
  const level = String(community!.serviceLevel) as '1' | '2' | '3';
  const result = applyTransition({ standard, level, state: order.state, roles, facts: order.facts, timers }, action, input);
  if (!result.ok) {
    const refusal = result.problems.find((p) => REFUSAL_CODES.has(p.code) || p.code === 'role_not_allowed');
    if (refusal) throw refuse(refusal.code === 'role_not_allowed' ? 'FORBIDDEN' : 'INVALID_TRANSITION');
    for (const p of result.problems) {
      const field = bodyFieldOf(p, body);
      problems[field] ??= { text: { 'zh-CN': standardProblemMessage(p, 'zh-CN'), 'en-US': standardProblemMessage(p, 'en-US') } };
    }
  }

  // Data the action carries: checked here, generic to every standard.
  const patch: Partial<typeof workOrders.$inferInsert> = {};
  const eventData: Record<string, unknown> = {};
  if (typeof body.assigneeId === 'string') {
    const tech = await activeStaffMember(tx, order.organizationId, body.assigneeId);
    if (!tech || tech.position !== 'technician' || !tech.communityIds.includes(order.communityId)) problems.assigneeId = { key: 'field.notTechnician' };
    else {
      patch.assigneeStaffId = tech.id;
      eventData.assignee = { id: tech.id, name: tech.name, previousId: order.assigneeStaffId };
    }
  }
  let appointmentChanged = false;
  if (typeof body.appointmentAt === 'string') {
    const at = new Date(body.appointmentAt);
    appointmentChanged = order.appointmentAt !== null && order.appointmentAt.getTime() !== at.getTime();
    if (appointmentChanged && typeof body.reason !== 'string') problems.reason = { key: 'field.reasonForChange' };
    patch.appointmentAt = at;
    eventData.appointment = { from: order.appointmentAt?.toISOString() ?? null, to: at.toISOString(), reason: body.reason ?? null };
  }
  for (const link of links) Object.assign(problems, await checkLinkable(tx, ctx.actor, order.id, link, link.single));
  if (Object.keys(problems).length || !result.ok) throw fieldError(problems);

  const by = { userId: options.automatic ? null : ctx.actor.userId, name: ctx.actor.displayName };
  const at = now.toISOString();
  const channel = options.automatic ? 'system' : channelOf(ctx, body);
  const target = standard.states.find((s) => s.key === result.to)!;
  if (items) {
    patch.quote = {
      items: items.map((i) => ({ priceItemId: i.priceItemId ?? null, name: i.name, quantity: i.quantity, amount: i.amount })),
      totalAmount: priceTotal!,
      diagnosis: typeof body.diagnosis === 'string' ? body.diagnosis : null,
      priceBasis,
      at,
      by,
    };
    eventData.quote = { totalAmount: priceTotal, items: patch.quote.items.length };
  }
  if (allRecords(transition).some((r) => r.kind === 'consent')) {
    patch.consent = { approved: body.approved === true, at, by, channel, reason: typeof body.reason === 'string' ? body.reason : null };
  }
  if (Array.isArray(body.materials)) {
    patch.completion = { note: typeof body.note === 'string' ? body.note : null, photoIds: (body.photoIds as string[]) ?? [], materials: body.materials as { name: string; quantity: number }[], at };
  }
  if (allRecords(transition).some((r) => r.kind === 'signature')) {
    patch.acceptance = { approved: body.approved === true, signatureId: (body.signatureId as string | undefined) ?? null, reason: typeof body.reason === 'string' ? body.reason : null, at, by };
  }
  if (typeof body.score === 'number' || typeof body.satisfied === 'boolean') {
    patch.returnVisit = {
      score: typeof body.score === 'number' ? body.score : null,
      satisfied: typeof body.satisfied === 'boolean' ? body.satisfied : null,
      comment: typeof body.comment === 'string' ? body.comment : null,
      at,
      by,
    };
  }
  const counters = { ...order.counters };
  for (const c of result.counters) counters[c] = (counters[c] ?? 0) + 1;
  const rule = standard.autoAdvance.find((r) => r.from === target.key);
  const [updated] = await tx
    .update(workOrders)
    .set({
      ...patch,
      state: target.key,
      stateType: target.type,
      stateEnteredAt: result.to !== order.state ? now : order.stateEnteredAt,
      counters,
      autoAdvanceAt: rule ? new Date(now.getTime() + autoAdvanceDelayMs(rule)) : null,
      updatedAt: now,
    })
    .where(eq(workOrders.id, order.id))
    .returning();
  const next = updated!;

  const fields = Object.fromEntries(Object.entries(input.fields ?? {}).filter(([, v]) => v !== undefined && v !== null));
  await recordEvent(tx, options.automatic ? null : ctx, order, {
    kind: 'transition',
    action,
    channel,
    fromState: order.state,
    toState: target.key,
    automatic: options.automatic ?? false,
    data: { ...fields, ...eventData, counters: result.counters, ...(Array.isArray(body.photoIds) ? { photoIds: body.photoIds } : {}), ...(body.signatureId ? { signatureId: body.signatureId } : {}), ...(Array.isArray(body.materials) ? { materials: body.materials } : {}) },
    at: now,
  });
  const calendar = await effectiveCalendar(tx, order.communityId);
  await applyTimerActions(tx, { type: TIMER_SUBJECT, id: order.id, organizationId: order.organizationId, communityId: order.communityId, label: order.number }, standard, result.timers, calendar, now);
  for (const link of links) await linkAttachments(tx, order, link.ids, link.purpose);
  await tellPeople(tx, ctx, order, next, standard, { action, appointmentChanged, reason: body.reason as string | undefined, automatic: options.automatic ?? false });
  await recordAudit(tx, ctx, {
    organizationId: order.organizationId,
    entityType: 'work_order',
    entityId: order.id,
    action,
    before: { state: order.state, assigneeStaffId: order.assigneeStaffId, appointmentAt: order.appointmentAt },
    after: { state: next.state, assigneeStaffId: next.assigneeStaffId, appointmentAt: next.appointmentAt },
  });
  return next;
}

/** Staff inbox and owner messages that follow a step. */
async function tellPeople(
  tx: DbOrTx,
  ctx: RequestContext,
  before: WorkOrderRow,
  after: WorkOrderRow,
  standard: ServiceStandard,
  step: { action: string; appointmentChanged: boolean; reason?: string; automatic: boolean },
): Promise<void> {
  const base = { organizationId: after.organizationId, communityId: after.communityId, entityType: 'work_order', entityId: after.id };
  if (after.assigneeStaffId && after.assigneeStaffId !== before.assigneeStaffId) {
    const accounts = await tx.select({ id: users.id }).from(users).where(and(eq(users.staffId, after.assigneeStaffId), isNull(users.disabledAt)));
    await notifyUsers(tx, accounts.map((a) => a.id), { ...base, kind: 'assigned', messageKey: 'notify.workAssigned', params: { number: after.number } });
  }
  const actionName = standard.transitions.find((t) => t.key === step.action)?.name ?? step.action;
  if (!step.automatic && hasRole(ctx.actor, 'resident') && ctx.actor.staffId === null) {
    const assignee = after.assigneeStaffId
      ? await tx.select({ id: users.id }).from(users).where(and(eq(users.staffId, after.assigneeStaffId), isNull(users.disabledAt)))
      : [];
    const params = { number: after.number, action: actionName };
    await notifyUsers(tx, assignee.map((a) => a.id), { ...base, kind: 'owner_replied', messageKey: 'notify.ownerReplied', params });
    await notifyRoles(tx, ['service_desk'], { ...base, kind: 'owner_replied', messageKey: 'notify.ownerReplied', params });
  }
  if (after.appointmentAt && after.appointmentAt.getTime() !== before.appointmentAt?.getTime()) {
    await messageOwner(tx, after, step.appointmentChanged ? 'outbound.appointmentChanged' : 'outbound.appointmentSet', { reason: step.reason ?? '' }, after.appointmentAt);
  }
  if (after.quote && after.quote !== before.quote && after.stateType === 'waiting') {
    await messageOwner(tx, after, 'outbound.quoteAwaitsConsent', { amount: (after.quote.totalAmount / 100).toFixed(2) });
  }
  if (after.stateType === 'completed' && before.stateType !== 'completed') {
    await messageOwner(tx, after, 'outbound.workCompleted', {});
  }
}

/** Takes an action on an order the actor can see, in one transaction; 404 when not visible. */
export async function takeAction(db: Db, ctx: RequestContext, id: string, action: string, body: Record<string, unknown>): Promise<WorkOrderRow> {
  return inTransaction(db, async (tx) => {
    const order = await findWorkOrder(tx, ctx.actor, id, true);
    if (!order) throw notFound('entity.workOrder');
    const next = await applyAction(tx, ctx, order, action, body);
    if (action === 'convert') return convertOrder(tx, ctx, next, body);
    return next;
  });
}

/** Opens the repair or complaint an inquiry turned out to be, linked both ways. */
async function convertOrder(tx: DbOrTx, ctx: RequestContext, inquiry: WorkOrderRow, body: Record<string, unknown>): Promise<WorkOrderRow> {
  await createLinkedOrder(tx, ctx, inquiry, body.kind as 'repair' | 'complaint', typeof body.category === 'string' ? body.category : 'other');
  const [row] = await tx.select().from(workOrders).where(eq(workOrders.id, inquiry.id));
  return row!;
}
