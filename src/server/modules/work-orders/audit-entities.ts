import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { registerAuditEntities } from '../audit';
import type { Locale } from '../../../common/locale';
import { pinnedStandard } from './standard-cache';
import { priceListItems, workOrders } from './tables';

/** Tells the audit log how work orders (by number) and price-list items (by name) read. */
export function registerWorkOrderAuditEntities(): void {
  registerAuditEntities({
    types: ['work_order', 'price_item'],
    async names(db: DbOrTx, organizationId, type, ids) {
      if (!ids.length) return new Map();
      if (type === 'work_order') {
        const rows = await db
          .select({ id: workOrders.id, label: workOrders.number, communityId: workOrders.communityId, standardVersionId: workOrders.standardVersionId })
          .from(workOrders)
          .where(and(inArray(workOrders.id, [...ids]), eq(workOrders.organizationId, organizationId)));
        const steps = new Map<string, Map<string, Record<Locale, string>>>();
        for (const versionId of new Set(rows.map((r) => r.standardVersionId))) {
          const { definition } = await pinnedStandard(db, versionId);
          steps.set(versionId, new Map(definition.transitions.map((tr) => [tr.key, tr.name])));
        }
        return new Map(rows.map((r) => [r.id, { label: r.label, communityId: r.communityId, stepNames: steps.get(r.standardVersionId) }]));
      }
      const t = { table: priceListItems, label: priceListItems.name };
      const rows = await db
        .select({ id: t.table.id, label: t.label, communityId: t.table.communityId })
        .from(t.table)
        .where(and(inArray(t.table.id, [...ids]), eq(t.table.organizationId, organizationId)));
      return new Map(rows.map((r) => [r.id, { label: r.label, communityId: r.communityId }]));
    },
    idsInCommunity(type, communityId) {
      const t = type === 'work_order' ? workOrders : priceListItems;
      return sql`select ${t.id}::text from ${t} where ${t.communityId} = ${communityId}`;
    },
  });
}
