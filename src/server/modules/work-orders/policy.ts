import type { Role } from '../../../common/roles';
import { definePolicy, hasRole } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

/** What the row-level rules look at. */
export interface OrderAccess {
  organizationId: string;
  communityId: string;
  unitId: string | null;
  reporterResidentId: string | null;
  reporterUserId: string | null;
  assigneeStaffId: string | null;
  anonymous: boolean;
}

/** Roles that take and follow up requests at the desk; they always see the reporter. */
const DESK_ROLES: Role[] = ['service_desk', 'project_manager', 'company_admin', 'platform_admin'];

/** True when the order is the resident's own: one of their household units, or reported by them. */
export function isOwnOrder(actor: Actor, order: OrderAccess): boolean {
  if (!hasRole(actor, 'resident')) return false;
  return (
    (order.unitId !== null && actor.unitIds.includes(order.unitId)) ||
    (order.reporterResidentId !== null && order.reporterResidentId === actor.residentId) ||
    order.reporterUserId === actor.userId
  );
}

/**
 * The actor's roles that the row-level rules grant on this order; the engine sees only these.
 * Residents act on their own orders, technicians only on orders assigned to them, other staff
 * in the communities they serve. (The standard then decides which of these roles may act.)
 */
export function effectiveRoles(actor: Actor, order: OrderAccess): Role[] {
  const serves = servesCommunity(actor, order.organizationId, order.communityId);
  return actor.roles.filter((role) => {
    if (role === 'platform_admin') return false;
    if (role === 'resident') return isOwnOrder(actor, order);
    if (role === 'technician') return serves && actor.staffId !== null && order.assigneeStaffId === actor.staffId;
    return serves;
  });
}

/** Typed row-level policy of work orders; actions of the standard are filtered through `effectiveRoles`. */
export const workOrderPolicy = definePolicy<'read' | 'comment' | 'commentInternal' | 'seeReporter' | 'seeFullPhone' | 'suggestAssignees', OrderAccess>({
  read: (actor, o) =>
    isOwnOrder(actor, o) ||
    ((actor.staffId !== null || hasRole(actor, 'company_admin', 'platform_admin')) && servesCommunity(actor, o.organizationId, o.communityId)),
  comment: (actor, o) => effectiveRoles(actor, o).length > 0,
  commentInternal: (actor, o) => effectiveRoles(actor, o).some((r) => r !== 'resident'),
  // Anonymous complaints hide the reporter from everyone but the desk (and the reporter).
  seeReporter: (actor, o) => !o.anonymous || isOwnOrder(actor, o) || hasRole(actor, ...DESK_ROLES),
  // Full phone numbers only for those who call back: the desk, dispatch and the assigned technician.
  seeFullPhone: (actor, o) =>
    (!o.anonymous && (hasRole(actor, 'dispatcher') || (actor.staffId !== null && o.assigneeStaffId === actor.staffId))) ||
    isOwnOrder(actor, o) ||
    hasRole(actor, ...DESK_ROLES),
  suggestAssignees: (actor, o) => hasRole(actor, 'dispatcher', 'project_manager', 'service_desk', 'company_admin') && servesCommunity(actor, o.organizationId, o.communityId),
});

/** Who may edit a community's price list. */
export const priceListPolicy = definePolicy<'edit', { organizationId: string; communityId: string }>({
  edit: (actor, c) => hasRole(actor, 'company_admin', 'project_manager') && servesCommunity(actor, c.organizationId, c.communityId),
});
