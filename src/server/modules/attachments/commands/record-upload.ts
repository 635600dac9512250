import type { RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { recordAudit } from '../../audit';
import type { AttachmentRow } from '../repository';
import type { AttachmentKind, StoredFile } from '../store-file';
import { attachments } from '../tables';

/**
 * Records a file already stored on disk (`storeFile`) as an upload of the acting user, with its
 * audit record, inside the caller's transaction. Not yet linked to anything: a step or a form
 * links it, and the purge job removes it if nothing ever does.
 */
export async function recordUpload(
  tx: DbOrTx,
  ctx: RequestContext,
  upload: { organizationId: string; kind: AttachmentKind; fileName: string; stored: StoredFile },
): Promise<AttachmentRow> {
  const { organizationId, kind, stored } = upload;
  const [created] = await tx
    .insert(attachments)
    .values({ organizationId, uploaderUserId: ctx.actor.userId, kind, fileName: upload.fileName.slice(0, 200), ...stored })
    .returning();
  await recordAudit(tx, ctx, { organizationId, entityType: 'attachment', entityId: created!.id, action: 'upload', after: { kind, mimeType: stored.mimeType, size: stored.size } });
  return created!;
}
