import { asc, eq } from 'drizzle-orm';
import type { InspectionDetail, RectificationDetail } from '../../../common/quality/api';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { systemTransitions, type ServiceStandard } from '../../standards/definition';
import { describeActions } from '../../work/action-contract';
import { attachmentsOfSubject } from '../../work/attachment-links';
import { timelineOf, type WorkEventRow } from '../../work/timeline';
import { pinnedStandard } from '../standards';
import { rectificationDues } from './due';
import { inspectionRoles, rectificationRoles } from './policy';
import { INSPECTION_SUBJECT, pinnedTemplate, RECTIFICATION_SUBJECT, type InspectionRow, type RectificationRow } from './repository';
import { inspections, rectifications } from './tables';

const stateNameOf = (standard: ServiceStandard, state: string) => standard.states.find((s) => s.key === state)?.name ?? { 'zh-CN': state, 'en-US': state };

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

/** An inspection in lists. */
export function presentInspection(r: InspectionRow, standard: ServiceStandard) {
  return {
    id: r.id,
    number: r.number,
    communityId: r.communityId,
    planId: r.planId,
    kind: r.kind,
    place: r.place,
    templateKey: r.templateKey,
    templateName: r.templateName,
    state: r.state,
    stateType: r.stateType,
    stateName: stateNameOf(standard, r.state),
    version: r.version,
    startsAt: r.startsAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    score: r.score,
    failedCount: r.failedCount,
    inspectorName: r.inspectorName,
    inspectedStaffId: r.inspectedStaffId,
    submittedAt: r.submittedAt?.toISOString() ?? null,
  };
}

/** A rectification in lists. */
export function presentRectification(r: RectificationRow, standard: ServiceStandard) {
  return {
    id: r.id,
    number: r.number,
    communityId: r.communityId,
    inspectionId: r.inspectionId,
    categoryKey: r.categoryKey,
    itemKey: r.itemKey,
    itemText: r.itemText,
    severity: r.severity,
    place: r.place,
    responsibleStaffId: r.responsibleStaffId,
    state: r.state,
    stateType: r.stateType,
    stateName: stateNameOf(standard, r.state),
    version: r.version,
    dueAt: r.dueAt.toISOString(),
    rectifiedAt: r.rectifiedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
  };
}

/** An inspection as `actor` sees it: its pinned template, answers, score, rectifications, the steps they may take and its timeline. */
export async function inspectionDetail(db: DbOrTx, actor: Actor, r: InspectionRow): Promise<InspectionDetail> {
  const standard = (await pinnedStandard(db, r.standardVersionId)).definition;
  const [template, rects, files, events] = await Promise.all([
    pinnedTemplate(db, r.templateVersionId),
    db.select().from(rectifications).where(eq(rectifications.inspectionId, r.id)).orderBy(asc(rectifications.number)),
    attachmentsOfSubject(db, { type: INSPECTION_SUBJECT, id: r.id }),
    timelineOf(db, { type: INSPECTION_SUBJECT, id: r.id }),
  ]);
  const rectStandards = new Map<string, ServiceStandard>();
  for (const x of rects) if (!rectStandards.has(x.standardVersionId)) rectStandards.set(x.standardVersionId, (await pinnedStandard(db, x.standardVersionId)).definition);
  const actions = describeActions({ standard, state: r.state, roles: inspectionRoles(actor, r), facts: { ...r.facts, due_at: r.dueAt.toISOString() } }, systemTransitions(standard));
  return {
    ...presentInspection(r, standard),
    level: r.level,
    template: template as unknown as Record<string, unknown>,
    answers: r.answers as InspectionDetail['answers'],
    categoryScores: r.categoryScores,
    rectifications: rects.map((x) => presentRectification(x, rectStandards.get(x.standardVersionId)!)),
    files: files.map((f) => ({ id: f.id, purpose: f.purpose })),
    allowedActions: actions.map((a) => a.key),
    actions,
    timeline: events.map((e) => presentEvent(e, standard)),
  };
}

/** A rectification as `actor` sees it, with its files, the steps they may take and its timeline. */
export async function rectificationDetail(db: DbOrTx, actor: Actor, r: RectificationRow): Promise<RectificationDetail> {
  const standard = (await pinnedStandard(db, r.standardVersionId)).definition;
  const [[inspection], files, events] = await Promise.all([
    db.select({ number: inspections.number }).from(inspections).where(eq(inspections.id, r.inspectionId)),
    attachmentsOfSubject(db, { type: RECTIFICATION_SUBJECT, id: r.id }),
    timelineOf(db, { type: RECTIFICATION_SUBJECT, id: r.id }),
  ]);
  const actions = describeActions({ standard, state: r.state, roles: rectificationRoles(actor, r), facts: { ...r.facts, due_at: r.dueAt.toISOString() } }, systemTransitions(standard));
  const due = (await rectificationDues(db, [r])).get(r.id);
  return {
    ...presentRectification(r, standard),
    due: due?.due ?? null,
    phase: due?.phase ?? null,
    inspectionNumber: inspection?.number ?? '',
    files: files.map((f) => ({ id: f.id, purpose: f.purpose })),
    allowedActions: actions.map((a) => a.key),
    actions,
    timeline: events.map((e) => presentEvent(e, standard)),
  };
}
