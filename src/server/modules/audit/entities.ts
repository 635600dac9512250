import type { SQL } from 'drizzle-orm';
import type { Locale } from '../../../common/locale';
import type { DbOrTx } from '../../db/client';

/** How one audited entity reads in the log: its number or name, and the community it belongs to. */
export interface AuditEntityName {
  label: string;
  communityId: string | null;
  /** For work under a standard: the names of its pinned standard's steps, by step key (the audit action). */
  stepNames?: ReadonlyMap<string, Readonly<Record<Locale, string>>>;
}

/**
 * What a module tells the audit log about the entities it records (`entityType`): their names,
 * looked up in one query per type and page, and which of them belong to a community, as a SQL
 * subquery of ids (as text) so the community filter needs no copy of the community on each record.
 * Registered by the module that owns the table; the audit module never reads another's tables.
 */
export interface AuditEntityKind {
  types: readonly string[];
  /** Names by id, only of entities of `organizationId` (ids of other companies are left out). */
  names(db: DbOrTx, organizationId: string, type: string, ids: readonly string[]): Promise<Map<string, AuditEntityName>>;
  /** `select <id>::text from … where <community> = communityId`, for `entity_id in (…)`; null when the type belongs to no community. */
  idsInCommunity(type: string, communityId: string): SQL | null;
}

const kinds = new Map<string, AuditEntityKind>();

/** Registers the entity types a module records; registering a type again replaces it. */
export function registerAuditEntities(kind: AuditEntityKind): void {
  for (const type of kind.types) kinds.set(type, kind);
}

/** The registered kind of an entity type, if any. */
export function auditEntityKind(type: string): AuditEntityKind | undefined {
  return kinds.get(type);
}

/** Every registered entity type with a community, for the community filter. */
export function auditEntityTypes(): string[] {
  return [...kinds.keys()];
}

/**
 * Names of the entities of a page of records: one lookup per company and entity type (never per
 * row), each only within the record's company. Key `type:id`. Unknown types and ids (deleted rows)
 * are simply absent.
 */
export async function auditEntityNames(
  db: DbOrTx,
  refs: readonly { organizationId: string | null; entityType: string; entityId: string | null }[],
): Promise<Map<string, AuditEntityName>> {
  const out = new Map<string, AuditEntityName>();
  const groups = new Map<string, { organizationId: string; type: string; ids: Set<string> }>();
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  for (const r of refs) {
    if (!r.organizationId || !r.entityId || !uuid.test(r.entityId) || !kinds.has(r.entityType)) continue;
    const key = `${r.organizationId}|${r.entityType}`;
    const group = groups.get(key) ?? { organizationId: r.organizationId, type: r.entityType, ids: new Set<string>() };
    group.ids.add(r.entityId);
    groups.set(key, group);
  }
  for (const { organizationId, type, ids } of groups.values()) {
    const names = await kinds.get(type)!.names(db, organizationId, type, [...ids]);
    for (const [id, name] of names) out.set(`${type}:${id}`, name);
  }
  return out;
}
