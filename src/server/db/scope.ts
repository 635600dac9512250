import { and, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Role } from '../../common/roles';

/**
 * Who is asking, and what they may see. Built once per request from the session.
 * - platform admins: every organization;
 * - company admins: all of their organization;
 * - other staff: their organization, only the communities they serve;
 * - residents: the communities and units of their own approved household bindings.
 */
export interface Actor {
  userId: string;
  displayName: string;
  organizationId: string | null;
  roles: Role[];
  staffId: string | null;
  residentId: string | null;
  /** 'all' for company and platform admins. */
  communityIds: 'all' | string[];
  /** Units of a resident's household; empty for staff. */
  unitIds: string[];
}

/** Columns a tenant-owned table offers to the scope. */
export interface ScopedColumns {
  organizationId: AnyColumn;
  communityId?: AnyColumn;
  unitId?: AnyColumn;
  /** For tables that belong to one resident (e.g. the residents register itself). */
  residentId?: AnyColumn;
}

const NOTHING = sql`false`;

/**
 * The one tenant-scoping function. Every repository query adds its result to its WHERE clause,
 * so no read or write can reach another tenant's rows. Reviewed and tested directly.
 */
export function tenantScope(actor: Actor, cols: ScopedColumns): SQL {
  if (actor.roles.includes('platform_admin')) return sql`true`;
  if (!actor.organizationId) return NOTHING;
  const parts: SQL[] = [eq(cols.organizationId, actor.organizationId)];
  const isResident = actor.roles.includes('resident') && actor.staffId === null;
  if (isResident) {
    if (cols.unitId) parts.push(actor.unitIds.length ? inArray(cols.unitId, actor.unitIds) : NOTHING);
    else if (cols.residentId) parts.push(actor.residentId ? eq(cols.residentId, actor.residentId) : NOTHING);
    else if (cols.communityId) parts.push(inCommunities(cols.communityId, actor.communityIds));
    else return NOTHING;
  } else if (cols.communityId) {
    parts.push(inCommunities(cols.communityId, actor.communityIds));
  }
  return and(...parts)!;
}

function inCommunities(col: AnyColumn, ids: 'all' | string[]): SQL {
  if (ids === 'all') return sql`true`;
  return ids.length ? inArray(col, ids) : NOTHING;
}

/** True when the actor may act within the given community (for writes that name a community). */
export function servesCommunity(actor: Actor, organizationId: string, communityId: string): boolean {
  if (actor.roles.includes('platform_admin')) return true;
  if (actor.organizationId !== organizationId) return false;
  return actor.communityIds === 'all' || actor.communityIds.includes(communityId);
}
