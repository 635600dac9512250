import type { FastifyBaseLogger } from 'fastify';
import { every } from '../../jobs/every';
import type { Db } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { runUploadPurge } from '../attachments';
import { eraseExpiredVisitorData } from '../gate';
import { retentionPeriods } from '../registry';

/** Hourly is plenty: both rules count in days. */
export const DATA_JOB_SECONDS = 3600;

/**
 * Applies every company's visitor retention period (gate/retention.ts), one transaction per
 * company. Returns the totals.
 */
export async function applyVisitorRetention(db: Db, now = new Date()): Promise<{ passes: number; slips: number; workers: number }> {
  const total = { passes: 0, slips: 0, workers: 0 };
  for (const { organizationId, days } of await retentionPeriods(db)) {
    const done = await inTransaction(db, (tx) => eraseExpiredVisitorData(tx, organizationId, days, now));
    total.passes += done.passes;
    total.slips += done.slips;
    total.workers += done.workers;
  }
  return total;
}

/** Runs visitor retention and the removal of never-attached uploads every hour. */
export function startDataJobs(db: Db, uploadsDir: string, log: FastifyBaseLogger, seconds = DATA_JOB_SECONDS): () => Promise<void> {
  return every(seconds, async () => {
    try {
      const erased = await applyVisitorRetention(db);
      if (erased.passes || erased.slips) log.info(erased, 'visitor retention applied');
    } catch (err) {
      log.error({ err }, 'visitor retention failed');
    }
    await runUploadPurge(db, uploadsDir, log);
  });
}
