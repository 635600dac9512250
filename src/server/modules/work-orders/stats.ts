import { and, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { STATS_MAX_DAYS, type WorkOrderStats, type WorkOrderStatsQuery } from '../../../common/work-order-stats';
import type { StatusType } from '../../../common/work-orders';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { fieldError } from '../../errors';
import { communityPlacesSql } from '../registry';
import { overdueSql } from '../standards';
import { TIMER_SUBJECT, workOrderScope } from './repository';
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
 * and by the community's local day, plus how many of them are overdue now. One scan of the
 * (organization, created) index per grouping.
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
  const localDay = sql<string>`to_char(${workOrders.createdAt} at time zone ${communities.timeZone}, 'YYYY-MM-DD')`;
  const overdue = overdueSql(TIMER_SUBJECT, sql`${workOrders.id}`, now);
  const [byStatus, byCommunity, byDay, [late]] = await Promise.all([
    db.select({ statusType: workOrders.stateType, count: count() }).from(workOrders).where(filter).groupBy(workOrders.stateType),
    db
      .select({ communityId: workOrders.communityId, name: communities.name, count: count() })
      .from(workOrders)
      .innerJoin(communities, eq(communities.id, workOrders.communityId))
      .where(filter)
      .groupBy(workOrders.communityId, communities.name)
      .orderBy(desc(count()), communities.name),
    db
      .select({ day: localDay, count: count() })
      .from(workOrders)
      .innerJoin(communities, eq(communities.id, workOrders.communityId))
      .where(filter)
      .groupBy(localDay)
      .orderBy(localDay),
    db.select({ n: count() }).from(workOrders).where(and(filter, overdue)),
  ]);
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
