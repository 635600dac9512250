import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { ATTACHMENT_KINDS } from '../../../common/work-orders';
import { fieldError } from '../../errors';

export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Content types accepted per kind, decided from the bytes, never from the file name. */
const ACCEPTED: Record<AttachmentKind, readonly string[]> = {
  photo: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'],
  document: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'],
  // Signatures are drawn on a canvas in the browser and exported as PNG.
  signature: ['image/png'],
};
/** Images sharp can read with its prebuilt binaries (HEIC is stored without a thumbnail). */
const THUMBNAILABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);
const THUMBNAIL_WIDTH = 320;

export interface StoredFile {
  mimeType: string;
  size: number;
  sha256: string;
  storagePath: string;
  thumbnailPath: string | null;
}

/** The content type of the bytes if the kind accepts it; otherwise a 400 on `file`. */
export async function sniffType(kind: AttachmentKind, data: Buffer): Promise<string> {
  const type = await fileTypeFromBuffer(data);
  const mime = type?.mime === 'image/heif' ? 'image/heic' : type?.mime;
  if (!mime || !ACCEPTED[kind].includes(mime)) {
    throw fieldError({ file: { key: 'field.fileType', params: { allowed: ACCEPTED[kind].map((m) => m.split('/')[1]).join(', ') } } });
  }
  return mime;
}

/**
 * Writes a checked upload under `<uploadsDir>/<organization>/<yyyy-mm>/` with a random name,
 * plus a 320 px wide WebP thumbnail for images sharp can read. A file refused after its bytes
 * reached the disk (an image that does not decode, a failed write) is removed before the error
 * leaves: nothing refused stays on disk.
 */
export async function storeFile(uploadsDir: string, organizationId: string, kind: AttachmentKind, data: Buffer): Promise<StoredFile> {
  const mimeType = await sniffType(kind, data);
  const dir = path.join(organizationId, new Date().toISOString().slice(0, 7));
  await mkdir(path.join(uploadsDir, dir), { recursive: true });
  const name = randomUUID();
  const storagePath = path.join(dir, name);
  let thumbnailPath: string | null = null;
  try {
    await writeFile(path.join(uploadsDir, storagePath), data, { flag: 'wx' });
    if (THUMBNAILABLE.has(mimeType)) {
      let thumb: Buffer;
      try {
        thumb = await sharp(data).rotate().resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
      } catch {
        // The header sniffed as an image but the body does not decode: refuse the file.
        throw fieldError({ file: { key: 'field.fileUnreadable' } });
      }
      thumbnailPath = `${storagePath}.thumb.webp`;
      await writeFile(path.join(uploadsDir, thumbnailPath), thumb, { flag: 'wx' });
    }
  } catch (err) {
    await removeStoredFile(uploadsDir, { storagePath, thumbnailPath });
    throw err;
  }
  return { mimeType, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), storagePath, thumbnailPath };
}

/** Removes a stored file and its thumbnail; a file already gone is not an error. */
export async function removeStoredFile(uploadsDir: string, file: { storagePath: string; thumbnailPath: string | null }): Promise<void> {
  await rm(path.join(uploadsDir, file.storagePath), { force: true });
  if (file.thumbnailPath) await rm(path.join(uploadsDir, file.thumbnailPath), { force: true });
}
