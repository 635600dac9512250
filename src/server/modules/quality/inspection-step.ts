import { eq } from 'drizzle-orm';
import type { Actor } from '../../db/scope';
import type { RecordRequirement, ServiceLevel } from '../../standards/definition';
import { linkToSubject } from '../../work/attachment-links';
import { timelineOfKind, type StepChange, type SubjectKind } from '../../work/take-step';
import { effectiveCalendar, snapshots, timersOf } from '../standards';
import { pinnedStandard } from '../standards';
import { checkAnswers } from './answers';
import { inspectionRoles, qualityPolicy } from './policy';
import { findInspection, INSPECTION_SUBJECT, pinnedTemplate, type InspectionRow } from './repository';
import { scoreInspection } from './scoring';
import { inspections, type StoredAnswers } from './tables';

/** A failed item of a submitted inspection, for its rectification. */
export interface FailedItem {
  categoryKey: string;
  itemKey: string;
  photoIds: string[];
}

/**
 * An inspection as a step sees it. `submission` carries the answers sent with a step that
 * `projects: scorecard` (they are not a record of the standard: their items come from the
 * template version the inspection pinned); `failedNow` lists what such a step found failed.
 */
export type InspectionStepRow = InspectionRow & { submission?: { actor: Actor; answers: unknown }; failedNow?: FailedItem[] };

const first = (change: StepChange, type: RecordRequirement['type']): unknown => {
  const r = change.records.find((x) => x.type === type);
  return r ? change.values[r.name] : undefined;
};

/** Answers as the scorer reads them (`category.item` -> answer). */
export function answerMap(answers: StoredAnswers): Map<string, StoredAnswers[string][string]> {
  return new Map(Object.entries(answers).flatMap(([c, items]) => Object.entries(items).map(([i, a]) => [`${c}.${i}`, a] as const)));
}

/**
 * Inspections as a subject of `runStep`. What a step writes follows from its flag, never its name:
 * a step that `projects: scorecard` checks the answers against the pinned template, stores them with
 * the server's score, the inspector and the staff member of its staff record, links the answers'
 * photos, and names the failed items (the command opens their rectifications in the same transaction).
 */
export const inspectionSubject: SubjectKind<InspectionStepRow> = {
  timerType: INSPECTION_SUBJECT,
  entityType: INSPECTION_SUBJECT,
  notFound: 'entity.inspection',
  async lock(tx, actor, id) {
    const row = await findInspection(tx, actor, id, true);
    return row && qualityPolicy.can(actor, 'read', row) ? row : null;
  },
  view: (r) => ({ id: r.id, organizationId: r.organizationId, communityId: r.communityId, label: r.number, state: r.state, version: r.version, facts: { ...r.facts, due_at: r.dueAt.toISOString() }, counters: {} }),
  standard: async (tx, r) => (await pinnedStandard(tx, r.standardVersionId)).definition,
  roles: (actor, r) => inspectionRoles(actor, r),
  level: async (_tx, r) => r.level as ServiceLevel,
  calendar: (tx, r) => effectiveCalendar(tx, r.communityId),
  timers: async (tx, r) => snapshots(await timersOf(tx, INSPECTION_SUBJECT, r.id)),
  contract: (r) => ({ id: r.id, organizationId: r.organizationId, communityId: r.communityId, categorySkill: null, knownPriceItems: async () => new Set<string>() }),
  capabilities: () => ({}),
  channelOf: () => 'console',
  async write(tx, r, change, standard) {
    const target = standard.states.find((s) => s.key === change.to)!;
    const patch: Partial<typeof inspections.$inferInsert> = { state: target.key, stateType: target.type, stateEnteredAt: change.now, version: change.version };
    const eventData: Record<string, unknown> = {};
    let failedNow: FailedItem[] | undefined;
    if (change.transition.projects === 'scorecard') {
      if (!r.submission) throw new Error('inspection: a scorecard step needs its answers');
      const template = await pinnedTemplate(tx, r.templateVersionId);
      const answers = await checkAnswers(tx, r.submission.actor, r, template, r.submission.answers);
      const score = scoreInspection(template, answerMap(answers), r.level);
      failedNow = score.categories.flatMap((c) => c.failedItems.map((itemKey) => ({ categoryKey: c.key, itemKey, photoIds: answers[c.key]?.[itemKey]?.photoIds ?? [] })));
      const staffId = first(change, 'staff');
      Object.assign(patch, {
        answers,
        score: score.total,
        categoryScores: Object.fromEntries(score.categories.map((c) => [c.key, c.score])),
        failedCount: failedNow.length,
        submittedAt: change.now,
        inspectorUserId: change.by.userId,
        inspectorName: change.by.name,
        inspectedStaffId: typeof staffId === 'string' ? staffId : null,
      });
      for (const [cat, items] of Object.entries(answers)) {
        for (const [item, a] of Object.entries(items)) {
          if (a.photoIds?.length) await linkToSubject(tx, { type: INSPECTION_SUBJECT, id: r.id, organizationId: r.organizationId }, a.photoIds, `answers.${cat}.${item}`, change.now);
        }
      }
      Object.assign(eventData, { score: score.total, failed: failedNow.map((f) => `${f.categoryKey}.${f.itemKey}`) });
    }
    const [updated] = await tx.update(inspections).set(patch).where(eq(inspections.id, r.id)).returning();
    return { row: { ...updated!, failedNow }, eventData };
  },
  ...timelineOfKind(INSPECTION_SUBJECT),
  // Failures are told through their rectifications; a missed inspection through its limit's escalation.
  notify: async () => undefined,
  auditView: (r) => ({ state: r.state, score: r.score, failedCount: r.failedCount, inspectorName: r.inspectorName, inspectedStaffId: r.inspectedStaffId }),
};
