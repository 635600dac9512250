import { and, eq, inArray, isNull } from 'drizzle-orm';
import { EVENT_CHANNELS, type EventChannel, type WorkOrderDetail } from '../../../../common/work-orders';
import type { RequestContext } from '../../../auth/context';
import { hasRole } from '../../../auth/policy';
import type { Db, DbOrTx } from '../../../db/client';
import { autoAdvanceDelayMs, type RecordRequirement, type ServiceLevel, type ServiceStandard } from '../../../standards/definition';
import type { ItemLine, PriceLine } from '../../../../common/work/records';
import { runStep, type StepChange, type SubjectKind } from '../../../work/take-step';
import { stepOnce } from '../../../work/idempotency';
import { linkAttachments } from '../../attachments';
import { chargeRepair } from '../../fees';
import { notifyRoles, notifyStaff } from '../../notifications';
import { communityById, staffNames } from '../../registry';
import { effectiveCalendar } from '../../standards';
import { snapshots, timersOf } from '../../standards';
import { loadDetail } from '../load-detail';
import { messageOwner } from '../owner-messages';
import { effectiveRoles } from '../policy';
import { findWorkOrder, TIMER_SUBJECT, type WorkOrderRow } from '../repository';
import { pinnedStandard } from '../../standards';
import { priceListItems, workOrders } from '../tables';
import { recordEvent } from '../record-event';
import { createLinkedOrder } from './create-work-order';
import { inTransaction } from '../../../db/transaction';

/** The first value of a record of `type` among the step's given records (projections read by type). */
function firstOf(change: StepChange, type: RecordRequirement['type'], filter: (r: RecordRequirement) => boolean = () => true): unknown {
  const r = change.records.find((x) => x.type === type && filter(x));
  return r ? change.values[r.name] : undefined;
}
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The facts a step set (`sets` of its transition), and the `paid` column that mirrors its fact. */
function factColumns(change: StepChange): Partial<typeof workOrders.$inferInsert> {
  const sets = change.transition.sets;
  if (!sets) return {};
  const out: Partial<typeof workOrders.$inferInsert> = { facts: change.facts as WorkOrderRow['facts'] };
  if (typeof sets.paid === 'boolean') out.paid = sets.paid;
  return out;
}

/**
 * The columns of a work order a step's records project onto, chosen by record type and the
 * standard's flags, never by step name: a staff record marked `assigns` sets the assignee, a
 * date-time record marked `appointment` sets the appointment, and the transition's `projects` flag
 * fills one of the console's summaries (quote, consent, completion, acceptance, return visit).
 */
function projections(order: WorkOrderRow, change: StepChange): { patch: Partial<typeof workOrders.$inferInsert>; eventData: Record<string, unknown> } {
  const patch: Partial<typeof workOrders.$inferInsert> = {};
  const eventData: Record<string, unknown> = {};
  const at = change.now.toISOString();
  const by = change.by;
  const assignee = change.records.find((r) => r.type === 'staff' && r.assigns);
  if (assignee) patch.assigneeStaffId = change.values[assignee.name] as string;
  else if (change.transition.unassigns) patch.assigneeStaffId = null;
  const appointment = change.records.find((r) => r.type === 'datetime' && r.appointment);
  const value = appointment ? change.values[appointment.name] : undefined;
  if (typeof value === 'string') {
    patch.appointmentAt = new Date(value);
    const reason = firstOf(change, 'text');
    eventData.appointment = { from: order.appointmentAt?.toISOString() ?? null, to: patch.appointmentAt.toISOString(), reason: str(reason) };
  }
  // Summaries read the step's base records first; a reason given for one outcome is a text too.
  const base = new Set(change.transition.records.map((r) => r.name));
  const baseText = (multiline?: boolean) => str(firstOf(change, 'text', (r) => base.has(r.name) && (multiline === undefined || !!r.multiline === multiline)));
  const outcomeText = () => str(firstOf(change, 'text', (r) => !base.has(r.name)));
  const approved = firstOf(change, 'boolean') === true;
  switch (change.transition.projects) {
    case 'quote': {
      const lines = (firstOf(change, 'price_lines') as PriceLine[] | undefined) ?? [];
      const items = lines.map((i) => ({ priceItemId: i.priceItemId ?? null, name: i.name, quantity: i.quantity, amount: i.amount }));
      const fromList = items.length > 0 && items.every((i) => i.priceItemId);
      patch.quote = {
        items,
        totalAmount: items.reduce((sum, i) => sum + i.amount, 0),
        diagnosis: baseText(true),
        // Lines from the published list are their own basis.
        priceBasis: baseText(false) ?? (fromList ? `price_list: ${items.map((i) => i.name).join(', ')}` : null),
        at,
        by,
      };
      eventData.quote = { totalAmount: patch.quote.totalAmount, items: items.length };
      break;
    }
    case 'consent':
      patch.consent = { approved, at, by, channel: change.channel, reason: outcomeText() };
      break;
    case 'completion':
      patch.completion = {
        note: baseText(),
        photoIds: (firstOf(change, 'photo') as string[] | undefined) ?? [],
        materials: (firstOf(change, 'item_lines') as ItemLine[] | undefined) ?? [],
        at,
      };
      break;
    case 'acceptance':
      patch.acceptance = { approved, signatureId: str(firstOf(change, 'signature')), reason: outcomeText(), at, by };
      break;
    case 'return_visit': {
      const score = firstOf(change, 'number');
      const satisfied = firstOf(change, 'boolean');
      patch.returnVisit = {
        score: typeof score === 'number' ? score : null,
        satisfied: typeof satisfied === 'boolean' ? satisfied : null,
        comment: baseText(),
        at,
        by,
      };
      break;
    }
    default:
      break;
  }
  return { patch, eventData };
}

