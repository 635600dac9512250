import { definePolicy, hasRole } from '../../auth/policy';
import type { Actor } from '../../db/scope';

/** What the caller wants to change: the company's own version, or one community's. */
export interface StandardTarget {
  organizationId: string;
  communityId: string | null;
}

const servesTarget = (actor: Actor, t: StandardTarget) =>
  actor.organizationId === t.organizationId &&
  (t.communityId === null || actor.communityIds === 'all' || actor.communityIds.includes(t.communityId));

/**
 * Standards are read by all staff; the company version is changed by company admins, a
 * community's version and calendar also by its project manager.
 */
export const standardsPolicy = definePolicy<'read' | 'edit', StandardTarget>({
  read: (actor, t) => actor.organizationId === t.organizationId && !hasRole(actor, 'resident'),
  edit: (actor, t) =>
    servesTarget(actor, t) &&
    (hasRole(actor, 'company_admin') || (t.communityId !== null && hasRole(actor, 'project_manager'))),
});
