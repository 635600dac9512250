import type { Due } from '../../../common/due';
import type { DbOrTx } from '../../db/client';
import { remainingWorkingTime, timerPhase } from '../../standards/sla-clock';
import { effectiveCalendar, runningTimersOf } from '../standards';
import { RECTIFICATION_SUBJECT } from './repository';

export interface RectificationDue {
  due: Due;
  phase: 'ok' | 'warning' | 'breached';
}

/**
 * The running time limit due first of each rectification, as the shared DueTime component shows it
 * (working time left when the limit runs on desk hours); rectifications without a running limit
 * (put right, closed) are absent.
 */
export async function rectificationDues(db: DbOrTx, rows: readonly { id: string; communityId: string }[], now = new Date()): Promise<Map<string, RectificationDue>> {
  const out = new Map<string, RectificationDue>();
  const timers = await runningTimersOf(db, RECTIFICATION_SUBJECT, rows.map((r) => r.id));
  const communityOf = new Map(rows.map((r) => [r.id, r.communityId]));
  const calendars = new Map<string, Awaited<ReturnType<typeof effectiveCalendar>>>();
  for (const t of timers.filter((x) => x.dueAt).sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())) {
    if (out.has(t.subjectId)) continue;
    const communityId = communityOf.get(t.subjectId)!;
    let calendar = calendars.get(communityId);
    if (!calendar) calendars.set(communityId, (calendar = await effectiveCalendar(db, communityId)));
    const phase = timerPhase(t, now, calendar);
    out.set(t.subjectId, {
      due: { at: t.dueAt!.toISOString(), remainingMs: remainingWorkingTime(t, now, calendar), deskHours: t.calendarMode === 'business', timeZone: calendar.timeZone },
      phase: phase === 'breached' ? 'breached' : phase === 'warning' ? 'warning' : 'ok',
    });
  }
  return out;
}
