import { and, eq } from 'drizzle-orm';
import type { RequestContext } from '../../auth/context';
import { hasRole } from '../../auth/policy';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import type { ServiceLevel, ServiceStandard, TransitionDefinition } from '../../standards/definition';
import { linkToSubject } from '../../work/attachment-links';
import { recordWorkEvent } from '../../work/timeline';
import type { StepChange, SubjectKind } from '../../work/take-step';
import { communityById } from '../registry';
import { effectiveCalendar, snapshots, timersOf } from '../standards';
import { pinnedStandard } from '../standards';
import { gatePolicy, gateRoles } from './policy';
import { decorations, gatePasses, goodsSlips, GATE_PASS_SUBJECT, GOODS_SLIP_SUBJECT, type GatePerson } from './tables';

/**
 * Passes, release slips and decorations as subjects of the work kernel's `runStep`: one path
 * for every step of every gate standard (visitor, goods_release, decoration). What a step writes
 * beyond its state comes from the transition's `projects` flag and the records' types, never
 * from a step's name: `entry`/`exit` keep a pass's entry and exit times, `release` keeps the
 * guard's check and signature on a slip. Registered with the kernel as the `step` of the gate's
 * kind objects (`subjects.ts`).
 */

export type PassRow = typeof gatePasses.$inferSelect;
export type SlipRow = typeof goodsSlips.$inferSelect;
export type DecorationRow = typeof decorations.$inferSelect;
type GateTable = typeof gatePasses | typeof goodsSlips | typeof decorations;

/** Who acted, as copied onto gate records. */
export function personOf(ctx: RequestContext | null): GatePerson | null {
  return ctx ? { userId: ctx.actor.userId, name: ctx.actor.displayName } : null;
}

/**
 * The row of `table` the actor may read, locked for the step; null when it does not exist, is of
 * another company or another community the actor does not serve (all the same 404).
 */
async function lockReadable<T extends GateTable>(tx: DbOrTx, actor: Actor, table: T, id: string): Promise<T['$inferSelect'] | null> {
  if (!actor.organizationId) return null;
  const t = table as typeof gatePasses;
  const [row] = await tx.select().from(t).where(and(eq(t.id, id), eq(t.organizationId, actor.organizationId))).for('update');
  return row && gatePolicy.can(actor, 'read', row) ? (row as T['$inferSelect']) : null;
}

async function levelOf(tx: DbOrTx, communityId: string): Promise<ServiceLevel> {
  const c = await communityById(tx, communityId);
  return String(c?.serviceLevel ?? 1) as ServiceLevel;
}

/** Residents act in the app, staff at the post or the desk. */
function channelOf(ctx: RequestContext): string {
  return hasRole(ctx.actor, 'resident') && ctx.actor.staffId === null ? 'app' : 'console';
}

/** The first value among the step's given records of a type. */
function firstOf(change: StepChange, type: string): unknown {
  const r = change.records.find((x) => x.type === type);
  return r ? change.values[r.name] : undefined;
}

/** The state columns every gate step writes. */
function stateColumns(row: { state: string; stateEnteredAt: Date }, change: StepChange, standard: ServiceStandard) {
  const target = standard.states.find((s) => s.key === change.to)!;
  return {
    state: target.key,
    stateType: target.type,
    stateEnteredAt: change.to !== row.state ? change.now : row.stateEnteredAt,
    version: change.version,
    updatedAt: change.now,
  };
}

/** What the kinds share: the standard, level, calendar, timers, contract, hooks, channel. */
function common<Row extends { id: string; organizationId: string; communityId: string; standardVersionId: string }>(type: string) {
  return {
    standard: async (tx: DbOrTx, row: Row) => (await pinnedStandard(tx, row.standardVersionId)).definition,
    level: (tx: DbOrTx, row: Row) => levelOf(tx, row.communityId),
    calendar: (tx: DbOrTx, row: Row) => effectiveCalendar(tx, row.communityId),
    timers: async (tx: DbOrTx, row: Row) => snapshots(await timersOf(tx, type, row.id)),
    contract: (row: Row) => ({
      id: row.id,
      organizationId: row.organizationId,
      communityId: row.communityId,
      categorySkill: null,
      // Gate work has no price list.
      knownPriceItems: async () => new Set<string>(),
    }),
    capabilities: () => ({}),
    channelOf: (ctx: RequestContext) => channelOf(ctx),
    recordEvent: async (
      tx: DbOrTx,
      ctx: RequestContext | null,
      row: Row,
      e: { action: string; channel: string; from: string; to: string; automatic: boolean; data: Record<string, unknown>; at: Date },
    ) => {
      await recordWorkEvent(tx, ctx, { type: type as 'gate_pass', id: row.id, organizationId: row.organizationId, communityId: row.communityId }, {
        kind: 'transition',
        action: e.action,
        channel: e.channel,
        fromState: e.from,
        toState: e.to,
        automatic: e.automatic,
        data: e.data,
        at: e.at,
      });
    },
    link: (tx: DbOrTx, row: Row, ids: string[], purpose: string) => linkToSubject(tx, { type: type as 'gate_pass', id: row.id, organizationId: row.organizationId }, ids, purpose),
    // Gate steps tell nobody beyond the board and the timeline: the guard acts in front of the visitor.
    notify: async () => {},
  };
}

