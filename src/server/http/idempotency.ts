import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { AppError, fieldError } from '../errors';
import { requestKeys } from './tables';

/*
 * `Idempotency-Key` for every request that creates something: one mechanism for the whole API.
 *
 * A creating request is a POST whose documented responses include 201 and whose body is JSON.
 * With the header, the first request claims (user, key) before its handler runs and stores its
 * response when it answers; a repeat with the same body gets that response back with
 * `idempotent-replayed: true`; the same key with another body, or while the first is still in
 * flight, is refused with 409 CONFLICT. A refused or failed first request gives its key up, so a
 * corrected retry may use it. Keys live a day.
 *
 * Routes that keep their key inside their own transaction (work-order intake and steps: stronger,
 * the response is stored in the transaction that creates) declare `config: { idempotency: 'own' }`
 * and are left alone. Uploads (multipart) are not covered: their body is a stream the handler
 * reads, and a repeated upload only leaves an unattached file behind.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'own': the route handles `Idempotency-Key` itself inside its transaction. */
    idempotency?: 'own';
  }
  interface FastifyRequest {
    /** The key this request claimed (and will store its response under). */
    idempotencyClaim: { userId: string; key: string } | null;
  }
}

/** How long a key is remembered. */
export const KEY_TTL_MS = 24 * 3600_000;
/** A claim whose request never answered (a crash) is given up after this long. */
export const IN_FLIGHT_TTL_MS = 5 * 60_000;
export const KEY_HEADER = 'idempotency-key';

const keyHeader = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .meta({
    description:
      'Makes a retry safe: the same key with the same body within a day returns the first response (header `idempotent-replayed: true`) ' +
      'instead of creating again; the same key with another body, or while the first request is still running, answers 409 CONFLICT.',
  });

/** True for the routes the generic mechanism covers. */
export function isCreatingRoute(route: Pick<RouteOptions, 'method' | 'schema' | 'config'>): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!methods.includes('POST') || (route.config as { idempotency?: string } | undefined)?.idempotency === 'own') return false;
  const schema = route.schema as { body?: unknown; response?: Record<string, unknown>; hide?: boolean } | undefined;
  return !!schema?.body && !!schema.response && Object.keys(schema.response).some((code) => String(code) === '201');
}

/** Deeper than any body a documented schema accepts; a hostile one is refused, not recursed into. */
const MAX_DEPTH = 64;

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are one body. */
function canonical(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) throw fieldError({ body: { key: 'field.invalid' } });
  if (value instanceof Date) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, depth + 1)).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k], depth + 1)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const asArray = <T>(hook: T | T[] | undefined): T[] => (hook === undefined ? [] : Array.isArray(hook) ? hook : [hook]);

/** Installs the mechanism; call before the modules register their routes. */
export function installIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotencyClaim', null);
  const db = () => app.database.db;

  async function claim(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const key = request.headers[KEY_HEADER];
    if (typeof key !== 'string' || !request.session) return;
    // Hashed after validation, so the body has the shape its schema allows.
    const hash = createHash('sha256')
      .update(`${request.method} ${request.routeOptions.url} ${canonical(request.params)} ${canonical(request.body)}`)
      .digest('hex');
    const { userId, organizationId } = request.session.actor;
    const now = Date.now();
    // Forget this user's keys past their day, and claims that never answered.
    await db()
      .delete(requestKeys)
      .where(
        and(
          eq(requestKeys.userId, userId),
          or(lt(requestKeys.createdAt, new Date(now - KEY_TTL_MS)), and(isNull(requestKeys.statusCode), lt(requestKeys.createdAt, new Date(now - IN_FLIGHT_TTL_MS)))),
        ),
      );
    const [claimed] = await db()
      .insert(requestKeys)
      .values({ userId, key, organizationId, requestHash: hash })
      .onConflictDoNothing()
      .returning({ userId: requestKeys.userId });
    if (claimed) {
      request.idempotencyClaim = { userId, key };
      return;
    }
    const [first] = await db().select().from(requestKeys).where(and(eq(requestKeys.userId, userId), eq(requestKeys.key, key)));
    if (first && first.requestHash !== hash) throw new AppError('CONFLICT', 'error.idempotencyMismatch');
    if (!first || first.statusCode === null || first.response === null) throw new AppError('CONFLICT', 'error.idempotencyInFlight');
    return reply
      .code(first.statusCode)
      .header('idempotent-replayed', 'true')
      .type(first.contentType ?? 'application/json; charset=utf-8')
      .send(first.response);
  }

  async function store(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const claimed = request.idempotencyClaim;
    if (!claimed) return payload;
    request.idempotencyClaim = null;
    const where = and(eq(requestKeys.userId, claimed.userId), eq(requestKeys.key, claimed.key));
    try {
      if (reply.statusCode < 300 && typeof payload === 'string') {
        await db()
          .update(requestKeys)
          .set({ statusCode: reply.statusCode, response: payload, contentType: String(reply.getHeader('content-type') ?? 'application/json') })
          .where(where);
      } else {
        // Refused or failed: nothing was created, so the key is free for a corrected retry.
        await db().delete(requestKeys).where(where);
      }
    } catch (err) {
      request.log.error({ err }, 'idempotency key not stored');
    }
    return payload;
  }

  app.addHook('onRoute', (route) => {
    if (!isCreatingRoute(route)) return;
    const schema = (route.schema ?? {}) as { headers?: unknown };
    const headers = schema.headers instanceof z.ZodObject ? schema.headers.extend({ [KEY_HEADER]: keyHeader }) : z.looseObject({ [KEY_HEADER]: keyHeader });
    route.schema = { ...schema, headers };
    route.preHandler = [...asArray(route.preHandler), claim];
    route.onSend = [...asArray(route.onSend), store] as RouteOptions['onSend'];
  });
}
