import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decorationSchema, passSchema, slipSchema } from '../../../../common/gate';
import { genericActionBodySchema } from '../../../../common/work/records';
import { contextOf } from '../../../auth/plugin';
import { etagOf, expectedVersionOf, stepHeadersSchema } from '../../../work/step-headers';
import { takeGateStep, type GateStep } from '../commands/take-gate-step';
import { presentDecoration } from '../presenter';
import { pinnedStandard } from '../../standards';
import { passSubject, slipSubject, decorationSubject, type DecorationRow, type PassRow, type SlipRow } from '../step-kinds';
import { expiredStates, passVerdict, slipVerdict } from '../verdict';
import { ERRORS, presentAll, tags } from './shared';

const actionParams = z.object({
  id: z.uuid(),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,63}$/)
    .meta({ description: "A step of the item's pinned standard, as listed in `allowedActions` and `actions` of the item" }),
});

const STEP_DESCRIPTION =
  'The body holds the values of the step’s records keyed by record name, as described in `actions` of the item (type, bounds, ' +
  'whether required for the caller); it is checked against the item’s pinned standard version, so a step or record a company ' +
  'adds works at once. 409 INVALID_TRANSITION when the pinned standard has no such step or it does not leave the current state, ' +
  '403 when the caller’s roles on this item may not take it, 400 with `fields[<record name>]` for unknown keys, bad values and ' +
  'missing records, 404 when the caller may not read the item (another company or another community: the same as a random id). ' +
  'Send an `Idempotency-Key` header to make retries safe, and the item’s `version` as `If-Match` (`"7"`): when someone acted on ' +
  'it since, the step is refused with 409 STALE.';

const passStep: GateStep<PassRow, z.infer<typeof passSchema>> = {
  kind: passSubject,
  use: {
    refusal: 'pass',
    verdict: async (tx, row, now) => passVerdict(row, now, expiredStates((await pinnedStandard(tx, row.standardVersionId)).definition)),
  },
  present: async (tx, ctx, row) => (await presentAll(tx, ctx, { passes: [row] }, true)).passes[0]!,
};

const slipStep: GateStep<SlipRow, z.infer<typeof slipSchema>> = {
  kind: slipSubject,
  use: {
    refusal: 'slip',
    verdict: async (tx, row, now) =>
      slipVerdict({ ...row, releasedAt: row.release ? new Date(row.release.at) : null }, now, expiredStates((await pinnedStandard(tx, row.standardVersionId)).definition)),
  },
  present: async (tx, ctx, row) => (await presentAll(tx, ctx, { slips: [row] }, true)).slips[0]!,
};

const decorationStep: GateStep<DecorationRow, z.infer<typeof decorationSchema>> = {
  kind: decorationSubject,
  present: (tx, ctx, row) => presentDecoration(tx, ctx.actor, row, { detail: true }),
};

/**
 * `POST /api/v1/gate/{passes|slips|decorations}/{id}/actions/{action}`: one route per kind for
 * every step of its standard (visitor, goods_release, decoration), through the kernel's `runStep`.
 */
export async function stepRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;
  const routes = [
    { path: '/api/v1/gate/passes/:id/actions/:action', summary: 'Take a step of a pass’s visitor standard (entry, exit, cancel …)', extra: ' A step that uses the pass (the entry) is refused with 409 and the reason when the pass is expired, not yet valid, used, inside or cancelled.', response: passSchema, step: passStep },
    { path: '/api/v1/gate/slips/:id/actions/:action', summary: 'Take a step of a slip’s goods-release standard (release, cancel …)', extra: ' The release is refused with 409 and the reason when the slip is used, expired or cancelled; the guard’s signature is linked to the slip, so every reader of the slip sees it.', response: slipSchema, step: slipStep },
    { path: '/api/v1/gate/decorations/:id/actions/:action', summary: 'Take a step of a decoration’s standard (approve, start, check, close …)', extra: '', response: decorationSchema, step: decorationStep },
  ] as const;
  for (const route of routes) {
    r.post(
      route.path,
      {
        schema: {
          tags,
          summary: route.summary,
          description: STEP_DESCRIPTION + route.extra,
          params: actionParams,
          headers: stepHeadersSchema,
          body: genericActionBodySchema,
          response: { 200: route.response, ...ERRORS },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request);
        const result = await takeGateStep(db, ctx, route.step as GateStep<unknown, { version: number }>, request.params.id, request.params.action, request.body, {
          idempotencyKey: request.headers['idempotency-key'],
          expectedVersion: expectedVersionOf(request.headers['if-match']),
        });
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        reply.header('etag', etagOf(result.body.version));
        return result.body as never;
      },
    );
  }
}
