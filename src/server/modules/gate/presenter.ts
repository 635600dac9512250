import { asc, eq } from 'drizzle-orm';
import type { Decoration, GatePass, GoodsSlip, PublicPass } from '../../../common/gate';
import { QR_PREFIX } from '../../../common/gate';
import type { Locale } from '../../../common/locale';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { systemTransitions, type ServiceStandard, type TransitionDefinition } from '../../standards/definition';
import { ownerVisibleData } from '../../standards/engine';
import { describeActions, stepRecords } from '../../work/action-contract';
import type { SubjectType } from '../../work/subjects';
import { communityNames, maskPhone } from '../registry';
import { timersOf } from '../standards';
import { pinnedStandard } from '../standards';
import { gatePolicy, gateRoles, isPostStaff } from './policy';
import type { CommunityInfo, PassRow, SlipRow } from './repository';
import { timelineOf } from '../../work/timeline';
import { usesItem, type DecorationRow } from './step-kinds';
import { decorationWorkers, GATE_PASS_SUBJECT, GOODS_SLIP_SUBJECT } from './tables';
import { expiredStates, passVerdict, refusalText, slipVerdict, type Verdict } from './verdict';

interface Presenting {
  actor: Actor;
  locale: Locale;
  now: Date;
  community: CommunityInfo;
  /** Include the log and the timers (detail views). */
  detail?: boolean;
}

/**
 * The item's state and the steps the caller may take now, described from its pinned standard
 * (`actions`, with the records each asks for) and as keys (`allowedActions`, plus `share` for
 * those who may print or send it). A step that uses the pass or slip is offered only while it
 * may be used.
 */
async function stateAndActions(db: DbOrTx, actor: Actor, row: PassRow | SlipRow, verdict: Verdict) {
  const pinned = await pinnedStandard(db, row.standardVersionId);
  const standard = pinned.definition;
  const state = standard.states.find((s) => s.key === row.state) ?? { key: row.state, type: row.stateType, name: { 'zh-CN': row.state, 'en-US': row.state } };
  const actions = describeActions({ standard, state: row.state, roles: gateRoles(actor, row), facts: row.facts }, systemTransitions(standard)).filter(
    (a) => verdict.ok || !usesItem(standard.transitions.find((t) => t.key === a.key)),
  );
  const allowed = actions.map((a) => a.key);
  if (gatePolicy.can(actor, 'share', row)) allowed.push('share');
  return { state: { key: state.key, type: state.type, name: state.name }, allowed, actions, standard, pinned: { versionId: pinned.versionId, version: pinned.version } };
}

/** Labels of a step's records by record name (none for `created`). */
function labelsOf(t: TransitionDefinition | undefined): Record<string, { 'zh-CN': string; 'en-US': string }> {
  return t ? Object.fromEntries(stepRecords(t).map(({ record }) => [record.name, record.label])) : {};
}

/**
 * The item's timeline (oldest first) and its timers, for detail views. `forResident`: the
 * resident's view, without the records the standard marks staff-only (`internal`).
 */
export async function logAndTimers(db: DbOrTx, subjectType: SubjectType, id: string, standard: ServiceStandard, forResident: boolean) {
  const [events, timers] = await Promise.all([
    timelineOf(db, { type: subjectType, id }),
    timersOf(db, subjectType, id),
  ]);
  return {
    events: events.map((e) => ({
      id: e.id,
      // Every gate entry names its step (`created` or the transition key).
      action: e.action ?? e.kind,
      actionName: standard.transitions.find((t) => t.key === e.action)?.name ?? null,
      fromState: e.fromState,
      toState: e.toState,
      toStateName: standard.states.find((st) => st.key === e.toState)?.name ?? null,
      // The labels of the step's records, so a client shows each value under its name in the standard.
      labels: labelsOf(standard.transitions.find((t) => t.key === e.action)),
      automatic: e.automatic,
      by: e.actorName ? { userId: e.actorUserId, name: e.actorName } : null,
      data: forResident ? ownerVisibleData(standard, e.action, e.data) : e.data,
      at: e.at.toISOString(),
    })),
    timers: timers.map((t) => ({ limitKey: t.limitKey, name: t.limitName, status: t.status, dueAt: t.dueAt?.toISOString() ?? null })),
  };
}

/** A pass as the caller may see it: phone masked unless allowed, the token only for those who share it. */
export async function presentPass(db: DbOrTx, row: PassRow, p: Presenting): Promise<GatePass> {
  const standardOf = (await pinnedStandard(db, row.standardVersionId)).definition;
  const verdict = passVerdict(row, p.now, expiredStates(standardOf));
  const { state, allowed, actions, standard, pinned } = await stateAndActions(db, p.actor, row, verdict);
  const fullPhone = gatePolicy.can(p.actor, 'seeFullPhone', row);
  return {
    id: row.id,
    communityId: row.communityId,
    communityName: p.community.name,
    unitId: row.unitId,
    unitLabel: row.unitLabel,
    hostName: row.hostName,
    origin: row.origin,
    number: row.number,
    code: row.code,
    token: allowed.includes('share') ? row.token : null,
    visitorName: row.visitorName,
    visitorPhone: row.visitorPhone ? (fullPhone ? row.visitorPhone : maskPhone(row.visitorPhone)) : null,
    plate: row.plate,
    partySize: row.partySize,
    purpose: row.purpose,
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil.toISOString(),
    confirmation: row.confirmation,
    decorationId: row.decorationId,
    state,
    verdict: { ok: verdict.ok, reason: verdict.reason, message: refusalText('pass', verdict, p.community.timeZone, p.locale) },
    enteredAt: row.enteredAt?.toISOString() ?? null,
    exitedAt: row.exitedAt?.toISOString() ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    standard: pinned,
    version: row.version,
    allowedActions: allowed,
    actions,
    ...(p.detail ? await logAndTimers(db, GATE_PASS_SUBJECT, row.id, standard, !isPostStaff(p.actor, row)) : {}),
  };
}

