import { asc, eq, lte } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { systemContext } from '../../../auth/context';
import type { Db } from '../../../db/client';
import { workOrders } from '../tables';
import { pinnedStandard } from '../../standards';
import { applyAction } from './take-action';
import { every } from '../../../jobs/every';
import { inTransaction } from '../../../db/transaction';

/**
 * Takes every `autoAdvance` step that has fallen due (e.g. completed repairs never confirmed
 * close after 7 days). Orders are claimed with FOR UPDATE SKIP LOCKED, so two server processes
 * never advance one order twice; the timeline marks the step as automatic.
 */
export async function runAutoAdvance(db: Db, now = new Date(), batch = 100): Promise<number> {
  let advanced = 0;
  for (;;) {
    const n = await inTransaction(db, async (tx) => {
      const due = await tx
        .select()
        .from(workOrders)
        .where(lte(workOrders.autoAdvanceAt, now))
        .orderBy(asc(workOrders.autoAdvanceAt))
        .limit(batch)
        .for('update', { skipLocked: true });
      for (const order of due) {
        const standard = (await pinnedStandard(tx, order.standardVersionId)).definition;
        const rule = standard.autoAdvance.find((r) => r.from === order.state);
        if (!rule) {
          await tx.update(workOrders).set({ autoAdvanceAt: null }).where(eq(workOrders.id, order.id));
          continue;
        }
        await applyAction(tx, systemContext(order.organizationId), order, rule.transition, {}, now, { automatic: true });
      }
      return due.length;
    });
    advanced += n;
    if (n < batch) return advanced;
  }
}

/** Runs `runAutoAdvance` every `seconds` until stopped. */
export function startAutoAdvance(db: Db, log: FastifyBaseLogger, seconds: number): () => Promise<void> {
  return every(seconds, () =>
    runAutoAdvance(db).then(
      (n) => void (n > 0 && log.info({ advanced: n }, 'work orders advanced automatically')),
      (err: unknown) => log.error({ err }, 'auto-advance failed'),
    ),
  );
}
