import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { createWorkOrderSchema, WorkOrderDetail } from '../../../../common/work-orders';
import type { RequestContext } from '../../../auth/context';
import { hasRole } from '../../../auth/policy';
import type { Db, DbOrTx } from '../../../db/client';
import type { CalendarConfig } from '../../../standards/calendar';
import { AppError, fieldError, type FieldProblem } from '../../../errors';
import { categoryFacts, type FactValue } from '../../../standards/definition';
import { openWork } from '../../../standards/engine';
import { checkLinkable, linkAttachments } from '../../attachments';
import { recordAudit } from '../../audit';
import { notifyRolesMany } from '../../notifications';
import { activeUnitOf, visibleCommunity, visibleResident } from '../../registry';
import { effectiveCalendar, effectiveStandard, applyTimerActions, relabelTimers } from '../../standards';
import { loadDetail } from '../load-detail';
import { nextWorkOrderNumber } from '../numbering';
import { recordEvent } from '../record-event';
import { TIMER_SUBJECT, type WorkOrderRow } from '../repository';
import { workOrders, type OrderLink } from '../tables';
import { stepOnce } from '../../../work/idempotency';
import { applyAction } from './take-action';
import { inTransaction } from '../../../db/transaction';

export type CreateWorkOrderBody = z.infer<typeof createWorkOrderSchema>;

/** A preferred visit time may lie at most this far ahead (and a few minutes behind, for slow phones). */
export const PREFERRED_MAX_DAYS = 30;
const PREFERRED_SLACK_MS = 10 * 60_000;

/** Reports about the same unit and category within this many days are linked as repeats. */
export const REPEAT_WINDOW_DAYS = 30;

export type CreateResult = { replayed: boolean; status: number; body: WorkOrderDetail };

/**
 * Opens a work order under the community's effective standard: checks place, category and
 * reporter, pins the standard version, starts the limits the engine names, links intake photos and
 * repeats, reads back the detail, and only then numbers it, notifies who takes the first step and
 * audits; all in one transaction. The day's number is taken last because the counter row stays
 * locked until the commit: intakes of one community wait for each other only over those last
 * statements, not the whole intake. With an idempotency key the kernel's `stepOnce` stores the
 * first response for every retry.
 */
export function createWorkOrder(db: Db, ctx: RequestContext, input: CreateWorkOrderBody, idempotencyKey?: string): Promise<CreateResult> {
  return inTransaction(db, (tx) =>
    stepOnce(
      tx,
      ctx,
      idempotencyKey,
      input,
      async () => {
        const opened = await openOrder(tx, ctx, input);
        const detail = await loadDetail(tx, ctx.actor, opened.row, undefined, opened.calendar);
        // The detail names the number in one place (`number`); nothing else read depends on it.
        return { ...detail, number: (await opened.finish()).number };
      },
      201,
    ),
  );
}

/**
 * Opens a work order inside the caller's transaction, for one-step hand-offs from other modules
 * (a hazard found on patrol becomes a repair together with the check-in, or not at all).
 */
export async function createWorkOrderIn(tx: DbOrTx, ctx: RequestContext, input: CreateWorkOrderBody): Promise<WorkOrderRow> {
  return (await openOrder(tx, ctx, input)).finish();
}

/** An order inserted under a provisional number; `finish` numbers it and writes what names it (once). */
interface OpenedOrder {
  row: WorkOrderRow;
  /** The community's business calendar, as the opening read it. */
  calendar: CalendarConfig;
  finish(): Promise<WorkOrderRow>;
}

