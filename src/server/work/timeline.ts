import { and, asc, eq, inArray, sql } from 'drizzle-orm';
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
 * Appends many system entries (no actor) to their subjects' timelines in one statement, in the
 * order given (entries of one instant keep it through `seq`): the SLA sweeper's batch.
 */
export async function recordSystemEvents(tx: DbOrTx, entries: readonly { subject: TimelineSubject; event: WorkEventInput }[]): Promise<void> {
  if (!entries.length) return;
  // One parameter for the whole batch (thousands of rows would otherwise be 15 parameters each).
  const rows = entries.map(({ subject, event }, n) => ({
    n,
    organization_id: subject.organizationId,
    community_id: subject.communityId,
    subject_type: subject.type,
    subject_id: subject.id,
    kind: event.kind,
    action: event.action ?? null,
    channel: event.channel ?? null,
    from_state: event.fromState ?? null,
    to_state: event.toState ?? null,
    visibility: event.visibility ?? 'owner',
    automatic: event.automatic ?? false,
    data: event.data ?? {},
    at: event.at?.toISOString() ?? null,
  }));
  await tx.execute(sql`
    insert into ${workEvents} (organization_id, community_id, subject_type, subject_id, kind, action, channel, from_state, to_state, visibility, automatic, data, at)
    select e.organization_id, e.community_id, e.subject_type, e.subject_id, e.kind, e.action, e.channel, e.from_state, e.to_state, e.visibility, e.automatic, e.data, coalesce(e.at, now())
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(n int, organization_id uuid, community_id uuid, subject_type text, subject_id uuid, kind text, action text, channel text, from_state text, to_state text, visibility text, automatic boolean, data jsonb, at timestamptz)
    order by e.n`);
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

/** Which timeline entries a redaction strips: a subject kind, its ids, optionally only entries whose data names one of `values` under `dataKey`. */
export interface TimelineRedaction {
  type: SubjectType;
  ids: string[];
  /** Keys removed from each entry's data. */
  keys: string[];
  only?: { dataKey: string; values: string[] };
}

/**
 * Removes personal data the timeline copied when steps were taken (names, phones, plates), for
 * retention and erasure; the entries themselves stay, so the history keeps its shape. The one way
 * a module changes its timeline after the fact.
 */
export async function redactTimeline(tx: DbOrTx, redaction: TimelineRedaction): Promise<void> {
  if (!redaction.ids.length || !redaction.keys.length) return;
  if (redaction.only && !redaction.only.values.length) return;
  const keys = sql`array[${sql.join(redaction.keys.map((k) => sql`${k}`), sql`, `)}]::text[]`;
  await tx
    .update(workEvents)
    .set({ data: sql`${workEvents.data} - ${keys}` })
    .where(
      and(
        eq(workEvents.subjectType, redaction.type),
        inArray(workEvents.subjectId, redaction.ids),
        redaction.only ? inArray(sql`${workEvents.data} ->> ${redaction.only.dataKey}`, redaction.only.values) : undefined,
      ),
    );
}

/** What stands in for a phone number erased from free text. */
export const ERASED_TEXT = '***';

/**
 * Erases a person from every timeline of an organization: entries they took carry `name`
 * instead of theirs, and their phone number is cut out of whatever text the entries copied (a
 * description that says "call me on …", a comment). For the erasure of a resident under PIPL.
 */
export async function eraseFromTimelines(tx: DbOrTx, organizationId: string, person: { userIds: string[]; name: string; phone: string }): Promise<void> {
  if (person.userIds.length) {
    await tx
      .update(workEvents)
      .set({ actorName: person.name })
      .where(and(eq(workEvents.organizationId, organizationId), inArray(workEvents.actorUserId, person.userIds)));
  }
  // A phone is digits (and maybe + or -): nothing JSON escapes, so a text replace keeps the data valid.
  if (person.phone.length >= 5) {
    await tx
      .update(workEvents)
      .set({ data: sql`replace(${workEvents.data}::text, ${person.phone}, ${ERASED_TEXT})::jsonb` })
      .where(and(eq(workEvents.organizationId, organizationId), sql`strpos(${workEvents.data}::text, ${person.phone}) > 0`));
  }
}
