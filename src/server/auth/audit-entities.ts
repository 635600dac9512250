import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { registerAuditEntities } from '../modules/audit';
import { users } from './tables';

/** Tells the audit log how sign-in accounts read: "display name (username)". They belong to no community. */
export function registerUserAuditEntities(): void {
  registerAuditEntities({
    types: ['user'],
    async names(db: DbOrTx, organizationId, _type, ids) {
      if (!ids.length) return new Map();
      const rows = await db
        .select({ id: users.id, username: users.username, displayName: users.displayName })
        .from(users)
        .where(and(inArray(users.id, [...ids]), eq(users.organizationId, organizationId)));
      return new Map(rows.map((r) => [r.id, { label: `${r.displayName} (${r.username})`, communityId: null }]));
    },
    idsInCommunity: () => null,
  });
}
