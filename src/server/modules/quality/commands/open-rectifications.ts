import type { RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { addWorkingTime, type CalendarConfig } from '../../../standards/calendar';
import { openWork } from '../../../standards/engine';
import { resolveDurationMs, timerCalendar } from '../../../standards/sla-clock';
import { linkToSubject } from '../../../work/attachment-links';
import { kindNumber } from '../../../work/subjects';
import { openSubject } from '../../../work/open-subject';
import type { InspectionTemplate, RectificationDuration } from '../../../../common/quality/template';
import { notifyStaff } from '../../notifications';
import { communityById } from '../../registry';
import { effectiveCalendar, effectiveStandard } from '../../standards';
import type { FailedItem } from '../inspection-step';
import { RECTIFICATION_STANDARD, RECTIFICATION_SUBJECT, type InspectionRow, type RectificationRow } from '../repository';
import { rectifications } from '../tables';

/** The deadline of a rectification opened at `at`: the template's duration for its severity on the business calendar. */
export function rectificationDeadline(duration: RectificationDuration, at: Date, calendar: CalendarConfig): Date {
  return addWorkingTime(timerCalendar('business', calendar), at, resolveDurationMs(duration, 'business', at, calendar));
}

/** A deadline on the community's clock in both languages, for the inbox (read later, so not relative). */
function localTime(at: Date, timeZone: string): { 'zh-CN': string; 'en-US': string } {
  const options: Intl.DateTimeFormatOptions = { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false };
  return { 'zh-CN': new Intl.DateTimeFormat('zh-CN', options).format(at), 'en-US': new Intl.DateTimeFormat('en-US', options).format(at) };
}

/**
 * Opens one rectification per failed item of a submitted inspection, in its transaction: the
 * deadline from the template's severity table (the standard's `due_at`), the staff member
 * inspected as the responsible person (told in their inbox), the failure's photos linked as its
 * "before" photos.
 * Unique per inspection and item, so it never opens twice.
 */
export async function openRectifications(tx: DbOrTx, ctx: RequestContext, inspection: InspectionRow, template: InspectionTemplate, failed: FailedItem[], now: Date): Promise<RectificationRow[]> {
  if (!failed.length) return [];
  const community = (await communityById(tx, inspection.communityId))!;
  const pinned = await effectiveStandard(tx, RECTIFICATION_STANDARD, inspection.organizationId, inspection.communityId);
  if (!pinned) throw new Error('no rectification standard');
  const standard = pinned.definition;
  const calendar = await effectiveCalendar(tx, inspection.communityId);
  const level = String(community.serviceLevel) as '1' | '2' | '3';
  const made: RectificationRow[] = [];
  for (const f of failed) {
    const item = template.categories.find((c) => c.key === f.categoryKey)!.items.find((i) => i.key === f.itemKey)!;
    const dueAt = rectificationDeadline(template.rectification[item.severity], now, calendar);
    const opened = openWork({ standard, level, roles: ['quality_inspector', 'project_manager'], facts: {} }, { fields: { due_at: dueAt.toISOString() } });
    if (!opened.ok) throw new Error(`rectification standard refused the opening: ${opened.problems.map((p) => p.code).join(', ')}`);
    const state = standard.states.find((s) => s.key === opened.to)!;
    const number = await kindNumber(tx, 'rectification', { organizationId: inspection.organizationId, scopeId: inspection.communityId, period: 'day', timeZone: community.timeZone, at: now });
    const [row] = await tx
      .insert(rectifications)
      .values({
        organizationId: inspection.organizationId,
        communityId: inspection.communityId,
        number,
        inspectionId: inspection.id,
        categoryKey: f.categoryKey,
        itemKey: f.itemKey,
        itemText: item.text,
        severity: item.severity,
        place: inspection.place,
        responsibleStaffId: inspection.inspectedStaffId,
        standardVersionId: pinned.id,
        state: state.key,
        stateType: state.type,
        stateEnteredAt: now,
        facts: { due_at: dueAt.toISOString() },
        dueAt,
      })
      .onConflictDoNothing({ target: [rectifications.inspectionId, rectifications.categoryKey, rectifications.itemKey] })
      .returning();
    if (!row) continue;
    const subject = { type: RECTIFICATION_SUBJECT, id: row.id, organizationId: row.organizationId, communityId: row.communityId } as const;
    await openSubject(tx, ctx, { ...subject, label: row.number, state: row.state }, {
      standard,
      timers: opened.timers,
      calendar,
      at: now,
      data: { number, inspectionId: inspection.id, inspectionNumber: inspection.number, item: `${f.categoryKey}.${f.itemKey}`, severity: item.severity, dueAt: dueAt.toISOString() },
    });
    await linkToSubject(tx, subject, f.photoIds, 'before_photos', now);
    if (row.responsibleStaffId) {
      await notifyStaff(tx, [row.responsibleStaffId], {
        organizationId: row.organizationId,
        communityId: row.communityId,
        kind: 'assigned',
        messageKey: 'notify.rectificationOpened',
        params: { number: row.number, item: item.text, due: localTime(dueAt, community.timeZone) },
        entityType: RECTIFICATION_SUBJECT,
        entityId: row.id,
      });
    }
    made.push(row);
  }
  return made;
}
