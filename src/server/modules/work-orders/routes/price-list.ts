import { and, asc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { priceItemInputSchema, priceItemSchema, priceItemUpdateSchema } from '../../../../common/work-orders';
import { contextOf, requireActor } from '../../../auth/plugin';
import { withUniqueFields } from '../../../db/errors';
import { tenantScope } from '../../../db/scope';
import { fieldError, notFound } from '../../../errors';
import { recordAudit } from '../../audit';
import { visibleCommunity } from '../../registry';
import { priceListPolicy } from '../policy';
import { priceListItems } from '../tables';
import { ERRORS, idParams } from './shared';
import { inTransaction } from '../../../db/transaction';

const tags = ['price list'];
const UNIQUE = { price_list_items_name_uq: 'name' };

function present(row: typeof priceListItems.$inferSelect): z.infer<typeof priceItemSchema> {
  return {
    id: row.id,
    communityId: row.communityId,
    name: row.name,
    unit: row.unit,
    price: row.price,
    category: row.category,
    note: row.note,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The published paid-service price list of each community (有偿服务价目表); prices in fen. */
export async function priceListRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;
  const visibleItem = (id: string, actor: ReturnType<typeof requireActor>) =>
    db
      .select()
      .from(priceListItems)
      .where(and(eq(priceListItems.id, id), isNull(priceListItems.archivedAt), tenantScope(actor, { organizationId: priceListItems.organizationId, communityId: priceListItems.communityId })));

  r.get(
    '/api/v1/price-list',
    {
      schema: {
        tags,
        summary: "A community's published price list",
        description: 'Everyone of the community may read it (it is published to owners); prices are in fen.',
        querystring: z.object({ communityId: z.uuid() }),
        response: { 200: z.object({ items: z.array(priceItemSchema) }), ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const community = await visibleCommunity(db, actor, request.query.communityId, { active: false });
      if (!community) throw notFound('entity.community');
      const rows = await db
        .select()
        .from(priceListItems)
        .where(and(eq(priceListItems.communityId, community.id), isNull(priceListItems.archivedAt)))
        .orderBy(asc(priceListItems.category), asc(priceListItems.name));
      return { items: rows.map(present) };
    },
  );

  r.post(
    '/api/v1/price-list',
    { schema: { tags, summary: 'Add a price-list item', body: priceItemInputSchema, response: { 201: priceItemSchema, ...ERRORS } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const community = await visibleCommunity(db, ctx.actor, request.body.communityId, { active: false });
      if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
      priceListPolicy.assert(ctx.actor, 'edit', { organizationId: community.organizationId, communityId: community.id });
      const row = await withUniqueFields(
        () =>
          inTransaction(db, async (tx) => {
            const [created] = await tx
              .insert(priceListItems)
              .values({ ...request.body, category: request.body.category ?? null, organizationId: community.organizationId })
              .returning();
            await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'price_item', entityId: created!.id, action: 'create', after: { ...request.body } });
            return created!;
          }),
        UNIQUE,
      );
      return reply.status(201).send(present(row));
    },
  );

  r.patch(
    '/api/v1/price-list/:id',
    { schema: { tags, summary: 'Change a price-list item', params: idParams, body: priceItemUpdateSchema, response: { 200: priceItemSchema, ...ERRORS } } },
    async (request) => {
      const ctx = contextOf(request);
      const [item] = await visibleItem(request.params.id, ctx.actor);
      if (!item) throw notFound('entity.priceItem');
      priceListPolicy.assert(ctx.actor, 'edit', item);
      return present(
        await withUniqueFields(
          () =>
            inTransaction(db, async (tx) => {
              const [updated] = await tx.update(priceListItems).set({ ...request.body, updatedAt: new Date() }).where(eq(priceListItems.id, item.id)).returning();
              await recordAudit(tx, ctx, { organizationId: item.organizationId, entityType: 'price_item', entityId: item.id, action: 'update', before: item, after: updated! });
              return updated!;
            }),
          UNIQUE,
        ),
      );
    },
  );

  r.delete(
    '/api/v1/price-list/:id',
    { schema: { tags, summary: 'Withdraw a price-list item', params: idParams, response: { 204: z.null(), ...ERRORS } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const [item] = await visibleItem(request.params.id, ctx.actor);
      if (!item) throw notFound('entity.priceItem');
      priceListPolicy.assert(ctx.actor, 'edit', item);
      await inTransaction(db, async (tx) => {
        await tx.update(priceListItems).set({ archivedAt: new Date() }).where(eq(priceListItems.id, item.id));
        await recordAudit(tx, ctx, { organizationId: item.organizationId, entityType: 'price_item', entityId: item.id, action: 'archive', before: { name: item.name } });
      });
      return reply.status(204).send(null);
    },
  );
}
