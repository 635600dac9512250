import { definePolicy, hasRole, type CommunityRecord } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

const isStaff = (actor: Actor) => actor.staffId !== null || hasRole(actor, 'company_admin');

/**
 * Duty posts: staff of the community read posts and their handover history; the manager sets
 * posts up; guards (and the desk at fee posts) stand duty and hand over.
 */
export const postPolicy = definePolicy<'read' | 'configure' | 'stand', CommunityRecord>({
  read: (actor, r) => isStaff(actor) && servesCommunity(actor, r.organizationId, r.communityId),
  configure: (actor, r) => hasRole(actor, 'company_admin', 'project_manager') && servesCommunity(actor, r.organizationId, r.communityId),
  stand: (actor, r) => hasRole(actor, 'guard', 'service_desk') && actor.staffId !== null && servesCommunity(actor, r.organizationId, r.communityId),
});
