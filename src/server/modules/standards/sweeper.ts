import { and, asc, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import type { CalendarConfig } from '../../standards/calendar';
import { every } from '../../jobs/every';
import { notifyRoles } from '../notifications';
import { effectiveCalendar } from './repository';
import { slaTimers } from './tables';
import { afterRaise, dueEvents } from './timer-store';
import { inTransaction } from '../../db/transaction';
import { timerRaised } from '../../work/breach';

const MESSAGE_OF = { warn: 'notify.slaWarning', breach: 'notify.slaBreached' } as const;

/**
 * Raises every warning, breach and escalation that has fallen due, each exactly once. Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so several server processes on one PostgreSQL share the
 * work without raising anything twice; a sweep after downtime catches up on everything missed.
 */
export async function sweepTimers(db: Db, now = new Date(), batch = 200): Promise<number> {
  let raised = 0;
  for (;;) {
    const count = await inTransaction(db, async (tx) => {
      const rows = await tx
        .select()
        .from(slaTimers)
        .where(and(lte(slaTimers.nextCheckAt, now)))
        .orderBy(asc(slaTimers.nextCheckAt))
        .limit(batch)
        .for('update', { skipLocked: true });
      const calendars = new Map<string, CalendarConfig>();
      let n = 0;
      for (const row of rows) {
        let calendar = calendars.get(row.communityId);
        if (!calendar) {
          calendar = await effectiveCalendar(tx, row.communityId);
          calendars.set(row.communityId, calendar);
        }
        const due = dueEvents(row, now, calendar);
        for (const event of due) {
          await notifyRoles(tx, event.notify, {
            organizationId: row.organizationId,
            communityId: row.communityId,
            kind: event.key === 'warn' ? 'due_soon' : event.key === 'breach' ? 'breached' : 'escalated',
            messageKey: event.key in MESSAGE_OF ? MESSAGE_OF[event.key as keyof typeof MESSAGE_OF] : 'notify.slaEscalated',
            params: { subject: row.subjectLabel, limit: row.limitName },
            entityType: row.subjectType,
            entityId: row.subjectId,
            dedupeKey: `${row.id}:${event.key}`,
          });
          // The kernel, for whatever kind the timer belongs to: timeline entry, breach step.
          await timerRaised(tx, row, event, now);
        }
        const raisedKeys = [...row.raisedEvents, ...due.map((e) => e.key)];
        await tx.update(slaTimers).set(afterRaise(row, raisedKeys, calendar)).where(sql`${slaTimers.id} = ${row.id}`);
        n += due.length;
      }
      return { rows: rows.length, events: n };
    });
    raised += count.events;
    if (count.rows < batch) return raised;
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
