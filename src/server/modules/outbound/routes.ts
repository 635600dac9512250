import { and, count, desc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, pageQuerySchema, pageSchema } from '../../../common/api';
import { outboundMessageSchema } from '../../../common/work-orders';
import { requireActor } from '../../auth/plugin';
import { definePolicy, hasRole } from '../../auth/policy';
import { tenantScope } from '../../db/scope';
import { buildChannels, loadOutboundConfig, type OutboundChannels } from './channel';
import { deliverPending, queuedSoFar } from './deliver';
import { outboundMessages } from './tables';

/** Who may read the outbox: company admins and the service desk. */
export const outboxPolicy = definePolicy<'read'>({
  read: (actor) => hasRole(actor, 'company_admin', 'service_desk', 'platform_admin'),
});

const channelsByApp = new WeakMap<object, OutboundChannels>();

/** The outbound channels of an application (built once from the environment). */
export function outboundChannels(app: FastifyInstance): OutboundChannels {
  let channels = channelsByApp.get(app.database);
  if (!channels) {
    channels = buildChannels(loadOutboundConfig(), app.log);
    channelsByApp.set(app.database, channels);
  }
  return channels;
}

/** Delivers what the last command queued; failures stay in the table for the periodic job. */
export async function deliverQueued(app: FastifyInstance): Promise<void> {
  await deliverPending(app.database.db, outboundChannels(app), app.log);
}

const pendingDeliveries = new WeakMap<object, { again: boolean; running: Promise<void> }>();

/**
 * Delivers what a command queued without making its caller wait: call it after the response is
 * sent. One delivery runs at a time per database in this process; calls while it runs make it go
 * round once more instead of starting another (an intake burst costs one claim, not one each). With
 * `since` (`queuedSoFar()` taken before the command), nothing is claimed when no message was queued
 * in between. A failure is logged and the rows stay for the periodic job; closing the app waits
 * for a run.
 */
export function deliverSoon(app: FastifyInstance, since?: number): void {
  if (since !== undefined && queuedSoFar() === since) return;
  const running = pendingDeliveries.get(app.database);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: false, running: Promise.resolve() };
  pendingDeliveries.set(app.database, state);
  state.running = (async () => {
    try {
      do {
        state.again = false;
        await deliverQueued(app);
      } while (state.again);
    } catch (err) {
      app.log.error({ err }, 'outbound delivery failed');
    } finally {
      pendingDeliveries.delete(app.database);
    }
  })();
}

/** The outbox of outbound messages, for admins and the desk. */
export async function outboundRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('onClose', async () => {
    await pendingDeliveries.get(app.database)?.running;
  });
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/outbox',
    {
      schema: {
        tags: ['outbound'],
        summary: 'Outgoing messages to owners',
        description:
          'Messages sent to owners (appointment changes, quotes awaiting consent, completed work), newest first. Without a ' +
          'configured provider they are only recorded here (status `recorded`). Secrets such as sign-in codes are masked ' +
          '(`******`): staff never read them.',
        querystring: pageQuerySchema,
        response: { 200: pageSchema(outboundMessageSchema), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      outboxPolicy.assert(actor, 'read', undefined);
      const { page, pageSize } = request.query;
      const where = and(tenantScope(actor, { organizationId: outboundMessages.organizationId, communityId: outboundMessages.communityId }));
      const db = app.database.db;
      const [rows, [total]] = await Promise.all([
        db.select().from(outboundMessages).where(where).orderBy(desc(outboundMessages.createdAt), desc(outboundMessages.id)).limit(pageSize).offset((page - 1) * pageSize),
        db.select({ n: count() }).from(outboundMessages).where(where),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          to: r.to,
          subject: r.subject,
          body: r.body,
          status: r.status,
          provider: r.provider,
          createdAt: r.createdAt.toISOString(),
        })),
        total: total?.n ?? 0,
        page,
        pageSize,
      };
    },
  );
}