/** Work orders as a subject of `runStep`. */
export const workOrderSubject: SubjectKind<WorkOrderRow> = {
  timerType: TIMER_SUBJECT,
  entityType: 'work_order',
  notFound: 'entity.workOrder',
  lock: (tx, actor, id) => findWorkOrder(tx, actor, id, true),
  view: (o) => ({ id: o.id, organizationId: o.organizationId, communityId: o.communityId, label: o.number, state: o.state, version: o.version, facts: o.facts, counters: o.counters }),
  standard: async (tx, o) => (await pinnedStandard(tx, o.standardVersionId)).definition,
  roles: (actor, o) => effectiveRoles(actor, o),
  level: async (tx, o) => {
    const c = await communityById(tx, o.communityId);
    return String(c?.serviceLevel ?? 1) as ServiceLevel;
  },
  calendar: (tx, o) => effectiveCalendar(tx, o.communityId),
  timers: async (tx, o) => snapshots(await timersOf(tx, TIMER_SUBJECT, o.id)),
  contract: (o, standard) => ({
    id: o.id,
    organizationId: o.organizationId,
    communityId: o.communityId,
    categorySkill: standard.categories.find((c) => c.key === o.category)?.skill ?? null,
    knownPriceItems: async (tx, ids) => {
      const rows = await tx
        .select({ id: priceListItems.id })
        .from(priceListItems)
        .where(and(inArray(priceListItems.id, ids), eq(priceListItems.communityId, o.communityId), isNull(priceListItems.archivedAt)));
      return new Set(rows.map((r) => r.id));
    },
  }),
  capabilities: (o, standard) => ({
    // The agreed appointment is the value an appointment record holds now.
    currentValue: (record) => (standard.transitions.some((t) => t.records.some((r) => r.name === record && r.appointment)) ? o.appointmentAt?.toISOString() : undefined),
    openLinked: async (tx, ctx, service, category) => {
      if (service !== 'repair' && service !== 'complaint') throw new Error(`cannot open a linked ${service}`);
      await createLinkedOrder(tx, ctx, o, service, category);
    },
  }),
  channelOf: (ctx, values) => {
    // A step records how the owner was reached in its `channel` choice; residents act in the app.
    if (typeof values.channel === 'string' && (EVENT_CHANNELS as readonly string[]).includes(values.channel)) return values.channel;
    return hasRole(ctx.actor, 'resident') && ctx.actor.staffId === null ? 'app' : 'console';
  },
  write: async (tx, order, change, standard) => {
    const { patch, eventData } = projections(order, change);
    if (patch.assigneeStaffId) {
      const names = await staffNames(tx, [patch.assigneeStaffId]);
      eventData.assignee = { id: patch.assigneeStaffId, name: names.get(patch.assigneeStaffId) ?? '', previousId: order.assigneeStaffId };
    }
    const target = standard.states.find((s) => s.key === change.to)!;
    const rule = standard.autoAdvance.find((r) => r.from === target.key);
    const [updated] = await tx
      .update(workOrders)
      .set({
        ...patch,
        state: target.key,
        stateType: target.type,
        stateEnteredAt: change.to !== order.state ? change.now : order.stateEnteredAt,
        counters: change.counters,
        ...factColumns(change),
        version: change.version,
        autoAdvanceAt: rule ? new Date(change.now.getTime() + autoAdvanceDelayMs(rule)) : null,
        updatedAt: change.now,
      })
      .where(eq(workOrders.id, order.id))
      .returning();
    return { row: updated!, eventData };
  },
  recordEvent: (tx, ctx, order, e) =>
    recordEvent(tx, ctx, order, { kind: 'transition', action: e.action, channel: e.channel as EventChannel, fromState: e.from, toState: e.to, automatic: e.automatic, data: e.data, at: e.at }),
  link: (tx, order, ids, purpose) => linkAttachments(tx, order, ids, purpose),
  notify: async (tx, ctx, before, after, standard, change) => {
    await handCharge(tx, ctx, before, after);
    await tellPeople(tx, ctx, before, after, standard, change);
  },
  auditView: (o) => ({ state: o.state, assigneeStaffId: o.assigneeStaffId, appointmentAt: o.appointmentAt }),
};

