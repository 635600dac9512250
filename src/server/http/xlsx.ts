import type { FastifyReply } from 'fastify';

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
