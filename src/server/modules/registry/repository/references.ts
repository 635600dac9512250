import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../../db/scope';
import type { FieldProblem } from '../../../errors';
import type { MessageKey } from '../../../i18n/messages';
import { buildings, communities, residents, staff, units } from '../tables';
import { buildingScope } from './buildings';
import { communityScope } from './communities';
import { residentScope } from './residents';
import { staffScope } from './staff';
import { unitScope } from './units';

/** Kinds of registry record a request may name by id. */
export type ReferenceKind = 'community' | 'building' | 'unit' | 'resident' | 'staff';

/** One id a caller sent, the request field that carried it, and the kind it must be. */
export interface Reference {
  field: string;
  kind: ReferenceKind;
  id: string | null | undefined;
}

const KINDS = {
  community: { table: communities, scope: communityScope, archivedAt: communities.archivedAt, entity: 'entity.community' },
  building: { table: buildings, scope: buildingScope, archivedAt: buildings.archivedAt, entity: 'entity.building' },
  unit: { table: units, scope: unitScope, archivedAt: units.archivedAt, entity: 'entity.unit' },
  resident: { table: residents, scope: residentScope, archivedAt: residents.archivedAt, entity: 'entity.resident' },
  staff: { table: staff, scope: staffScope, archivedAt: staff.archivedAt, entity: 'entity.staff' },
} as const satisfies Record<ReferenceKind, { scope: (actor: Actor) => SQL; entity: MessageKey; [k: string]: unknown }>;

/**
 * The one check of ids a caller names in a request body or query: each must be a record the
 * caller may see through the same scope its own reads use (their organization; for staff who do
 * not serve the whole organization, the communities they serve, residents through a binding in
 * one of them). A record of another company, of a community the caller does not serve, or no
 * record at all give the same field problem, "not found", so an answer never tells an id elsewhere
 * from a random one (docs/security.md). `active` also refuses archived records; `organizationId`
 * also requires that company (for platform admins, whose scope is every company).
 */
export async function checkReferences(
  db: DbOrTx,
  actor: Actor,
  refs: readonly Reference[],
  options: { active?: boolean; organizationId?: string } = {},
): Promise<Record<string, FieldProblem>> {
  const problems: Record<string, FieldProblem> = {};
  for (const kind of Object.keys(KINDS) as ReferenceKind[]) {
    const wanted = refs.filter((r) => r.kind === kind && r.id);
    if (!wanted.length) continue;
    const { table, scope, archivedAt, entity } = KINDS[kind];
    const rows = await db
      .select({ id: table.id })
      .from(table)
      .where(
        and(
          inArray(table.id, [...new Set(wanted.map((r) => r.id!))]),
          scope(actor),
          options.active ? isNull(archivedAt) : undefined,
          // The record's company, when the caller acts for a given one (a platform admin's scope is every company).
          options.organizationId ? eq(table.organizationId, options.organizationId) : undefined,
        ),
      );
    const seen = new Set(rows.map((r) => r.id));
    for (const r of wanted) if (!seen.has(r.id!)) problems[r.field] ??= { key: 'error.notFound', params: { entity } };
  }
  return problems;
}

/**
 * A resident the actor may see (see `checkReferences`), with the name and phone a reporter
 * carries; null otherwise, which callers answer like a random id.
 */
export async function visibleResident(db: DbOrTx, actor: Actor, id: string): Promise<{ id: string; name: string; phone: string } | null> {
  const [row] = await db
    .select({ id: residents.id, name: residents.name, phone: residents.phone })
    .from(residents)
    .where(and(eq(residents.id, id), residentScope(actor)));
  return row ?? null;
}