/** A release slip as the caller may see it. */
export async function presentSlip(db: DbOrTx, row: SlipRow, p: Presenting): Promise<GoodsSlip> {
  const standardOf = (await pinnedStandard(db, row.standardVersionId)).definition;
  const verdict = slipVerdict({ ...row, releasedAt: row.release ? new Date(row.release.at) : null }, p.now, expiredStates(standardOf));
  const { state, allowed, actions, standard, pinned } = await stateAndActions(db, p.actor, row, verdict);
  const fullPhone = gatePolicy.can(p.actor, 'seeFullPhone', row);
  return {
    id: row.id,
    communityId: row.communityId,
    communityName: p.community.name,
    unitId: row.unitId,
    unitLabel: row.unitLabel,
    number: row.number,
    code: row.code,
    token: allowed.includes('share') ? row.token : null,
    items: row.items,
    carrierName: row.carrierName,
    carrierPhone: row.carrierPhone ? (fullPhone ? row.carrierPhone : maskPhone(row.carrierPhone)) : null,
    plate: row.plate,
    note: row.note,
    confirmation: row.confirmation,
    validUntil: row.validUntil.toISOString(),
    state,
    verdict: { ok: verdict.ok, reason: verdict.reason, message: refusalText('slip', verdict, p.community.timeZone, p.locale) },
    release: row.release,
    issuedBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    standard: pinned,
    version: row.version,
    allowedActions: allowed,
    actions,
    ...(p.detail ? await logAndTimers(db, GOODS_SLIP_SUBJECT, row.id, standard, !isPostStaff(p.actor, row)) : {}),
  };
}

/** The visitor's own view by token: only what the visitor needs at the gate. */
export async function presentPublicPass(db: DbOrTx, row: PassRow, community: CommunityInfo, locale: Locale, now: Date): Promise<PublicPass> {
  const standard = (await pinnedStandard(db, row.standardVersionId)).definition;
  const state = standard.states.find((s) => s.key === row.state)!;
  const verdict = passVerdict(row, now, expiredStates(standard));
  return {
    communityName: community.name,
    visitorName: `${[...row.visitorName][0] ?? ''}*`,
    code: row.code,
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil.toISOString(),
    partySize: row.partySize,
    state: { key: state.key, type: state.type, name: state.name },
    verdict: { ok: verdict.ok, reason: verdict.reason, message: refusalText('pass', verdict, community.timeZone, locale) },
    qrContent: `${QR_PREFIX.pass}${row.token}`,
  };
}

/** Today's local date in a time zone (YYYY-MM-DD). */
export function localToday(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * A decoration registration with its workers, its state under its pinned `decoration` standard,
 * the steps the caller may take (`actions`) and, for detail views, its timeline.
 */
export async function presentDecoration(db: DbOrTx, actor: Actor, row: DecorationRow, options: { detail?: boolean; now?: Date } = {}): Promise<Decoration> {
  const now = options.now ?? new Date();
  const [communities, workers, pinned] = await Promise.all([
    communityNames(db, [row.communityId]),
    db.select().from(decorationWorkers).where(eq(decorationWorkers.decorationId, row.id)).orderBy(asc(decorationWorkers.createdAt)),
    pinnedStandard(db, row.standardVersionId),
  ]);
  const today = localToday(communities.get(row.communityId)?.timeZone ?? 'Asia/Shanghai', now);
  const standard = pinned.definition;
  const state = standard.states.find((s) => s.key === row.state) ?? { key: row.state, type: row.stateType, name: { 'zh-CN': row.state, 'en-US': row.state } };
  const actions = describeActions({ standard, state: row.state, roles: gateRoles(actor, row), facts: row.facts }, systemTransitions(standard));
  const running = !['completed', 'closed', 'cancelled'].includes(row.stateType);
  return {
    id: row.id,
    communityId: row.communityId,
    unitId: row.unitId,
    unitLabel: row.unitLabel,
    company: row.company,
    responsibleName: row.responsibleName,
    responsiblePhone: row.responsiblePhone,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    note: row.note,
    active: running && row.startsOn <= today && today <= row.endsOn,
    workers: workers.map((w) => ({
      id: w.id,
      name: w.name,
      phone: w.phone,
      kind: w.kind,
      certificateNumber: w.certificateNumber,
      certificateCheckedBy: w.certificateCheckedBy,
      certificateCheckedAt: w.certificateCheckedAt?.toISOString() ?? null,
      certificatePhotoId: w.certificatePhotoId,
      verification: w.verification,
      passId: w.passId,
      createdAt: w.createdAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
    standard: { versionId: pinned.versionId, version: pinned.version },
    state: { key: state.key, type: state.type, name: state.name },
    version: row.version,
    allowedActions: actions.map((a) => a.key),
    actions,
    ...(options.detail ? { events: (await logAndTimers(db, 'decoration', row.id, standard, !isPostStaff(actor, row))).events } : {}),
  };
}
