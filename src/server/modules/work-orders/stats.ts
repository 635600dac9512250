import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import { STATS_MAX_DAYS, type WorkOrderStats, type WorkOrderStatsQuery } from '../../../common/work-order-stats';
import type { StatusType } from '../../../common/work-orders';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { fieldError } from '../../errors';
import { communityPlacesSql } from '../registry';
import { overdueAt, workOrderScope } from './repository';
import { workOrders } from './tables';

const DAY = 86_400_000;

/** The period of a statistics request: `to` defaults to now, `from` to 30 days before `to`. */
export function statsPeriod(q: WorkOrderStatsQuery, now = new Date()): { from: Date; to: Date } {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
  if (to <= from) throw fieldError({ to: { key: 'field.endBeforeStart' } });
  if (to.getTime() - from.getTime() > STATS_MAX_DAYS * DAY) throw fieldError({ from: { key: 'field.periodTooLong', params: { days: STATS_MAX_DAYS } } });
  return { from, to };
}

/**
 * Work orders created in a period that the actor may see, counted by state type, by community
 * and by the community's local day, plus how many of them are overdue now. The three counts are
 * one pass over the period's orders, read from the covering (organization, created, community,
 * state type) and (community, created, state type) indexes without the table; the overdue count is a second
 * statement that starts from the running timers past due (a few rows, not the period's orders).
 */
export async function workOrderStats(db: DbOrTx, actor: Actor, q: WorkOrderStatsQuery, now = new Date()): Promise<WorkOrderStats> {
  const { from, to } = statsPeriod(q, now);
  const filter = and(
    workOrderScope(actor),
    gte(workOrders.createdAt, from),
    lt(workOrders.createdAt, to),
    q.communityId ? eq(workOrders.communityId, q.communityId) : undefined,
  );
  const communities = communityPlacesSql();
  const localDay = sql`(${workOrders.createdAt} at time zone ${communities.timeZone})::date`;
  const overdue = overdueAt(now);
  // Counted once per (state type, community, local day), then summed into the three groupings:
  // one read of the period's rows, and the outer step works on a few thousand groups.
  const cells = db
    .select({ statusType: workOrders.stateType, communityId: workOrders.communityId, name: communities.name, day: sql<string>`${localDay}`.as('day'), n: count().as('n') })
    .from(workOrders)
    .innerJoin(communities, eq(communities.id, workOrders.communityId))
    .where(filter)
    .groupBy(workOrders.stateType, workOrders.communityId, communities.name, localDay)
    .as('cells');
  const [groups, [late]] = await Promise.all([
    db
      .select({
        statusType: cells.statusType,
        communityId: cells.communityId,
        name: cells.name,
        day: sql<string | null>`to_char(${cells.day}, 'YYYY-MM-DD')`,
        count: sql<number>`sum(${cells.n})::int`,
      })
      .from(cells)
      // Each output row belongs to one set: the other sets' columns are null in it.
      .groupBy(sql`grouping sets ((${cells.statusType}), (${cells.communityId}, ${cells.name}), (${cells.day}))`),
    db.select({ n: count() }).from(workOrders).where(and(filter, overdue)),
  ]);
  const byStatus = groups.filter((r) => r.statusType !== null);
  const byCommunity = groups
    .filter((r) => r.communityId !== null)
    .map((r) => ({ communityId: r.communityId, name: r.name!, count: r.count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byDay = groups
    .filter((r): r is typeof r & { day: string } => r.day !== null)
    .map((r) => ({ day: r.day, count: r.count }))
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    total: byStatus.reduce((s, r) => s + r.count, 0),
    overdue: late?.n ?? 0,
    byStatusType: byStatus.map((r) => ({ statusType: r.statusType as StatusType, count: r.count })).sort((a, b) => b.count - a.count),
    byCommunity,
    byDay,
  };
}
