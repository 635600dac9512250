import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { registerAuditEntities } from '../audit';
import { priceListItems } from './tables';

/** Tells the audit log how price-list items read (by name); work orders are named by the kernel from their kind object. */
export function registerWorkOrderAuditEntities(): void {
  registerAuditEntities({
    types: ['price_item'],
    async names(db: DbOrTx, organizationId, _type, ids) {
      if (!ids.length) return new Map();
      const rows = await db
        .select({ id: priceListItems.id, label: priceListItems.name, communityId: priceListItems.communityId })
        .from(priceListItems)
        .where(and(inArray(priceListItems.id, [...ids]), eq(priceListItems.organizationId, organizationId)));
      return new Map(rows.map((r) => [r.id, { label: r.label, communityId: r.communityId }]));
    },
    idsInCommunity(_type, communityId) {
      return sql`select ${priceListItems.id}::text from ${priceListItems} where ${priceListItems.communityId} = ${communityId}`;
    },
  });
}
