import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from './client';

/**
 * Read replicas (`DATABASE_READ_URL`): lists, search, dashboards, reports and exports may read a
 * streaming replica; writes, transactions and the pages that must show a write (an order's own
 * page) read the primary.
 *
 * Read-your-writes: a replica replays the primary's WAL a little later (milliseconds, seconds
 * under load). So every write request (POST, PUT, PATCH, DELETE) answers with a cookie holding
 * "read the primary until" (now + `WUYE_READ_AFTER_WRITE_MS`, default 5 s); while it holds, that
 * browser's reads go to the primary. It lives in the client, not in a server's memory, so it
 * holds behind a load balancer across several `wuye serve`. A client without cookies (an API
 * script) may see a list a moment behind its own write; its detail reads are on the primary.
 * docs/deployment.md explains the choice against waiting for the replica's LSN.
 */
export const READ_PRIMARY_COOKIE = 'wuye_read_primary_until';
/** Response header naming where a routed read went (`primary` or `replica`). */
export const READ_FROM_HEADER = 'x-wuye-read-from';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let turn = 0;

/**
 * The database handle for a read that may lag behind the primary: a replica in turn, or the
 * primary when there is none or the caller wrote within the read-after-write window.
 */
export function readDb(app: FastifyInstance, request: FastifyRequest): Db {
  const replicas = app.database.replicas;
  if (!replicas?.length) return app.database.db;
  const until = Number(request.cookies?.[READ_PRIMARY_COOKIE]);
  const fresh = Number.isFinite(until) && until > Date.now();
  (request as FastifyRequest & { readFrom?: string }).readFrom = fresh ? 'primary' : 'replica';
  if (fresh) return app.database.db;
  turn = (turn + 1) % replicas.length;
  return replicas[turn]!.db;
}

/** Sets the read-after-write cookie on write requests, and says where routed reads went. No-op without replicas. */
export function registerReadRouting(app: FastifyInstance): void {
  if (!app.database.replicas?.length) return;
  const windowMs = app.config.readAfterWriteMs;
  app.addHook('onSend', async (request, reply, payload) => {
    const from = (request as FastifyRequest & { readFrom?: string }).readFrom;
    if (from) reply.header(READ_FROM_HEADER, from);
    if (UNSAFE.has(request.method) && windowMs > 0) {
      reply.setCookie(READ_PRIMARY_COOKIE, String(Date.now() + windowMs), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.secureCookies,
        maxAge: Math.ceil(windowMs / 1000),
      });
    }
    return payload;
  });
}
