import type { Role } from '../../../../common/roles';
import type { RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { fieldError } from '../../../errors';
import { openWork } from '../../../standards/engine';
import { kindNumber } from '../../../work/subjects';
import { openSubject } from '../../../work/open-subject';
import type { Community } from '../../registry';
import { effectiveCalendar, effectiveStandard } from '../../standards';
import { effectiveTemplate, INSPECTION_STANDARD, INSPECTION_SUBJECT, type InspectionRow } from '../repository';
import { inspections, type InspectionKind } from '../tables';

export interface OpenInspectionInput {
  community: Community;
  templateKey: string;
  kind: InspectionKind;
  place: string;
  planId: string | null;
  /** When its window opens; it closes `windowMinutes` later (the standard's `due_at`). */
  startsAt: Date;
  windowMinutes: number;
  /** The intake roles it is opened through (a plan's: the project manager's). */
  roles: Role[];
  ctx: RequestContext | null;
  now: Date;
}

/**
 * Makes one inspection: pinned to the community's current template version and `inspection`
 * standard, numbered, its window's clock running from its start to `due_at`, with its `created`
 * timeline entry and audit record. A planned inspection that already exists (same plan and start)
 * is left alone and null is returned, so the plan generator is idempotent.
 */
export async function openInspection(tx: DbOrTx, input: OpenInspectionInput): Promise<InspectionRow | null> {
  const { community, startsAt } = input;
  const template = await effectiveTemplate(tx, input.templateKey, community.organizationId, community.id);
  if (!template) throw fieldError({ templateKey: { key: 'field.templateUnknown' } });
  const pinned = await effectiveStandard(tx, INSPECTION_STANDARD, community.organizationId, community.id);
  if (!pinned) throw new Error('no inspection standard');
  const standard = pinned.definition;
  const dueAt = new Date(startsAt.getTime() + input.windowMinutes * 60_000);
  const level = String(community.serviceLevel) as '1' | '2' | '3';
  const opened = openWork({ standard, level, roles: input.roles, facts: {} }, { fields: { due_at: dueAt.toISOString() } });
  if (!opened.ok) throw new Error(`inspection standard refused the opening: ${opened.problems.map((p) => p.code).join(', ')}`);
  const state = standard.states.find((s) => s.key === opened.to)!;
  const number = await kindNumber(tx, 'inspection', { organizationId: community.organizationId, scopeId: community.id, period: 'day', timeZone: community.timeZone, at: startsAt });
  const [row] = await tx
    .insert(inspections)
    .values({
      organizationId: community.organizationId,
      communityId: community.id,
      number,
      planId: input.planId,
      kind: input.kind,
      place: input.place,
      templateVersionId: template.id,
      templateKey: template.key,
      templateName: template.definition.name,
      level,
      standardVersionId: pinned.id,
      state: state.key,
      stateType: state.type,
      stateEnteredAt: input.now,
      facts: { due_at: dueAt.toISOString() },
      startsAt,
      dueAt,
    })
    .onConflictDoNothing({ target: [inspections.planId, inspections.startsAt] })
    .returning();
  if (!row) return null;
  await openSubject(tx, input.ctx, { type: INSPECTION_SUBJECT, id: row.id, organizationId: row.organizationId, communityId: row.communityId, label: row.number, state: row.state }, {
    standard,
    timers: opened.timers,
    calendar: await effectiveCalendar(tx, community.id),
    clockFrom: startsAt,
    at: input.now,
    data: { number, templateKey: template.key, templateVersion: template.version, kind: input.kind, place: input.place, startsAt: startsAt.toISOString(), dueAt: dueAt.toISOString(), planId: input.planId },
  });
  return row;
}
