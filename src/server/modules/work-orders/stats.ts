import { and, count, eq, gte, lt, lte, not, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { STATS_MAX_DAYS, type WorkOrderStats, type WorkOrderStatsQuery } from '../../../common/work-order-stats';
import type { StatusType } from '../../../common/work-orders';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { fieldError } from '../../errors';
import { communityPlacesSql } from '../registry';
import { overdueAt, workOrderScope } from './repository';
import { workOrderDayCounts, workOrderDayDeltas, workOrders } from './tables';

const DAY = 86_400_000;
/** How far from each end of a period an order of a day the period cuts through can lie. */
const EDGE = 26 * 3_600_000;

/** The period of a statistics request: `to` defaults to now, `from` to 30 days before `to`. */
export function statsPeriod(q: WorkOrderStatsQuery, now = new Date()): { from: Date; to: Date } {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
  if (to <= from) throw fieldError({ to: { key: 'field.endBeforeStart' } });
  if (to.getTime() - from.getTime() > STATS_MAX_DAYS * DAY) throw fieldError({ from: { key: 'field.periodTooLong', params: { days: STATS_MAX_DAYS } } });
  return { from, to };
}

/** The date `days` after (or before) an instant's UTC date, as YYYY-MM-DD. */
const utcDate = (at: Date, days: number) => new Date(at.getTime() + days * DAY).toISOString().slice(0, 10);

/**
 * Work orders created in a period that the actor may see, counted by state type, by community
 * and by the community's local day, plus how many of them are overdue now.
 *
 * The counts are cells of (state type, community, local day), summed into the three groupings in
 * one statement. A local day that lies wholly inside the period is read from the daily roll-up
 * (`work_order_day_counts` plus the deltas not folded yet, day-counts.ts), a few rows per
 * community and day; the orders of the days the period cuts through (at most a day at each end,
 * per community's time zone) are counted from the orders themselves. A year of a large company is
 * then tens of thousands of cells instead of a million orders (docs/performance.md). The overdue
 * count is a second statement over the orders past due, read from the next-due index alone.
 */
export async function workOrderStats(db: DbOrTx, actor: Actor, q: WorkOrderStatsQuery, now = new Date()): Promise<WorkOrderStats> {
  const { from, to } = statsPeriod(q, now);
  const fromSql = sql`${from.toISOString()}::timestamptz`;
  const toSql = sql`${to.toISOString()}::timestamptz`;
  // Per community, the first and last of its local days that lie wholly inside [from, to): the
  // day of `from` unless `from` falls after its midnight, up to the day before the day of `to`.
  // Computed once per community, so a cell is kept or left by comparing dates.
  const zones = communityPlacesSql();
  const fromDay = sql`(${fromSql} at time zone ${zones.timeZone})::date`;
  const places = db.$with('whole_days').as(
    db
      .select({
        id: zones.id,
        name: zones.name,
        timeZone: zones.timeZone,
        firstDay: sql<string>`case when (${fromDay})::timestamp at time zone ${zones.timeZone} >= ${fromSql} then ${fromDay} else ${fromDay} + 1 end`.as('first_day'),
        lastDay: sql<string>`(${toSql} at time zone ${zones.timeZone})::date - 1`.as('last_day'),
      })
      .from(zones),
  );
  const wholeDay = (day: SQL | AnyColumn) => sql`((${day}) between ${places.firstDay} and ${places.lastDay})`;
  const rolled = (t: typeof workOrderDayCounts | typeof workOrderDayDeltas) =>
    db
      .select({ statusType: t.stateType, communityId: t.communityId, day: t.day, n: sql<number>`${t.n}`.as('n') })
      .from(t)
      .innerJoin(places, eq(places.id, t.communityId))
      .where(
        and(
          tenantScope(actor, { organizationId: t.organizationId, communityId: t.communityId }),
          q.communityId ? eq(t.communityId, q.communityId) : undefined,
          // Local days of any zone (UTC-12 to UTC+14) that may lie in the period; then exactly.
          gte(t.day, utcDate(from, -1)),
          lte(t.day, utcDate(to, 1)),
          wholeDay(t.day),
        ),
      );
  const localDay = sql<string>`(${workOrders.createdAt} at time zone ${places.timeZone})::date`;
  // The orders of [start, end) on local days the period does not wholly hold.
  const counted = (start: Date, end: Date) =>
    db
      .select({ statusType: workOrders.stateType, communityId: workOrders.communityId, day: localDay.as('day'), n: sql<number>`count(*)`.as('n') })
      .from(workOrders)
      .innerJoin(places, eq(places.id, workOrders.communityId))
      .where(
        and(
          workOrderScope(actor),
          q.communityId ? eq(workOrders.communityId, q.communityId) : undefined,
          gte(workOrders.createdAt, start),
          lt(workOrders.createdAt, end),
          not(wholeDay(localDay)),
        ),
      )
      .groupBy(workOrders.stateType, workOrders.communityId, localDay);
  // A day the period cuts through starts or ends within a day (25 hours with summer time) of
  // its ends, so two ranges of EDGE each hold every such order; they are disjoint by construction.
  const headEnd = new Date(Math.min(to.getTime(), from.getTime() + EDGE));
  const tailStart = new Date(Math.max(headEnd.getTime(), to.getTime() - EDGE));
  const cells = rolled(workOrderDayCounts).unionAll(rolled(workOrderDayDeltas)).unionAll(counted(from, headEnd)).unionAll(counted(tailStart, to)).as('cells');
  const [groups, [late]] = await Promise.all([
    // A CTE read five times is computed once: the bounds are per community, not per cell.
    db
      .with(places)
      .select({
        statusType: cells.statusType,
        communityId: cells.communityId,
        name: places.name,
        day: sql<string | null>`to_char(${cells.day}, 'YYYY-MM-DD')`,
        count: sql<number>`sum(${cells.n})::int`,
      })
      .from(cells)
      .innerJoin(places, eq(places.id, cells.communityId))
      // Each output row belongs to one set: the other sets' columns are null in it.
      .groupBy(sql`grouping sets ((${cells.statusType}), (${cells.communityId}, ${places.name}), (${cells.day}))`)
      // A cell whose orders all moved on keeps a zero until the next fold.
      .having(sql`sum(${cells.n}) <> 0`),
    db
      .select({ n: count() })
      .from(workOrders)
      .where(and(workOrderScope(actor), gte(workOrders.createdAt, from), lt(workOrders.createdAt, to), q.communityId ? eq(workOrders.communityId, q.communityId) : undefined, overdueAt(now))),
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
