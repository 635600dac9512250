import type { Role } from '../../../common/roles';
import { definePolicy, hasRole, type CommunityRecord } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

const MANAGERS: Role[] = ['company_admin', 'project_manager', 'quality_inspector'];
const isStaff = (actor: Actor) => actor.staffId !== null || hasRole(actor, 'company_admin');

/**
 * Appraisal: the project manager, quality inspector and company admins of a community read its
 * monthly appraisals, rewards and penalties and improvement measures; the company admin sets the
 * weights per position; managers propose rewards and penalties and raise measures. Every staff
 * member reads their own appraisal (`/api/v1/appraisal/me`); a measure's owner works on it.
 */
export const appraisalPolicy = definePolicy<'read' | 'propose' | 'raise', CommunityRecord>({
  read: (actor, r) => hasRole(actor, ...MANAGERS) && servesCommunity(actor, r.organizationId, r.communityId),
  propose: (actor, r) => hasRole(actor, 'company_admin', 'project_manager', 'quality_inspector', 'service_desk', 'dispatcher') && servesCommunity(actor, r.organizationId, r.communityId),
  raise: (actor, r) => hasRole(actor, ...MANAGERS) && servesCommunity(actor, r.organizationId, r.communityId),
});

/** Weights per position are the company's: company admins set them, managers read them. */
export const weightsPolicy = definePolicy<'read' | 'set', { organizationId: string }>({
  read: (actor, r) => hasRole(actor, ...MANAGERS) && actor.organizationId === r.organizationId,
  set: (actor, r) => hasRole(actor, 'company_admin') && actor.organizationId === r.organizationId,
});

/**
 * Who may read a reward or penalty: the managers of its community, and its proposer (a desk clerk
 * who proposed one follows it). The staff member concerned sees the approved ones in their own record.
 */
export function readsIncentive(actor: Actor, r: CommunityRecord & { proposedByUserId: string | null }): boolean {
  if (!servesCommunity(actor, r.organizationId, r.communityId)) return false;
  return hasRole(actor, ...MANAGERS) || (actor.userId !== null && actor.userId === r.proposedByUserId);
}

/** The caller's roles on a reward or penalty (the standard decides which may decide). */
export function incentiveRoles(actor: Actor, r: CommunityRecord & { proposedByUserId: string | null }): Role[] {
  if (!readsIncentive(actor, r)) return [];
  return actor.roles.filter((role) => role !== 'platform_admin' && role !== 'resident');
}

/** Who may read an improvement measure: staff of its community. */
export function readsMeasure(actor: Actor, r: CommunityRecord): boolean {
  return isStaff(actor) && servesCommunity(actor, r.organizationId, r.communityId);
}

/**
 * The caller's roles on a measure: managers act through their roles; anyone else only when they
 * own it, so a measure is carried out by its owner.
 */
export function measureRoles(actor: Actor, r: CommunityRecord & { ownerStaffId: string }): Role[] {
  if (!readsMeasure(actor, r)) return [];
  const owner = actor.staffId !== null && actor.staffId === r.ownerStaffId;
  return actor.roles.filter((role) => role !== 'platform_admin' && role !== 'resident' && (MANAGERS.includes(role) || owner));
}
