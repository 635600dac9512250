import { and, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { attachmentLinks } from '../../work/tables';
import { removeStoredFile } from './store-file';
import { attachments } from './tables';

/** An upload linked to nothing this long is abandoned (a form never sent, a photo retaken). */
export const UNATTACHED_MAX_AGE_MS = 24 * 3_600_000;
/** Rows removed per transaction, so a large backlog never holds one long lock. */
const BATCH = 200;

/**
 * Removes uploads that no subject links to (every step that uses a file links it in
 * `attachment_links`, including the ids kept in records such as a check-in's photo) and that are
 * older than a day: first the rows, in short transactions that skip rows another process holds,
 * then the files once the rows are gone (a file whose removal fails is harmless; a row without
 * its file would not be). Returns how many uploads were removed.
 */
export async function purgeUnattachedUploads(db: Db, uploadsDir: string, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNATTACHED_MAX_AGE_MS);
  let removed = 0;
  for (;;) {
    const gone = await inTransaction(db, async (tx) => {
      const rows = await tx
        .select({ id: attachments.id, storagePath: attachments.storagePath, thumbnailPath: attachments.thumbnailPath })
        .from(attachments)
        .where(
          and(
            lt(attachments.createdAt, cutoff),
            notExists(tx.select({ one: sql`1` }).from(attachmentLinks).where(eq(attachmentLinks.attachmentId, attachments.id))),
          ),
        )
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (rows.length) await tx.delete(attachments).where(inArray(attachments.id, rows.map((r) => r.id)));
      return rows;
    });
    for (const file of gone) await removeStoredFile(uploadsDir, file);
    removed += gone.length;
    if (gone.length < BATCH) return removed;
  }
}

/** Logs what a purge removed; errors are logged, never thrown (the job keeps its schedule). */
export async function runUploadPurge(db: Db, uploadsDir: string, log: FastifyBaseLogger): Promise<void> {
  try {
    const removed = await purgeUnattachedUploads(db, uploadsDir);
    if (removed) log.info({ removed }, 'unattached uploads removed');
  } catch (err) {
    log.error({ err }, 'upload purge failed');
  }
}
