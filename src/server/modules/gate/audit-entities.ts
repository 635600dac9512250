import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Locale } from '../../../common/locale';
import type { DbOrTx } from '../../db/client';
import { registerAuditEntities, type AuditEntityName } from '../audit';
import { pinnedStandard } from '../work-orders';
import { decorations, gatePasses, goodsSlips } from './tables';

const TABLES = { gate_pass: gatePasses, goods_slip: goodsSlips, decoration: decorations } as const;
type GateEntity = keyof typeof TABLES;

/**
 * Tells the audit log how the gate's records read: passes and slips by number, decorations by
 * unit and company, with the step names of the standard each one runs under.
 */
export function registerGateAuditEntities(): void {
  registerAuditEntities({
    types: Object.keys(TABLES),
    async names(db: DbOrTx, organizationId, type, ids) {
      if (!ids.length) return new Map();
      let rows: { id: string; label: string; communityId: string; standardVersionId: string }[];
      if (type === 'decoration') {
        const found = await db
          .select({ id: decorations.id, unit: decorations.unitLabel, company: decorations.company, communityId: decorations.communityId, standardVersionId: decorations.standardVersionId })
          .from(decorations)
          .where(and(inArray(decorations.id, [...ids]), eq(decorations.organizationId, organizationId)));
        rows = found.map((r) => ({ ...r, label: `${r.unit} · ${r.company}` }));
      } else {
        const t = TABLES[type as Exclude<GateEntity, 'decoration'>];
        rows = await db
          .select({ id: t.id, label: t.number, communityId: t.communityId, standardVersionId: t.standardVersionId })
          .from(t)
          .where(and(inArray(t.id, [...ids]), eq(t.organizationId, organizationId)));
      }
      const steps = new Map<string, Map<string, Record<Locale, string>>>();
      for (const versionId of new Set(rows.map((r) => r.standardVersionId))) {
        steps.set(versionId, new Map((await pinnedStandard(db, versionId)).definition.transitions.map((tr) => [tr.key, tr.name])));
      }
      return new Map<string, AuditEntityName>(rows.map((r) => [r.id, { label: r.label, communityId: r.communityId, stepNames: steps.get(r.standardVersionId) }]));
    },
    idsInCommunity(type, communityId) {
      const t = TABLES[type as GateEntity];
      return sql`select ${t.id}::text from ${t} where ${t.communityId} = ${communityId}`;
    },
  });
}
