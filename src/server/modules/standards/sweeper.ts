import { asc, lte, sql } from 'drizzle-orm';
import type { Role } from '../../../common/roles';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import type { CalendarConfig } from '../../standards/calendar';
import { every } from '../../jobs/every';
import { notifyRolesMany } from '../notifications';
import { effectiveCalendar } from './repository';
import { slaTimers, type TimerEvent } from './tables';
import { afterRaise, dueEvents, type TimerRow } from './timer-store';
import { inTransaction } from '../../db/transaction';
import { claimBreachItems, timersRaised } from '../../work/breach';

const MESSAGE_OF = { warn: 'notify.slaWarning', breach: 'notify.slaBreached' } as const;

/**
 * Raises every warning, breach and escalation that has fallen due, each exactly once. Set-based
 * per batch, in one transaction each: one statement claims the batch (`FOR UPDATE SKIP LOCKED`, in
 * due order, so several server processes on one PostgreSQL share the work without raising anything
 * twice), one inserts every notification of the batch, one every timeline entry, one updates the
 * timers; then the kernel takes the steps that breached limits name (`timersRaised`). The items of
 * breaching timers are locked without waiting (`claimBreachItems`): the timers of an item a person is
 * stepping at that moment wait for the next sweep, so a sweep and a step never deadlock. A sweep
 * after downtime catches up on everything missed. Returns the number of events raised.
 */
export async function sweepTimers(db: Db, now = new Date(), batch = 1000): Promise<number> {
  let raised = 0;
  // Calendars are read once per community for the whole sweep (a sweep lasts seconds).
  const calendars = new Map<string, CalendarConfig>();
  for (;;) {
    const count = await inTransaction(db, async (tx) => {
      const rows = await tx
        .select()
        .from(slaTimers)
        .where(lte(slaTimers.nextCheckAt, now))
        .orderBy(asc(slaTimers.nextCheckAt), asc(slaTimers.id))
        .limit(batch)
        .for('update', { skipLocked: true });
      for (const communityId of new Set(rows.map((r) => r.communityId))) {
        if (!calendars.has(communityId)) calendars.set(communityId, await effectiveCalendar(tx, communityId));
      }
      const dueOf = new Map(rows.map((row) => [row.id, dueEvents(row, now, calendars.get(row.communityId)!)]));
      // A breach may take a step on its item: an item someone is stepping right now waits for the next round.
      const { busy, steps } = await claimBreachItems(tx, rows.filter((row) => dueOf.get(row.id)!.some((e) => e.key === 'breach')));
      const events: { timer: TimerRow; event: TimerEvent }[] = [];
      const updates: { id: string; raised_events: string[]; next_check_at: string | null }[] = [];
      for (const row of rows) {
        if (busy.has(row.subjectId)) continue;
        const calendar = calendars.get(row.communityId)!;
        const due = dueOf.get(row.id)!;
        for (const event of due) events.push({ timer: row, event });
        const next = afterRaise(row, [...row.raisedEvents, ...due.map((e) => e.key)], calendar);
        updates.push({ id: row.id, raised_events: next.raisedEvents, next_check_at: next.nextCheckAt?.toISOString() ?? null });
      }
      await notifyRolesMany(
        tx,
        events.map(({ timer, event }) => ({
          roles: event.notify as Role[],
          organizationId: timer.organizationId,
          communityId: timer.communityId,
          kind: event.key === 'warn' ? 'due_soon' : event.key === 'breach' ? 'breached' : 'escalated',
          messageKey: event.key in MESSAGE_OF ? MESSAGE_OF[event.key as keyof typeof MESSAGE_OF] : 'notify.slaEscalated',
          params: { subject: timer.subjectLabel, limit: timer.limitName },
          entityType: timer.subjectType,
          entityId: timer.subjectId,
          dedupeKey: `${timer.id}:${event.key}`,
        })),
      );
      // Marked raised before the kernel acts, so a breach step that stops or retargets a timer
      // recomputes its next check from the events already raised.
      if (updates.length) {
        await tx.execute(sql`
          update ${slaTimers} set raised_events = v.raised_events, next_check_at = v.next_check_at, updated_at = ${now.toISOString()}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as v(id uuid, raised_events text[], next_check_at timestamptz)
          where ${slaTimers.id} = v.id`);
      }
      // The kernel, for whatever kinds the timers belong to: timeline entries, breach steps.
      await timersRaised(tx, events, now, steps);
      return { rows: rows.length, done: updates.length, events: events.length };
    });
    raised += count.events;
    // A full batch of nothing but busy items would be claimed again at once: leave it to the next sweep.
    if (count.rows < batch || count.done === 0) return raised;
  }
}

/** Runs the sweeper every `seconds` until the returned stop function is called. */
export function startSweeper(db: Db, log: FastifyBaseLogger, seconds: number): () => Promise<void> {
  return every(seconds, () =>
    sweepTimers(db).then(
      (n) => void (n > 0 && log.info({ raised: n }, 'sla sweep raised events')),
      (err: unknown) => log.error({ err }, 'sla sweep failed'),
    ),
  );
}
