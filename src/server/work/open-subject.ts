import { systemContext, type RequestContext } from '../auth/context';
import type { DbOrTx } from '../db/client';
import type { CalendarConfig } from '../standards/calendar';
import type { ServiceStandard } from '../standards/definition';
import type { TimerAction } from '../standards/engine';
import { recordAudit } from '../modules/audit/record-audit';
import { applyTimerActions } from '../modules/standards/timer-store';
import { recordWorkEvent, type TimelineSubject } from './timeline';

/** A work item just inserted, as its opening is written. */
export interface OpenedSubject extends TimelineSubject {
  /** Shown on its timers and alerts (its number, or route and time). */
  label: string;
  /** The state it was opened in. */
  state: string;
}

/**
 * The opening of a work item after the module inserted its row, in the same transaction: the
 * timers the engine's `openWork` started, the `created` entry on its timeline and the audit
 * record. `ctx` null is a job acting by itself: the entry is automatic and has no actor, the audit
 * record names the system. The counterpart of `runStep` for the first state, so a module that
 * opens items writes no glue of its own.
 */
export async function openSubject(
  tx: DbOrTx,
  ctx: RequestContext | null,
  subject: OpenedSubject,
  opening: {
    standard: ServiceStandard;
    /** The timer actions of `openWork`'s answer. */
    timers: TimerAction[];
    calendar: CalendarConfig;
    /** When the clocks start (a planned item's start; default `at`). */
    clockFrom?: Date;
    at: Date;
    data: Record<string, unknown>;
    /** The audit record's `after` (default `data`). */
    audit?: Record<string, unknown>;
    visibility?: 'internal' | 'owner';
    channel?: string;
  },
): Promise<void> {
  const { type, id, organizationId, communityId, label } = subject;
  await applyTimerActions(tx, { type, id, organizationId, communityId, label }, opening.standard, opening.timers, opening.calendar, opening.clockFrom ?? opening.at);
  await recordWorkEvent(tx, ctx, { type, id, organizationId, communityId }, {
    kind: 'created',
    action: 'created',
    channel: opening.channel ?? (ctx ? null : 'system'),
    toState: subject.state,
    visibility: opening.visibility ?? 'internal',
    automatic: ctx === null,
    data: opening.data,
    at: opening.at,
  });
  await recordAudit(tx, ctx ?? systemContext(organizationId), { organizationId, entityType: type, entityId: id, action: 'created', after: opening.audit ?? opening.data });
}
