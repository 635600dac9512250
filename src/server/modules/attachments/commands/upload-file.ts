import type { RequestContext } from '../../../auth/context';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import type { AttachmentRow } from '../repository';
import { assertWithinQuota } from '../quota';
import { removeStoredFile, storeFile, type AttachmentKind } from '../store-file';
import { recordUpload } from './record-upload';

/**
 * Keeps a file as the actor's own unlinked upload, as `POST /api/v1/attachments` does (quota,
 * audit): for data made through the product's commands without a browser (the demo month's
 * photos and signatures). A step links it like any upload.
 */
export async function uploadFile(db: Db, ctx: RequestContext, file: { kind: AttachmentKind; fileName: string; data: Buffer }, config: { uploadsDir: string; storageQuotaBytes: number }): Promise<AttachmentRow> {
  const organizationId = ctx.actor.organizationId;
  if (!organizationId) throw new Error('uploadFile: the actor has no organization');
  await assertWithinQuota(db, organizationId, file.data.length, config.storageQuotaBytes);
  const stored = await storeFile(config.uploadsDir, organizationId, file.kind, file.data);
  try {
    return await inTransaction(db, async (tx) => {
      await assertWithinQuota(tx, organizationId, stored.size, config.storageQuotaBytes, true);
      return recordUpload(tx, ctx, { organizationId, kind: file.kind, fileName: file.fileName, stored });
    });
  } catch (err) {
    await removeStoredFile(config.uploadsDir, stored);
    throw err;
  }
}
