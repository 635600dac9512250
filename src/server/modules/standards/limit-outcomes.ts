import { and, eq, gte, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { slaTimers } from './tables';

/** A time limit that ended in a period: met (stopped in time) or breached. */
export interface EndedLimit {
  subjectId: string;
  limitName: { 'zh-CN': string; 'en-US': string };
  met: boolean;
  dueAt: Date | null;
  /** When it was stopped, or when it was breached for one still running. */
  endedAt: Date;
}

/**
 * The time limits of one kind of work in some communities that ended in `[from, to)`: met
 * limits by the instant they stopped, breached ones by when they were stopped or, still running,
 * by when they were breached. Cancelled limits (an item withdrawn) are not counted. For measures
 * of SLA compliance (staff appraisal, improvement measures).
 */
export async function endedLimits(db: DbOrTx, q: { subjectType: string; organizationId: string; communityIds: readonly string[]; from: Date; to: Date }): Promise<EndedLimit[]> {
  if (!q.communityIds.length) return [];
  const t = slaTimers;
  const ended = sql<Date>`coalesce(${t.stoppedAt}, ${t.breachedAt})`;
  const rows = await db
    .select({ subjectId: t.subjectId, limitName: t.limitName, status: t.status, dueAt: t.dueAt, stoppedAt: t.stoppedAt, breachedAt: t.breachedAt })
    .from(t)
    .where(
      and(
        eq(t.organizationId, q.organizationId),
        inArray(t.communityId, [...q.communityIds]),
        eq(t.subjectType, q.subjectType),
        or(inArray(t.status, ['met', 'breached']), and(inArray(t.status, ['running', 'paused']), isNotNull(t.breachedAt))),
        gte(ended, q.from),
        lt(ended, q.to),
      ),
    );
  return rows
    .filter((r) => (r.status === 'met' || r.status === 'breached' ? r.stoppedAt ?? r.breachedAt : r.breachedAt))
    .map((r) => ({ subjectId: r.subjectId, limitName: r.limitName, met: r.status === 'met', dueAt: r.dueAt, endedAt: ((r.status === 'met' || r.status === 'breached' ? r.stoppedAt : null) ?? r.breachedAt)! }));
}
