import type { Role } from '../../../common/roles';
import { definePolicy, hasRole } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

/** What the row-level rules of passes and slips look at. */
export interface GateAccess {
  organizationId: string;
  communityId: string;
  unitId: string;
}

/** Staff who work the gate or its records: guards, the desk, managers and company admins. */
export const GATE_STAFF: Role[] = ['guard', 'service_desk', 'project_manager', 'company_admin'];

/** True for a resident acting for their own household's unit. */
export function isHome(actor: Actor, row: GateAccess): boolean {
  return hasRole(actor, 'resident') && actor.unitIds.includes(row.unitId);
}

/** True for gate staff serving the row's community. */
export function isPostStaff(actor: Actor, row: Omit<GateAccess, 'unitId'>): boolean {
  return hasRole(actor, ...GATE_STAFF) && servesCommunity(actor, row.organizationId, row.communityId);
}

/**
 * The actor's roles the row-level rules grant on a pass or slip; the engine sees only these
 * (the standard then decides which of them may take a step). Residents act for their own units,
 * staff in the communities they serve; platform admins never act on tenant work.
 */
export function gateRoles(actor: Actor, row: GateAccess): Role[] {
  const serves = servesCommunity(actor, row.organizationId, row.communityId);
  return actor.roles.filter((role) => {
    if (role === 'platform_admin') return false;
    if (role === 'resident') return isHome(actor, row);
    return serves;
  });
}

/** Typed row-level policy of passes and slips. */
export const gatePolicy = definePolicy<'read' | 'share' | 'seeFullPhone', GateAccess>({
  read: (actor, row) => isHome(actor, row) || isPostStaff(actor, row),
  // The token opens the pass without login: only the host household and the staff who print it.
  share: (actor, row) => isHome(actor, row) || (hasRole(actor, 'guard', 'service_desk', 'project_manager') && servesCommunity(actor, row.organizationId, row.communityId)),
  seeFullPhone: (actor, row) => isHome(actor, row) || isPostStaff(actor, row),
});
