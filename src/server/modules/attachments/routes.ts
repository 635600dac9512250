import { createReadStream } from 'node:fs';
import path from 'node:path';
import multipart from '@fastify/multipart';
import { readUpload } from '../../http/upload';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../common/api';
import { ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES, attachmentSchema } from '../../../common/work-orders';
import { contextOf, requireActor } from '../../auth/plugin';
import type { Actor } from '../../db/scope';
import { AppError, fieldError, notFound } from '../../errors';
import type { Db } from '../../db/client';
import { readableAttachment } from '../../work/attachment-links';
import { recordUpload } from './commands/record-upload';
import type { AttachmentRow } from './repository';
import { assertWithinQuota } from './quota';
import { removeStoredFile, storeFile, type AttachmentKind } from './store-file';
import { inTransaction } from '../../db/transaction';

const tags = ['attachments'];
const ERRORS = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 413: errorBodySchema, 415: errorBodySchema };
const idParams = z.object({ id: z.uuid() });

function present(row: AttachmentRow): z.infer<typeof attachmentSchema> {
  return {
    id: row.id,
    kind: row.kind,
    mimeType: row.mimeType,
    size: row.size,
    fileName: row.fileName,
    hasThumbnail: row.thumbnailPath !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * An attachment the actor may open: its uploader before it is linked, else whoever may read a
 * subject it is linked to (work order, slip, decoration, round ...). Anyone else gets the 404 of
 * a missing file.
 */
async function visibleAttachment(db: Db, actor: Actor, id: string): Promise<AttachmentRow> {
  const row = await readableAttachment(db, actor, id);
  if (!row) throw notFound('entity.attachment');
  return row;
}

function sendFile(reply: FastifyReply, uploadsDir: string, relative: string, mime: string, fileName: string | null): FastifyReply {
  reply.header('content-type', mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff');
  if (fileName) reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  return reply.send(createReadStream(path.join(uploadsDir, relative)));
}

/** Uploads (photos, PDFs, drawn signatures) and their download, tenant-scoped. */
export async function attachmentRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 3, parts: 4 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.post(
    '/api/v1/attachments',
    {
      schema: {
        tags,
        summary: 'Upload a photo, PDF or signature',
        description:
          'multipart/form-data: a `kind` field (photo | document | signature; default photo) before one `file`. Photos: JPEG, PNG, ' +
          'WebP or HEIC; documents also PDF; signatures PNG. The type is read from the content, not the name; at most 10 MB. ' +
          'Images get a 320 px WebP thumbnail. The file belongs to the uploader until a step links it to a work order, slip, decoration, round or handover; then whoever may read one of those may download it. ' +
          'A refused file is removed from disk at once; an upload linked to nothing is removed after a day. Each company has a storage quota ' +
          '(5 GB unless a company admin or WUYE_STORAGE_QUOTA_GB sets another): an upload past it is refused with 413 STORAGE_QUOTA_EXCEEDED naming the quota.',
        consumes: ['multipart/form-data'],
        response: { 201: attachmentSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      if (!ctx.actor.organizationId) throw new AppError('FORBIDDEN', 'error.forbidden');
      const upload = await readUpload(request);
      if (!upload) throw fieldError({ file: { key: 'field.required' } });
      const { file, data } = upload;
      const kindField = file.fields.kind;
      const kindValue = kindField && !Array.isArray(kindField) && 'value' in kindField ? String(kindField.value) : 'photo';
      if (!(ATTACHMENT_KINDS as readonly string[]).includes(kindValue)) throw fieldError({ kind: { key: 'field.invalid' } });
      if (file.file.truncated) throw fieldError({ file: { key: 'field.fileTooLarge', params: { mb: ATTACHMENT_MAX_BYTES / 1024 / 1024 } } });
      const organizationId = ctx.actor.organizationId;
      // Refuse before writing anything when the quota is already reached; checked again under a lock below.
      await assertWithinQuota(db, organizationId, data.length, app.config.storageQuotaBytes);
      const stored = await storeFile(app.config.uploadsDir, organizationId, kindValue as AttachmentKind, data);
      let row: AttachmentRow;
      try {
        row = await inTransaction(db, async (tx) => {
          await assertWithinQuota(tx, organizationId, stored.size, app.config.storageQuotaBytes, true);
          return recordUpload(tx, ctx, { organizationId, kind: kindValue as AttachmentKind, fileName: file.filename, stored });
        });
      } catch (err) {
        // Refused after the bytes reached the disk (quota, a failed insert): the file goes too.
        await removeStoredFile(app.config.uploadsDir, stored);
        throw err;
      }
      return reply.status(201).send(present(row));
    },
  );

  r.get(
    '/api/v1/attachments/:id',
    { schema: { tags, summary: 'Download an attachment', params: idParams, response: ERRORS } },
    async (request, reply) => {
      const row = await visibleAttachment(db, requireActor(request), request.params.id);
      return sendFile(reply, app.config.uploadsDir, row.storagePath, row.mimeType, row.fileName);
    },
  );

  r.get(
    '/api/v1/attachments/:id/thumbnail',
    { schema: { tags, summary: 'A 320 px WebP thumbnail of an image attachment', params: idParams, response: ERRORS } },
    async (request, reply) => {
      const row = await visibleAttachment(db, requireActor(request), request.params.id);
      if (!row.thumbnailPath) throw notFound('entity.attachment');
      return sendFile(reply, app.config.uploadsDir, row.thumbnailPath, 'image/webp', null);
    },
  );
}
