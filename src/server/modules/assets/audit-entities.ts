import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { registerAuditEntities } from '../audit';
import { assets } from './tables';

/** Tells the audit log how assets read: code and name, in their community. */
export function registerAssetAuditEntities(): void {
  registerAuditEntities({
    types: ['asset'],
    async names(db: DbOrTx, organizationId, _type, ids) {
      if (!ids.length) return new Map();
      const rows = await db
        .select({ id: assets.id, code: assets.code, name: assets.name, communityId: assets.communityId })
        .from(assets)
        .where(and(inArray(assets.id, [...ids]), eq(assets.organizationId, organizationId)));
      return new Map(rows.map((r) => [r.id, { label: `${r.code} ${r.name}`, communityId: r.communityId }]));
    },
    idsInCommunity(_type, communityId) {
      return sql`select ${assets.id}::text from ${assets} where ${assets.communityId} = ${communityId}`;
    },
  });
}