/**
 * Takes one action on a locked order inside the caller's transaction (see `runStep`). Kept for
 * the module's own callers: intake answering an inquiry at once, auto-advance and breached limits.
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
  return runStep(tx, ctx, { kind: workOrderSubject, row: order }, action, rawBody, { now, automatic: options.automatic });
}

/**
 * Paid work is charged when it is done: an order entering a completed-type state for the first
 * time with a quote the owner agreed to hands the quote's total to the unit's fee account (the
 * fees module posts it once per order, in this transaction). Keyed by state type and the
 * recorded consent, never by a step's name.
 */
async function handCharge(tx: DbOrTx, ctx: RequestContext, before: WorkOrderRow, after: WorkOrderRow): Promise<void> {
  if (after.stateType !== 'completed' || before.stateType === 'completed') return;
  if (!after.quote || after.consent?.approved !== true || !after.unitId) return;
  await chargeRepair(tx, ctx, { organizationId: after.organizationId, communityId: after.communityId, unitId: after.unitId, workOrderId: after.id, number: after.number, amountFen: after.quote.totalAmount });
}

/** Staff inbox and owner messages that follow a step. */
async function tellPeople(tx: DbOrTx, ctx: RequestContext, before: WorkOrderRow, after: WorkOrderRow, standard: ServiceStandard, change: StepChange): Promise<void> {
  const base = { organizationId: after.organizationId, communityId: after.communityId, entityType: 'work_order', entityId: after.id };
  if (after.assigneeStaffId !== before.assigneeStaffId) {
    const params = { number: after.number };
    if (after.assigneeStaffId) await notifyStaff(tx, [after.assigneeStaffId], { ...base, kind: 'assigned', messageKey: 'notify.workAssigned', params });
    // The technician who had it learns it was taken over; an order handed back goes to dispatch.
    if (before.assigneeStaffId && after.assigneeStaffId && !change.automatic && ctx.actor.staffId !== before.assigneeStaffId) {
      await notifyStaff(tx, [before.assigneeStaffId], { ...base, kind: 'assigned', messageKey: 'notify.workTakenOver', params });
    }
    if (before.assigneeStaffId && !after.assigneeStaffId) await notifyRoles(tx, ['dispatcher'], { ...base, kind: 'assigned', messageKey: 'notify.workReturned', params });
  }
  if (!change.automatic && hasRole(ctx.actor, 'resident') && ctx.actor.staffId === null) {
    const state = standard.states.find((x) => x.key === after.state);
    const params = { number: after.number, state: state ? state.name : after.state };
    if (after.assigneeStaffId) await notifyStaff(tx, [after.assigneeStaffId], { ...base, kind: 'owner_replied', messageKey: 'notify.ownerReplied', params });
    await notifyRoles(tx, ['service_desk'], { ...base, kind: 'owner_replied', messageKey: 'notify.ownerReplied', params });
  }
  const entered = standard.states.find((s) => s.key === change.to);
  if (entered?.notify?.length && change.to !== change.from) {
    await notifyRoles(tx, entered.notify, { ...base, kind: 'state_entered', messageKey: 'notify.stateEntered', params: { number: after.number, state: entered.name } });
  }
  if (after.appointmentAt && after.appointmentAt.getTime() !== before.appointmentAt?.getTime()) {
    const changed = before.appointmentAt !== null;
    const reason = str(firstOf(change, 'text')) ?? '';
    await messageOwner(tx, after, changed ? 'outbound.appointmentChanged' : 'outbound.appointmentSet', { reason }, after.appointmentAt);
  }
  if (after.quote && after.quote !== before.quote && after.stateType === 'waiting') {
    await messageOwner(tx, after, 'outbound.quoteAwaitsConsent', { amount: (after.quote.totalAmount / 100).toFixed(2) });
  }
  if (after.stateType === 'completed' && before.stateType !== 'completed') {
    await messageOwner(tx, after, 'outbound.workCompleted', {});
  }
  void standard;
}

/** How a step request was sent: `Idempotency-Key` (retries get the first response) and `If-Match` (the version seen). */
export interface StepRequest {
  idempotencyKey?: string;
  expectedVersion?: number;
}

/**
 * Takes an action on an order the actor can see, in one transaction; 404 when not visible.
 * With an idempotency key the first response is stored and returned to every retry of the same
 * step and body; the same key with another step or body is a 409 (`stepOnce`). With the version
 * the caller saw, a step on an order that has moved on since is a 409 STALE.
 */
export async function takeAction(
  db: Db,
  ctx: RequestContext,
  id: string,
  action: string,
  body: unknown,
  request: StepRequest = {},
): Promise<{ replayed: boolean; body: WorkOrderDetail }> {
  return inTransaction(db, (tx) =>
    stepOnce(tx, ctx, request.idempotencyKey, { id, action, body }, async () => {
      const order = await runStep(tx, ctx, { kind: workOrderSubject, id }, action, body, { expectedVersion: request.expectedVersion });
      return loadDetail(tx, ctx.actor, order);
    }),
  );
}
