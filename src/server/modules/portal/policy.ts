import type { Role } from '../../../common/roles';
import { definePolicy, hasRole } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

/** Who reviews residents' own unit requests: the community's desk, its manager and company admins. */
export const REVIEWER_ROLES: Role[] = ['service_desk', 'project_manager', 'company_admin'];

/** A portal user: a resident, or a person who proved a phone but has not registered yet (no roles). */
export function isPortalUser(actor: Actor): boolean {
  return actor.staffId === null && (actor.roles.length === 0 || (actor.roles.length === 1 && actor.roles[0] === 'resident'));
}

/** Row-level rules of unit requests. */
export const unitRequestPolicy = definePolicy<'review', { organizationId: string; communityId: string; status: string }>({
  review: (actor, r) => r.status === 'pending' && hasRole(actor, ...REVIEWER_ROLES) && servesCommunity(actor, r.organizationId, r.communityId),
});

/** Collection-level rules of the portal. */
export const portalPolicy = definePolicy<'usePortal' | 'listUnitRequests'>({
  usePortal: (actor) => isPortalUser(actor),
  listUnitRequests: (actor) => hasRole(actor, ...REVIEWER_ROLES),
});
