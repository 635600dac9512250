import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { localDateTime } from '../../http/xlsx';
import { registerAuditEntities } from '../audit';
import { emergencyPlans, incidents } from './tables';

/** Tells the audit log how incidents (place and time) and emergency plans (title) read. */
export function registerIncidentAuditEntities(): void {
  registerAuditEntities({
    types: ['incident', 'emergency_plan'],
    async names(db: DbOrTx, organizationId, type, ids) {
      if (!ids.length) return new Map();
      if (type === 'incident') {
        const rows = await db
          .select({ id: incidents.id, place: incidents.place, at: incidents.occurredAt, communityId: incidents.communityId })
          .from(incidents)
          .where(and(inArray(incidents.id, [...ids]), eq(incidents.organizationId, organizationId)));
        return new Map(rows.map((r) => [r.id, { label: `${r.place} · ${localDateTime(r.at)}`, communityId: r.communityId }]));
      }
      const rows = await db
        .select({ id: emergencyPlans.id, label: emergencyPlans.title, communityId: emergencyPlans.communityId })
        .from(emergencyPlans)
        .where(and(inArray(emergencyPlans.id, [...ids]), eq(emergencyPlans.organizationId, organizationId)));
      return new Map(rows.map((r) => [r.id, { label: r.label, communityId: r.communityId }]));
    },
    idsInCommunity(type, communityId) {
      const t = type === 'incident' ? incidents : emergencyPlans;
      return sql`select ${t.id}::text from ${t} where ${t.communityId} = ${communityId}`;
    },
  });
}
