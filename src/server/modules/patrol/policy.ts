import { definePolicy, hasRole, type CommunityRecord } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

export type { CommunityRecord };

const isStaff = (actor: Actor) => actor.staffId !== null || hasRole(actor, 'company_admin');

/**
 * Patrol: staff of the community read rounds and reports; the project manager (and company
 * admins) set up routes and plans; guards walk the rounds.
 */
export const patrolPolicy = definePolicy<'read' | 'configure' | 'walk', CommunityRecord>({
  read: (actor, r) => isStaff(actor) && servesCommunity(actor, r.organizationId, r.communityId),
  configure: (actor, r) => hasRole(actor, 'company_admin', 'project_manager') && servesCommunity(actor, r.organizationId, r.communityId),
  walk: (actor, r) => hasRole(actor, 'guard') && actor.staffId !== null && servesCommunity(actor, r.organizationId, r.communityId),
});
