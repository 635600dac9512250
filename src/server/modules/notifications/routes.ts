import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../common/api';
import { requireActor } from '../../auth/plugin';
import { notFound } from '../../errors';
import { MESSAGES, t, type MessageKey } from '../../i18n/messages';
import { listNotifications, markAllRead, markRead } from './repository';
import { notificationPageSchema, notificationQuerySchema } from '../../../common/notifications';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** The signed-in user's notification inbox. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications',
        description: 'Assigned work, timers due soon or breached, owner replies and escalations, newest first.',
        querystring: notificationQuerySchema,
        response: { 200: notificationPageSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { rows, total, unreadCount } = await listNotifications(db, actor, request.query);
      return {
        items: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          message:
            n.messageKey in MESSAGES ? t(request.locale, n.messageKey as MessageKey, n.params) : n.messageKey,
          entityType: n.entityType,
          entityId: n.entityId,
          communityId: n.communityId,
          read: n.readAt !== null,
          createdAt: n.createdAt.toISOString(),
        })),
        total,
        unreadCount,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  r.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark a notification read',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      if (!(await markRead(db, requireActor(request), request.params.id))) throw notFound('entity.notification');
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: { 200: z.object({ updated: z.number().int() }), ...errors },
      },
    },
    async (request) => ({ updated: await markAllRead(db, requireActor(request)) }),
  );
}
