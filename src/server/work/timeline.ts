import { and, asc, eq } from 'drizzle-orm';
import type { RequestContext } from '../auth/context';
import { isSystemActor } from '../auth/context';
import type { DbOrTx } from '../db/client';
import type { SubjectType } from './subjects';
import { workEvents, type WorkEventKind } from './tables';

export type WorkEventRow = typeof workEvents.$inferSelect;

/** The subject an event is written for: its kind, id and place. */
export interface TimelineSubject {
  type: SubjectType;
  id: string;
  organizationId: string;
  communityId: string;
}

/** One step on a timeline, as a module describes it. */
export interface WorkEventInput {
  kind: WorkEventKind;
  action?: string | null;
  channel?: string | null;
  fromState?: string | null;
  toState?: string | null;
  visibility?: 'internal' | 'owner';
  automatic?: boolean;
  data?: Record<string, unknown>;
  at?: Date;
}

/**
 * Appends one entry to a subject's timeline, inside the caller's transaction. The actor comes
 * from the context; a system context (sweeper, jobs) records no actor.
 */
export async function recordWorkEvent(tx: DbOrTx, ctx: RequestContext | null, subject: TimelineSubject, event: WorkEventInput): Promise<WorkEventRow> {
  const system = !ctx || isSystemActor(ctx.actor);
  const [row] = await tx
    .insert(workEvents)
    .values({
      organizationId: subject.organizationId,
      communityId: subject.communityId,
      subjectType: subject.type,
      subjectId: subject.id,
      kind: event.kind,
      action: event.action ?? null,
      actorUserId: system ? null : ctx.actor.userId,
      actorName: system ? null : ctx.actor.displayName,
      channel: event.channel ?? null,
      fromState: event.fromState ?? null,
      toState: event.toState ?? null,
      visibility: event.visibility ?? 'owner',
      automatic: event.automatic ?? false,
      data: event.data ?? {},
      ...(event.at ? { at: event.at } : {}),
    })
    .returning();
  return row!;
}

/**
 * A subject's timeline, oldest first; entries of the same instant in the order written. `ownerView` keeps the entries
 * residents may see. The caller has already checked that the actor may read the subject.
 */
export async function timelineOf(db: DbOrTx, subject: { type: SubjectType; id: string }, options: { ownerView?: boolean } = {}): Promise<WorkEventRow[]> {
  return db
    .select()
    .from(workEvents)
    .where(
      and(
        eq(workEvents.subjectType, subject.type),
        eq(workEvents.subjectId, subject.id),
        options.ownerView ? eq(workEvents.visibility, 'owner') : undefined,
      ),
    )
    .orderBy(asc(workEvents.at), asc(workEvents.seq));
}
