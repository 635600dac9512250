import { definePolicy, hasRole, type CommunityRecord } from '../../auth/policy';
import type { Role } from '../../../common/roles';
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

/**
 * The caller's roles on a round, as the standard's steps see them: a guard walks a round of a
 * community they serve that no other guard has taken; staff of the community act through their
 * other roles (the project manager's steps a company adds); residents and platform admins none.
 */
export function roundRoles(actor: Actor, round: CommunityRecord & { guardUserId: string | null }): Role[] {
  const serves = servesCommunity(actor, round.organizationId, round.communityId) && isStaff(actor);
  return actor.roles.filter((role) => {
    if (role === 'platform_admin' || role === 'resident') return false;
    if (role === 'guard') return patrolPolicy.can(actor, 'walk', round) && (!round.guardUserId || round.guardUserId === actor.userId);
    return serves;
  });
}
