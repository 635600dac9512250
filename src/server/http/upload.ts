import type { MultipartFile } from '@fastify/multipart';
import type { FastifyError, FastifyRequest } from 'fastify';
import { AppError } from '../errors';

/**
 * The one uploaded file of a multipart request, read into memory. A malformed multipart body
 * (a bad boundary, a cut-off part) is the client's mistake: a 400, never a server error.
 */
export async function readUpload(request: FastifyRequest): Promise<{ file: MultipartFile; data: Buffer } | null> {
  try {
    const file = await request.file();
    if (!file) return null;
    return { file, data: await file.toBuffer() };
  } catch (err) {
    if (err instanceof AppError || (err as FastifyError).code || (err as FastifyError).statusCode) throw err;
    throw new AppError('BAD_REQUEST', 'error.badRequest');
  }
}
