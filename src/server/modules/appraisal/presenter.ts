import type { Due } from '../../../common/due';
import type { IncentiveDetail, IncentiveSummary, MeasureDetail, MeasureSummary } from '../../../common/appraisal/api';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { systemTransitions, type ServiceStandard } from '../../standards/definition';
import { remainingWorkingTime, timerPhase } from '../../standards/sla-clock';
import { describeActions } from '../../work/action-contract';
import { attachmentsOfSubject } from '../../work/attachment-links';
import { timelineOf, type WorkEventRow } from '../../work/timeline';
import { communityById, staffNames } from '../registry';
import { effectiveCalendar, runningTimersOf } from '../standards';
import { pinnedStandard } from '../standards';
import { sourceLabel } from './source-label';
import { measureEffect } from './effect';
import { incentiveRoles, measureRoles } from './policy';
import { INCENTIVE_SUBJECT, MEASURE_SUBJECT, type IncentiveRow, type MeasureRow } from './repository';

type Localized = { 'zh-CN': string; 'en-US': string };
const stateNameOf = (standard: ServiceStandard, state: string): Localized => standard.states.find((s) => s.key === state)?.name ?? { 'zh-CN': state, 'en-US': state };

async function standardsOf(db: DbOrTx, ids: string[]): Promise<Map<string, ServiceStandard>> {
  const out = new Map<string, ServiceStandard>();
  for (const id of new Set(ids)) out.set(id, (await pinnedStandard(db, id)).definition);
  return out;
}

function presentEvent(e: WorkEventRow, standard: ServiceStandard) {
  return {
    id: e.id,
    at: e.at.toISOString(),
    kind: e.kind,
    action: e.action ?? e.kind,
    actionName: standard.transitions.find((t) => t.key === e.action)?.name ?? null,
    actor: e.actorName ? { userId: e.actorUserId, name: e.actorName } : null,
    fromState: e.fromState,
    toState: e.toState,
    automatic: e.automatic,
    data: e.data,
  };
}

/** Rewards and penalties in lists, with the staff member's name and the state's name. */
export async function presentIncentives(db: DbOrTx, rows: IncentiveRow[]): Promise<IncentiveSummary[]> {
  const [names, standards] = await Promise.all([staffNames(db, rows.map((r) => r.staffId)), standardsOf(db, rows.map((r) => r.standardVersionId))]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    communityId: r.communityId,
    staffId: r.staffId,
    staffName: names.get(r.staffId) ?? '',
    kind: r.kind,
    reason: r.reason,
    points: r.points,
    amountFen: r.amountFen,
    proposedByName: r.proposedByName,
    state: r.state,
    stateType: r.stateType,
    stateName: stateNameOf(standards.get(r.standardVersionId)!, r.state),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}

/** A reward or penalty as `actor` sees it: evidence, the steps they may take, its timeline. */
export async function incentiveDetail(db: DbOrTx, actor: Actor, r: IncentiveRow): Promise<IncentiveDetail> {
  const standard = (await pinnedStandard(db, r.standardVersionId)).definition;
  const [[summary], files, events] = await Promise.all([presentIncentives(db, [r]), attachmentsOfSubject(db, { type: INCENTIVE_SUBJECT, id: r.id }), timelineOf(db, { type: INCENTIVE_SUBJECT, id: r.id })]);
  const actions = describeActions({ standard, state: r.state, roles: incentiveRoles(actor, r), facts: r.facts }, systemTransitions(standard));
  return {
    ...summary!,
    files: files.map((f) => ({ id: f.id, purpose: f.purpose })),
    allowedActions: actions.map((a) => a.key),
    actions,
    timeline: events.map((e) => presentEvent(e, standard)),
  };
}

/** The running limit of each measure (none once closed), as the shared DueTime shows it. */
async function measureDues(db: DbOrTx, rows: readonly MeasureRow[], now: Date): Promise<Map<string, { due: Due; overdue: boolean }>> {
  const out = new Map<string, { due: Due; overdue: boolean }>();
  const timers = await runningTimersOf(db, MEASURE_SUBJECT, rows.map((r) => r.id));
  const communityOf = new Map(rows.map((r) => [r.id, r.communityId]));
  for (const t of timers.filter((x) => x.dueAt).sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())) {
    if (out.has(t.subjectId)) continue;
    const calendar = await effectiveCalendar(db, communityOf.get(t.subjectId)!);
    out.set(t.subjectId, {
      due: { at: t.dueAt!.toISOString(), remainingMs: remainingWorkingTime(t, now, calendar), deskHours: t.calendarMode === 'business', timeZone: calendar.timeZone },
      overdue: timerPhase(t, now, calendar) === 'breached',
    });
  }
  return out;
}

/** Improvement measures in lists: owner, source, due time and whether they are overdue. */
export async function presentMeasures(db: DbOrTx, rows: MeasureRow[], now = new Date()): Promise<MeasureSummary[]> {
  const [names, standards, dues] = await Promise.all([staffNames(db, rows.map((r) => r.ownerStaffId)), standardsOf(db, rows.map((r) => r.standardVersionId)), measureDues(db, rows, now)]);
  const labels = new Map<string, Localized>();
  for (const r of rows) {
    const key = `${r.communityId}|${r.source}|${r.sourceKey}`;
    if (labels.has(key)) continue;
    const community = await communityById(db, r.communityId);
    labels.set(key, (community && (await sourceLabel(db, community, r.source, r.sourceKey))) || { 'zh-CN': r.sourceKey, 'en-US': r.sourceKey });
  }
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    communityId: r.communityId,
    title: r.title,
    source: r.source,
    sourceKey: r.sourceKey,
    sourceLabel: labels.get(`${r.communityId}|${r.source}|${r.sourceKey}`)!,
    ownerStaffId: r.ownerStaffId,
    ownerName: names.get(r.ownerStaffId) ?? '',
    dueOn: r.dueOn,
    due: dues.get(r.id)?.due ?? null,
    overdue: dues.get(r.id)?.overdue ?? false,
    state: r.state,
    stateType: r.stateType,
    stateName: stateNameOf(standards.get(r.standardVersionId)!, r.state),
    version: r.version,
    createdAt: r.raisedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
  }));
}

/** A measure as `actor` sees it: its effect (before and after), files, the steps they may take, its timeline. */
export async function measureDetail(db: DbOrTx, actor: Actor, r: MeasureRow, now = new Date()): Promise<MeasureDetail> {
  const standard = (await pinnedStandard(db, r.standardVersionId)).definition;
  const [[summary], files, events] = await Promise.all([presentMeasures(db, [r], now), attachmentsOfSubject(db, { type: MEASURE_SUBJECT, id: r.id }), timelineOf(db, { type: MEASURE_SUBJECT, id: r.id })]);
  const actions = describeActions({ standard, state: r.state, roles: measureRoles(actor, r), facts: { ...r.facts, due_at: r.dueAt.toISOString() } }, systemTransitions(standard));
  return {
    ...summary!,
    description: r.description,
    effect: await measureEffect(db, r, summary!.sourceLabel, now),
    files: files.map((f) => ({ id: f.id, purpose: f.purpose })),
    allowedActions: actions.map((a) => a.key),
    actions,
    timeline: events.map((e) => presentEvent(e, standard)),
  };
}
