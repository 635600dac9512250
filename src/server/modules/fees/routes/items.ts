import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { feeItemInputSchema, feeItemSchema, feeItemVersionInputSchema, periodCloseInputSchema } from '../../../../common/fees';
import { contextOf } from '../../../auth/plugin';
import { fieldError } from '../../../errors';
import { ERRORS, idParams } from '../../../http/route-kit';
import { visibleCommunity } from '../../registry';
import { closePeriod } from '../commands/close-period';
import { addFeeItemVersion, createFeeItem } from '../commands/fee-items';
import { feeSetupPolicy } from '../policy';
import { presentItem } from '../presenter';
import { closedThrough, communityToday, itemsOf } from '../repository';

const tags = ['fees'];

/** Fee items with their price versions, and closing the books. */
export async function feeItemRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  const itemResponse = async (actor: ReturnType<typeof contextOf>['actor'], communityId: string, itemId: string) => {
    const [found] = await itemsOf(db, communityId, [itemId]);
    return presentItem(actor, found!.item, found!.versions, await communityToday(db, communityId));
  };

  r.get('/api/v1/fee-items', {
    schema: {
      tags,
      summary: 'Fee items of a community',
      description: 'Every item with all its price versions (oldest first) and the version in force today, plus the date through which the books are closed.',
      querystring: z.object({ communityId: z.uuid() }),
      response: { 200: z.object({ items: z.array(feeItemSchema), closedThrough: z.string().nullable(), allowedActions: z.array(z.enum(['create', 'closePeriod'])) }), ...ERRORS },
    },
  }, async (request) => {
    const { actor } = contextOf(request);
    const community = await visibleCommunity(db, actor, request.query.communityId, { active: false });
    if (!community || !feeSetupPolicy.can(actor, 'read', { organizationId: community.organizationId, communityId: community.id })) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
    const today = await communityToday(db, community.id);
    const items = (await itemsOf(db, community.id)).filter((i) => !i.item.archivedAt);
    const manage = feeSetupPolicy.can(actor, 'manage', { organizationId: community.organizationId, communityId: community.id });
    return {
      items: items.map((i) => presentItem(actor, i.item, i.versions, today)),
      closedThrough: await closedThrough(db, community.id),
      allowedActions: manage ? (['create', 'closePeriod'] as const).slice() : [],
    };
  });

  r.post('/api/v1/fee-items', {
    schema: {
      tags,
      summary: 'Create a fee item',
      description: 'Property fee by built area (price per building type), a fixed monthly amount, a metered item with tiered prices, or a one-off charge; with its rounding rule and its first price. Company admin or project manager.',
      body: feeItemInputSchema,
      response: { 201: feeItemSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const item = await createFeeItem(db, ctx, request.body);
    return reply.status(201).send(await itemResponse(ctx.actor, item.communityId, item.id));
  });

  r.post('/api/v1/fee-items/:id/versions', {
    schema: {
      tags,
      summary: 'Change an item’s price from a date on',
      description: 'A new version applies from its date; never retroactively (today or later, and after the last day already billed).',
      params: idParams,
      body: feeItemVersionInputSchema,
      response: { 201: feeItemSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const item = await addFeeItemVersion(db, ctx, request.params.id, request.body);
    return reply.status(201).send(await itemResponse(ctx.actor, item.communityId, item.id));
  });

  r.post('/api/v1/fee-periods/close', {
    schema: {
      tags,
      summary: 'Close the books through a date',
      description: 'From then on no entry of the community may be dated on or before it; corrections are reversing entries dated later. Only moves forward.',
      body: periodCloseInputSchema,
      response: { 200: z.object({ communityId: z.uuid(), closedThrough: z.string() }), ...ERRORS },
    },
  }, async (request) => closePeriod(db, contextOf(request), request.body));
}
