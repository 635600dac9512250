import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { every } from '../../jobs/every';

/** Deltas folded per statement: a few thousand cells, so a fold never holds locks for long. */
const FOLD_BATCH = 20_000;

/**
 * Moves the roll-up's deltas (appended by the work_orders triggers of
 * migrations/0030_dashboard-rollup.sql) into the daily totals, oldest first, and drops cells that
 * this batch brought to zero. Readers add the deltas not folded yet, so folding changes no count, only how many
 * rows a read adds up. One process folds at a time (an advisory lock; a second returns at once);
 * each batch is one transaction, so a delta is either still a delta or part of a total.
 * Returns how many deltas were folded.
 */
export async function foldDayCounts(db: Db): Promise<number> {
  let folded = 0;
  for (;;) {
    const n = await inTransaction(db, async (tx) => {
      const rows = (await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext('wuye.work_order_day_counts')) as ok`)) as unknown as { rows: { ok: boolean }[] };
      if (!rows.rows[0]?.ok) return 0;
      const moved = (await tx.execute(sql`
        with batch as (
          delete from work_order_day_deltas
          where id in (select id from work_order_day_deltas order by id limit ${FOLD_BATCH})
          returning organization_id, community_id, day, state_type, n
        ), cells as (
          insert into work_order_day_counts as t (organization_id, community_id, day, state_type, n)
          select organization_id, community_id, day, state_type, sum(n)::int from batch
          group by organization_id, community_id, day, state_type
          order by community_id, day, state_type
          on conflict (community_id, day, state_type) do update set n = t.n + excluded.n
          returning community_id, day, state_type, n
        )
        select (select count(*) from batch)::int as deltas,
          (select json_agg(json_build_object('community_id', community_id, 'day', day, 'state_type', state_type)) from cells where n = 0) as zero`)) as unknown as {
        rows: { deltas: number; zero: unknown[] | null }[];
      };
      const { deltas, zero } = moved.rows[0]!;
      // Cells this batch emptied (all their orders moved on to another state type).
      if (zero?.length) {
        await tx.execute(sql`
          delete from work_order_day_counts t
          using json_to_recordset(${JSON.stringify(zero)}::json) as z(community_id uuid, day date, state_type text)
          where t.community_id = z.community_id and t.day = z.day and t.state_type = z.state_type and t.n = 0`);
      }
      return deltas;
    });
    folded += n;
    if (n < FOLD_BATCH) return folded;
  }
}

/** Runs `foldDayCounts` every `seconds` until stopped. */
export function startDayCountFold(db: Db, log: FastifyBaseLogger, seconds: number): () => Promise<void> {
  return every(seconds, () =>
    foldDayCounts(db).then(
      (n) => void (n > 0 && log.debug({ deltas: n }, 'dashboard roll-up folded')),
      (err: unknown) => log.error({ err }, 'dashboard roll-up fold failed'),
    ),
  );
}
