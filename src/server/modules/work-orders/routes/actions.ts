import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workOrderDetailSchema } from '../../../../common/work-orders';
import { genericActionBodySchema } from '../../../../common/work/records';
import { contextOf } from '../../../auth/plugin';
import { deliverQueued } from '../../outbound';
import { takeAction } from '../commands/take-action';
import { etagOf, expectedVersionOf, stepHeadersSchema } from '../../../work/step-headers';
import { ERRORS, tags } from './shared';

const actionParams = z.object({
  id: z.uuid(),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,63}$/)
    .meta({ description: "A step of the order's pinned standard, as listed in `allowedActions` and `actions` of the order" }),
});

/**
 * `POST /api/v1/work-orders/{id}/actions/{action}`: one route for every step of every standard.
 * The body is checked at run time against the typed records of the step in the order's pinned
 * standard version (`actions[].records` of the order describe them), so a step or record a
 * company adds works at once. 409 INVALID_TRANSITION when the pinned standard has no such step or
 * it does not leave the current state, 403 when the caller's roles on this order may not take it,
 * 400 with `fields[<record name>]` for unknown keys, bad values and missing records. Nothing
 * changes on a refusal.
 */
export async function actionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;
  r.post(
    '/api/v1/work-orders/:id/actions/:action',
    {
      // Keeps its Idempotency-Key inside its own transaction (http/idempotency.ts skips it).
      config: { idempotency: 'own' },
      schema: {
        tags,
        summary: 'Take a step of the order’s standard',
        description:
          'The body holds the values of the step’s records keyed by record name, as described in `actions` of the order ' +
          '(type, bounds, whether required for the caller). Send an `Idempotency-Key` header to make retries safe: a retry ' +
          'returns the first response. Send the order’s `version` as `If-Match` (`"7"`): when someone acted on the order ' +
          'since, the step is refused with 409 STALE and `error.current` names the state and version now.',
        params: actionParams,
        headers: stepHeadersSchema,
        body: genericActionBodySchema,
        response: { 200: workOrderDetailSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const result = await takeAction(db, ctx, request.params.id, request.params.action, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
        expectedVersion: expectedVersionOf(request.headers['if-match']),
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      else await deliverQueued(app);
      if (result.body.version !== undefined) reply.header('etag', etagOf(result.body.version));
      return result.body;
    },
  );
}
