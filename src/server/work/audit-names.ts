import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Locale } from '../../common/locale';
import type { DbOrTx } from '../db/client';
import { registerAuditEntities, type AuditEntityName } from '../modules/audit';
import { pinnedStandard } from '../modules/standards';
import { registeredKinds, type KindTable, type WorkKind } from './subjects';

type Named = Record<string, unknown> & { id: string; communityId: string; standardVersionId?: string | null };

/** The label of an item: the kind's own text, else its number. */
function labelOf(kind: WorkKind<unknown, unknown>, row: Named): string | null {
  if (kind.auditLabel) return kind.auditLabel(row);
  return typeof row.number === 'string' ? row.number : null;
}

/**
 * Tells the audit log how every registered kind of work reads, from its kind object alone: the
 * item by its number (or the kind's `auditLabel`), its community, and the names of its pinned
 * standard's steps (the audit actions of its steps). One lookup per kind and page. Kinds whose
 * table has no company and community columns are left to their module. Run after every kind is
 * registered (`registerAllSubjects`).
 */
export function registerKindAuditNames(): void {
  for (const kind of registeredKinds()) {
    const table: KindTable | undefined = kind.table;
    if (!table || !table.organizationId || !table.communityId) continue;
    registerAuditEntities({
      types: [kind.type],
      async names(db: DbOrTx, organizationId, _type, ids) {
        if (!ids.length) return new Map();
        const rows = (await db
          .select()
          .from(table)
          .where(and(inArray(table.id, [...ids]), eq(table.organizationId, organizationId)))) as Named[];
        const steps = new Map<string, Map<string, Record<Locale, string>>>();
        for (const versionId of new Set(rows.map((r) => r.standardVersionId).filter((v): v is string => typeof v === 'string'))) {
          steps.set(versionId, new Map((await pinnedStandard(db, versionId)).definition.transitions.map((t) => [t.key, t.name])));
        }
        const out = new Map<string, AuditEntityName>();
        for (const row of rows) {
          const label = labelOf(kind, row);
          if (label === null) continue;
          out.set(row.id, { label, communityId: row.communityId, stepNames: row.standardVersionId ? steps.get(row.standardVersionId) : undefined });
        }
        return out;
      },
      idsInCommunity(_type, communityId) {
        return sql`select ${table.id}::text from ${table} where ${table.communityId} = ${communityId}`;
      },
    });
  }
}
