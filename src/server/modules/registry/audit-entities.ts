import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { registerAuditEntities, type AuditEntityName } from '../audit';
import { unitLabel } from './presenter';
import { buildings, communities, residents, staff, units } from './tables';

const named = (rows: { id: string; label: string; communityId: string | null }[]) =>
  new Map<string, AuditEntityName>(rows.map((r) => [r.id, { label: r.label, communityId: r.communityId }]));

/**
 * Tells the audit log how the registry's records read: communities, buildings and units by name
 * (a unit as "building number"), staff and residents by name. People belong to no one community.
 */
export function registerRegistryAuditEntities(): void {
  registerAuditEntities({
    types: ['community', 'building', 'unit', 'resident', 'staff'],
    async names(db: DbOrTx, organizationId, type, ids) {
      if (!ids.length) return new Map();
      if (type === 'community') {
        const rows = await db.select({ id: communities.id, label: communities.name }).from(communities).where(and(inArray(communities.id, [...ids]), eq(communities.organizationId, organizationId)));
        return named(rows.map((r) => ({ ...r, communityId: r.id })));
      }
      if (type === 'building') {
        const rows = await db
          .select({ id: buildings.id, label: buildings.name, communityId: buildings.communityId })
          .from(buildings)
          .where(and(inArray(buildings.id, [...ids]), eq(buildings.organizationId, organizationId)));
        return named(rows);
      }
      if (type === 'unit') {
        const rows = await db
          .select({ id: units.id, number: units.number, building: buildings.name, communityId: units.communityId })
          .from(units)
          .innerJoin(buildings, eq(buildings.id, units.buildingId))
          .where(and(inArray(units.id, [...ids]), eq(units.organizationId, organizationId)));
        return named(rows.map((r) => ({ id: r.id, label: unitLabel(r.building, r.number), communityId: r.communityId })));
      }
      const table = type === 'resident' ? residents : staff;
      const rows = await db.select({ id: table.id, label: table.name }).from(table).where(and(inArray(table.id, [...ids]), eq(table.organizationId, organizationId)));
      return named(rows.map((r) => ({ ...r, communityId: null })));
    },
    idsInCommunity(type, communityId) {
      if (type === 'community') return sql`select ${communityId}::text`;
      if (type === 'building') return sql`select ${buildings.id}::text from ${buildings} where ${buildings.communityId} = ${communityId}`;
      if (type === 'unit') return sql`select ${units.id}::text from ${units} where ${units.communityId} = ${communityId}`;
      // People are not filed under one community.
      return null;
    },
  });
}