async function openOrder(tx: DbOrTx, ctx: RequestContext, input: CreateWorkOrderBody): Promise<OpenedOrder> {
  const { actor } = ctx;
  const problems: Record<string, FieldProblem> = {};
  const community = await visibleCommunity(tx, actor, input.communityId, { active: true });
  if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
  const isResident = hasRole(actor, 'resident') && actor.staffId === null;

  let unitLabel: string | null = null;
  if (input.unitId) {
    const unit = await activeUnitOf(tx, community.id, input.unitId);
    if (!unit) problems.unitId = { key: 'error.notFound', params: { entity: 'entity.unit' } };
    else if (isResident && !actor.unitIds.includes(unit.id)) problems.unitId = { key: 'field.unitNotYours' };
    else unitLabel = `${unit.building} ${unit.number}`;
  }

  const pinned = await effectiveStandard(tx, input.kind, community.organizationId, community.id);
  if (!pinned) throw new Error(`no ${input.kind} standard`);
  const standard = pinned.definition;
  if (!standard.categories.some((c) => c.key === input.category)) {
    problems.category = { key: 'field.unknownCategory', params: { allowed: standard.categories.map((c) => c.key).join(', ') } };
  }

  // The reporter: a resident acting for themself, a resident picked by the desk, or typed details.
  let reporter = { name: input.reporterName ?? null, phone: input.reporterPhone ?? null, residentId: null as string | null };
  const residentId = isResident ? actor.residentId : input.reporterResidentId;
  if (residentId) {
    // Only a resident the caller may see: the desk of one community cannot name (and then read
    // the phone of) a resident of another, and gets the same answer as for a random id.
    const person = await visibleResident(tx, actor, residentId);
    if (!person) problems.reporterResidentId = { key: 'error.notFound', params: { entity: 'entity.resident' } };
    else reporter = { name: person.name, phone: person.phone, residentId: person.id };
  }
  const photoIds = input.photoIds ?? [];
  const preferredAt = input.kind === 'repair' && input.preferredAt ? new Date(input.preferredAt) : null;
  if (preferredAt) {
    const now = Date.now();
    if (preferredAt.getTime() < now - PREFERRED_SLACK_MS) problems.preferredAt = { key: 'field.notInPast' };
    else if (preferredAt.getTime() > now + PREFERRED_MAX_DAYS * 86_400_000) problems.preferredAt = { key: 'field.withinDays', params: { days: PREFERRED_MAX_DAYS } };
  }
  Object.assign(problems, await checkLinkable(tx, actor, null, { ids: photoIds, field: 'photoIds', purpose: 'intake', kinds: ['photo', 'document'] }));
  if (Object.keys(problems).length) throw fieldError(problems);

  const implied = categoryFacts(standard, input.category);
  const urgency = input.kind === 'repair' ? ((implied.urgency as string | undefined) ?? input.urgency ?? 'routine') : null;
  const paid = input.kind === 'repair' ? (input.paid ?? false) : false;
  const facts: Record<string, FactValue | null> = { kind: input.kind, category: input.category, urgency, paid, ...implied };
  const level = String(community.serviceLevel) as '1' | '2' | '3';
  const opened = openWork({ standard, level, roles: actor.roles, facts });
  if (!opened.ok) throw new AppError('FORBIDDEN', 'error.forbidden');
  const state = standard.states.find((s) => s.key === opened.to)!;

  const now = new Date();
  // Numbered last (`finish`); until then the row holds a provisional number unique to it.
  const id = randomUUID();
  const provisional = `~${id}`;
  const [order] = await tx
    .insert(workOrders)
    .values({
      id,
      organizationId: community.organizationId,
      communityId: community.id,
      unitId: input.unitId ?? null,
      unitLabel,
      kind: input.kind,
      number: provisional,
      standardVersionId: pinned.id,
      state: state.key,
      stateType: state.type,
      stateEnteredAt: now,
      category: input.category,
      urgency: urgency as WorkOrderRow['urgency'],
      paid,
      channel: input.channel,
      source: input.kind === 'complaint' ? (input.source ?? null) : null,
      description: input.description,
      reporterName: reporter.name,
      reporterPhone: reporter.phone,
      reporterResidentId: reporter.residentId,
      reporterUserId: isResident ? actor.userId : null,
      anonymous: input.kind === 'complaint' ? (input.anonymous ?? false) : false,
      preferredAt,
      facts,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const row = order!;
  await recordEvent(tx, ctx, row, {
    kind: 'created',
    channel: input.channel,
    toState: state.key,
    data: { category: input.category, urgency, paid, description: input.description, photoIds, ...(preferredAt ? { preferredAt: preferredAt.toISOString() } : {}) },
    at: now,
  });
  const calendar = await effectiveCalendar(tx, community);
  const subject = { type: TIMER_SUBJECT, id: row.id, organizationId: row.organizationId, communityId: row.communityId, label: provisional };
  await applyTimerActions(tx, subject, standard, opened.timers, calendar, now, { newSubject: true });
  await linkAttachments(tx, row, photoIds, 'intake');
  const repeats = await linkRepeats(tx, ctx, row);
  const current: WorkOrderRow = repeats?.row ?? row;

  let finished: WorkOrderRow | null = null;
  const finish = async (): Promise<WorkOrderRow> => {
    if (finished) return finished;
    // From here the community's day counter stays locked until the commit: keep what follows short.
    const number = await nextWorkOrderNumber(tx, community, input.kind, now);
    const [numbered] = await tx.update(workOrders).set({ number }).where(eq(workOrders.id, row.id)).returning();
    finished = numbered!;
    await relabelTimers(tx, TIMER_SUBJECT, row.id, number);
    for (const e of repeats?.earlier ?? []) {
      // Same unit, so the same community.
      await recordEvent(tx, ctx, { id: e.id, organizationId: row.organizationId, communityId: row.communityId }, { kind: 'linked', visibility: 'internal', data: { relation: 'repeated_by', number, id: row.id } });
    }
    // Whoever can take the first step hears of the new work.
    const firstRoles = [...new Set(standard.transitions.filter((t) => t.from.includes(state.key)).flatMap((t) => t.roles))].filter(
      (r) => r !== 'resident' && r !== 'technician',
    );
    await notifyRolesMany(tx, [
      {
        roles: firstRoles,
        organizationId: row.organizationId,
        communityId: row.communityId,
        kind: 'new_work',
        messageKey: 'notify.newWork',
        params: { number, kind: `kind.${input.kind}` },
        entityType: 'work_order',
        entityId: row.id,
      },
    ]);
    await recordAudit(tx, ctx, { organizationId: row.organizationId, entityType: 'work_order', entityId: row.id, action: 'create', after: { number, kind: row.kind, category: row.category, state: row.state, communityId: row.communityId, unitId: row.unitId } });
    return finished;
  };

  // An inquiry answered on the spot is logged and answered in one step (which names the number).
  if (input.kind === 'inquiry' && input.answer) {
    await finish();
    finished = await applyAction(tx, ctx, finished!, 'answer', { answer: input.answer, channel: input.channel }, now);
    return { row: finished, calendar, finish: async () => finished! };
  }
  return { row: current, calendar, finish };
}

/**
 * Opens an order of another kind for the matter of `origin` (an inquiry converted into a repair
 * or complaint), copying place, reporter and description, and links the two both ways.
 */
export async function createLinkedOrder(
  tx: DbOrTx,
  ctx: RequestContext,
  origin: WorkOrderRow,
  kind: 'repair' | 'complaint',
  category: string,
): Promise<WorkOrderRow> {
  const created = await createWorkOrderIn(tx, ctx, {
    kind,
    communityId: origin.communityId,
    unitId: origin.unitId,
    channel: origin.channel,
    category,
    description: origin.description,
    reporterResidentId: origin.reporterResidentId,
    reporterName: origin.reporterName ?? undefined,
    reporterPhone: origin.reporterPhone ?? undefined,
  });
  const [linked] = await tx
    .update(workOrders)
    .set({ links: [...created.links, { id: origin.id, relation: 'converted_from' }] })
    .where(eq(workOrders.id, created.id))
    .returning();
  await tx.update(workOrders).set({ links: [...origin.links, { id: created.id, relation: 'converted_to' }] }).where(eq(workOrders.id, origin.id));
  await recordEvent(tx, ctx, origin, { kind: 'linked', data: { relation: 'converted_to', number: created.number, id: created.id } });
  return linked!;
}

/**
 * Links earlier open-or-recent orders of the same kind, unit and category (repeat reports): the new
 * order's links and timeline entry now; the earlier orders' entries name the new number, so the
 * caller writes them once it is numbered.
 */
async function linkRepeats(tx: DbOrTx, ctx: RequestContext, order: WorkOrderRow): Promise<{ row: WorkOrderRow; earlier: { id: string }[] } | null> {
  if (!order.unitId) return null;
  const since = new Date(order.createdAt.getTime() - REPEAT_WINDOW_DAYS * 86_400_000);
  const earlier = await tx
    .select({ id: workOrders.id, number: workOrders.number, links: workOrders.links })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.organizationId, order.organizationId),
        eq(workOrders.unitId, order.unitId),
        eq(workOrders.kind, order.kind),
        eq(workOrders.category, order.category),
        gte(workOrders.createdAt, since),
        ne(workOrders.id, order.id),
      ),
    );
  if (!earlier.length) return null;
  for (const e of earlier) {
    await tx.update(workOrders).set({ links: [...e.links, { id: order.id, relation: 'repeated_by' }] }).where(eq(workOrders.id, e.id));
  }
  const links: OrderLink[] = earlier.map((e) => ({ id: e.id, relation: 'repeat_of' }));
  await recordEvent(tx, ctx, order, { kind: 'linked', visibility: 'internal', data: { relation: 'repeat_of', numbers: earlier.map((e) => e.number) } });
  const [updated] = await tx.update(workOrders).set({ links }).where(inArray(workOrders.id, [order.id])).returning();
  return { row: updated!, earlier };
}