/** Visitor passes under the `visitor` standard. */
export const passSubject: SubjectKind<PassRow> = {
  ...common<PassRow>(GATE_PASS_SUBJECT),
  timerType: GATE_PASS_SUBJECT,
  entityType: GATE_PASS_SUBJECT,
  notFound: 'entity.gatePass',
  lock: (tx, actor, id) => lockReadable(tx, actor, gatePasses, id),
  view: (p) => ({ id: p.id, organizationId: p.organizationId, communityId: p.communityId, label: p.code, state: p.state, version: p.version, facts: p.facts, counters: {} }),
  roles: (actor, p) => gateRoles(actor, p),
  write: async (tx, pass, change, standard) => {
    const projects = change.transition.projects;
    const times = projects === 'entry' ? { enteredAt: change.now } : projects === 'exit' ? { exitedAt: change.now } : {};
    const [row] = await tx
      .update(gatePasses)
      .set({ ...stateColumns(pass, change, standard), ...times })
      .where(eq(gatePasses.id, pass.id))
      .returning();
    return { row: row!, eventData: { visitorName: pass.visitorName } };
  },
  auditView: (p) => ({ state: p.state, enteredAt: p.enteredAt, exitedAt: p.exitedAt }),
};

/** Goods-release slips under the `goods_release` standard. */
export const slipSubject: SubjectKind<SlipRow> = {
  ...common<SlipRow>(GOODS_SLIP_SUBJECT),
  timerType: GOODS_SLIP_SUBJECT,
  entityType: GOODS_SLIP_SUBJECT,
  notFound: 'entity.goodsSlip',
  lock: (tx, actor, id) => lockReadable(tx, actor, goodsSlips, id),
  view: (s) => ({ id: s.id, organizationId: s.organizationId, communityId: s.communityId, label: s.code, state: s.state, version: s.version, facts: s.facts, counters: {} }),
  roles: (actor, s) => gateRoles(actor, s),
  write: async (tx, slip, change, standard) => {
    // The release record: who let the goods out, when, and the signature the step was given.
    const signature = firstOf(change, 'signature');
    const release =
      change.transition.projects === 'release'
        ? { at: change.now.toISOString(), by: change.by, signatureId: typeof signature === 'string' ? signature : null }
        : slip.release;
    const [row] = await tx
      .update(goodsSlips)
      .set({ ...stateColumns(slip, change, standard), release })
      .where(eq(goodsSlips.id, slip.id))
      .returning();
    return { row: row!, eventData: {} };
  },
  auditView: (s) => ({ state: s.state, release: s.release }),
};

/** Decoration registrations under the `decoration` standard. */
export const decorationSubject: SubjectKind<DecorationRow> = {
  ...common<DecorationRow>('decoration'),
  timerType: 'decoration',
  entityType: 'decoration',
  notFound: 'entity.decoration',
  lock: (tx, actor, id) => lockReadable(tx, actor, decorations, id),
  view: (d) => ({ id: d.id, organizationId: d.organizationId, communityId: d.communityId, label: `${d.unitLabel} ${d.company}`, state: d.state, version: d.version, facts: d.facts, counters: {} }),
  roles: (actor, d) => gateRoles(actor, d),
  write: async (tx, deco, change, standard) => {
    const columns = stateColumns(deco, change, standard);
    const [row] = await tx
      .update(decorations)
      .set({ ...columns, cancelledAt: columns.stateType === 'cancelled' ? change.now : deco.cancelledAt })
      .where(eq(decorations.id, deco.id))
      .returning();
    return { row: row!, eventData: {} };
  },
  auditView: (d) => ({ state: d.state }),
};

/** Whether taking `t` uses the pass or slip (its validity is checked before). */
export function usesItem(t: TransitionDefinition | undefined): boolean {
  return t?.projects === 'entry' || t?.projects === 'release';
}
