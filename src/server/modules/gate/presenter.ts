import type { GatePass, GoodsSlip, PublicPass } from '../../../common/gate';
import { QR_PREFIX } from '../../../common/gate';
import type { Locale } from '../../../common/locale';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { systemTransitions } from '../../standards/definition';
import { availableTransitions } from '../../standards/engine';
import { maskPhone } from '../registry';
import { timersOf } from '../standards';
import { pinnedStandard } from '../work-orders';
import { gatePolicy, gateRoles } from './policy';
import type { CommunityInfo, PassRow, SlipRow } from './repository';
import { timelineOf } from '../../work/timeline';
import type { GateSubjectType } from './gate-work';
import { GATE_PASS_SUBJECT, GOODS_SLIP_SUBJECT } from './tables';
import { expiredStates, passVerdict, refusalText, slipVerdict, type Verdict } from './verdict';

interface Presenting {
  actor: Actor;
  locale: Locale;
  now: Date;
  community: CommunityInfo;
  /** Include the log and the timers (detail views). */
  detail?: boolean;
}

async function stateAndActions(db: DbOrTx, actor: Actor, row: PassRow | SlipRow, verdict: Verdict, useAction: string) {
  const standard = (await pinnedStandard(db, row.standardVersionId)).definition;
  const state = standard.states.find((s) => s.key === row.state) ?? { key: row.state, type: row.stateType, name: { 'zh-CN': row.state, 'en-US': row.state } };
  const automatic = systemTransitions(standard);
  const actions = availableTransitions({ standard, state: row.state, roles: gateRoles(actor, row), facts: row.facts })
    .map((t) => t.key)
    .filter((key) => !automatic.has(key) && (key !== useAction || verdict.ok));
  if (gatePolicy.can(actor, 'share', row)) actions.push('share');
  return { state: { key: state.key, type: state.type, name: state.name }, actions, standard };
}

async function logAndTimers(db: DbOrTx, subjectType: GateSubjectType, id: string, standard: Awaited<ReturnType<typeof pinnedStandard>>['definition']) {
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
      toState: e.toState,
      automatic: e.automatic,
      by: e.actorName ? { userId: e.actorUserId, name: e.actorName } : null,
      data: e.data,
      at: e.at.toISOString(),
    })),
    timers: timers.map((t) => ({ limitKey: t.limitKey, name: t.limitName, status: t.status, dueAt: t.dueAt?.toISOString() ?? null })),
  };
}

/** A pass as the caller may see it: phone masked unless allowed, the token only for those who share it. */
export async function presentPass(db: DbOrTx, row: PassRow, p: Presenting): Promise<GatePass> {
  const standardOf = (await pinnedStandard(db, row.standardVersionId)).definition;
  const verdict = passVerdict(row, p.now, expiredStates(standardOf));
  const { state, actions, standard } = await stateAndActions(db, p.actor, row, verdict, 'enter');
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
    token: actions.includes('share') ? row.token : null,
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
    allowedActions: actions,
    ...(p.detail ? await logAndTimers(db, GATE_PASS_SUBJECT, row.id, standard) : {}),
  };
}

/** A release slip as the caller may see it. */
export async function presentSlip(db: DbOrTx, row: SlipRow, p: Presenting): Promise<GoodsSlip> {
  const standardOf = (await pinnedStandard(db, row.standardVersionId)).definition;
  const verdict = slipVerdict({ ...row, releasedAt: row.release ? new Date(row.release.at) : null }, p.now, expiredStates(standardOf));
  const { state, actions, standard } = await stateAndActions(db, p.actor, row, verdict, 'release');
  const fullPhone = gatePolicy.can(p.actor, 'seeFullPhone', row);
  return {
    id: row.id,
    communityId: row.communityId,
    communityName: p.community.name,
    unitId: row.unitId,
    unitLabel: row.unitLabel,
    number: row.number,
    code: row.code,
    token: actions.includes('share') ? row.token : null,
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
    allowedActions: actions,
    ...(p.detail ? await logAndTimers(db, GOODS_SLIP_SUBJECT, row.id, standard) : {}),
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
