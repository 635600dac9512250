import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../errors';
import { organizationDataSettings } from '../registry';
import { attachments } from './tables';

/** "5 GB", "512 MB", "4 KB": a size as people read it, in binary units like the setting. */
export function formatBytes(bytes: number): string {
  const units = ['GB', 'MB', 'KB'] as const;
  for (const [i, unit] of units.entries()) {
    const value = bytes / 1024 ** (3 - i);
    if (value >= 1) return `${Number(value.toFixed(value >= 10 ? 0 : 1))} ${unit}`;
  }
  return `${bytes} B`;
}

/** Bytes the organization's uploads take (files and their thumbnails are counted by file size). */
export async function storageUsed(db: DbOrTx, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ used: sql<string>`coalesce(sum(${attachments.size}), 0)` })
    .from(attachments)
    .where(eq(attachments.organizationId, organizationId));
  return Number(row?.used ?? 0);
}

/** The organization's quota in bytes: its own setting, else the server's default. */
export async function storageQuota(db: DbOrTx, organizationId: string, defaultBytes: number): Promise<number> {
  return (await organizationDataSettings(db, organizationId))?.storageQuotaBytes ?? defaultBytes;
}

/**
 * Refuses an upload of `size` bytes that would take the organization past its quota: a 413
 * naming the quota and what is used, in the caller's language. Inside the insert's transaction
 * it first takes a per-organization lock, so two concurrent uploads cannot both slip under it.
 */
export async function assertWithinQuota(db: DbOrTx, organizationId: string, size: number, defaultBytes: number, locked = false): Promise<void> {
  if (locked) await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`wuye.storage:${organizationId}`}))`);
  const quota = await storageQuota(db, organizationId, defaultBytes);
  const used = await storageUsed(db, organizationId);
  if (used + size > quota) {
    throw new AppError('STORAGE_QUOTA_EXCEEDED', 'error.storageQuota', { quota: formatBytes(quota), used: formatBytes(used) });
  }
}
