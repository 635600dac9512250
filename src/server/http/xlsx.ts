import type { FastifyReply } from 'fastify';
import { AppError } from '../errors';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends an xlsx download; the file name is ASCII-safe with a UTF-8 variant for Chinese names. */
export function sendXlsx(reply: FastifyReply, data: Buffer, fileName: string): FastifyReply {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(data);
}

/** `units-2026-11-22.xlsx` */
export const datedName = (base: string) => `${base}-${new Date().toISOString().slice(0, 10)}.xlsx`;

/**
 * Refuses an export of more rows than its cap before any row is read, with the count and the cap
 * in the caller's language (400 EXPORT_TOO_LARGE), instead of a silently cut file.
 */
export function assertExportSize(total: number, max: number): void {
  if (total > max) throw new AppError('EXPORT_TOO_LARGE', 'error.exportTooLarge', { total, max });
}

/** Local time as staff read it in the console (`2026-11-22 08:05`), in the community's zone. */
export function localDateTime(value: Date | string | null | undefined, timeZone = 'Asia/Shanghai'): string | null {
  if (!value) return null;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(value));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
