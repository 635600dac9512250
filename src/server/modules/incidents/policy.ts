import { definePolicy, hasRole, type CommunityRecord } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

const isStaff = (actor: Actor) => actor.staffId !== null || hasRole(actor, 'company_admin');

/**
 * Incidents and emergency plans: staff of the community read them; guards, the desk and the
 * manager log incidents and work through the plan; the manager keeps plans and drills.
 */
export const incidentPolicy = definePolicy<'read' | 'log' | 'plan', CommunityRecord>({
  read: (actor, r) => isStaff(actor) && servesCommunity(actor, r.organizationId, r.communityId),
  log: (actor, r) => hasRole(actor, 'guard', 'service_desk', 'project_manager', 'company_admin') && servesCommunity(actor, r.organizationId, r.communityId),
  plan: (actor, r) => hasRole(actor, 'project_manager', 'company_admin') && servesCommunity(actor, r.organizationId, r.communityId),
});
