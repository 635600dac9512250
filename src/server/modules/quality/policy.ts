import type { Role } from '../../../common/roles';
import { definePolicy, hasRole, type CommunityRecord } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

const isStaff = (actor: Actor) => actor.staffId !== null || hasRole(actor, 'company_admin');
const INSPECTORS: Role[] = ['company_admin', 'project_manager', 'quality_inspector'];

/**
 * Quality: staff of a community read its inspections and rectifications; the project manager and
 * company admins keep its templates and plans (company-wide templates: company admins); quality
 * inspectors and project managers open spot checks.
 */
export const qualityPolicy = definePolicy<'read' | 'configure' | 'spotCheck', CommunityRecord>({
  read: (actor, r) => isStaff(actor) && servesCommunity(actor, r.organizationId, r.communityId),
  configure: (actor, r) => hasRole(actor, 'company_admin', 'project_manager') && servesCommunity(actor, r.organizationId, r.communityId),
  spotCheck: (actor, r) => hasRole(actor, ...INSPECTORS) && servesCommunity(actor, r.organizationId, r.communityId),
});

/** Company-wide template versions are kept by company admins. */
export const mayEditCompanyTemplates = (actor: Actor) => hasRole(actor, 'company_admin') && actor.organizationId !== null;

/** The caller's roles on an inspection: their staff roles in a community they serve. */
export function inspectionRoles(actor: Actor, r: CommunityRecord): Role[] {
  if (!qualityPolicy.can(actor, 'read', r)) return [];
  return actor.roles.filter((role) => role !== 'platform_admin' && role !== 'resident');
}

/**
 * The caller's roles on a rectification: inspectors and managers of the community act through
 * their roles; anyone else only when they are its responsible person, so one guard cannot put
 * right another's failure.
 */
export function rectificationRoles(actor: Actor, r: CommunityRecord & { responsibleStaffId: string | null }): Role[] {
  if (!qualityPolicy.can(actor, 'read', r)) return [];
  const responsible = actor.staffId !== null && actor.staffId === r.responsibleStaffId;
  return actor.roles.filter((role) => role !== 'platform_admin' && role !== 'resident' && (INSPECTORS.includes(role) || responsible));
}

/** A resident of the community (their approved homes give them its id), never a staff member. */
const residentOf = (actor: Actor, r: CommunityRecord) => hasRole(actor, 'resident') && actor.staffId === null && servesCommunity(actor, r.organizationId, r.communityId);

/**
 * The owners' view of a community's quality: its staff read the setting, the project manager and
 * company admins change it; its residents read what is published.
 */
export const qualityOwnerViewPolicy = definePolicy<'readSettings' | 'configure' | 'readPublished', CommunityRecord>({
  readSettings: (actor, r) => isStaff(actor) && servesCommunity(actor, r.organizationId, r.communityId),
  configure: (actor, r) => hasRole(actor, 'company_admin', 'project_manager') && servesCommunity(actor, r.organizationId, r.communityId),
  readPublished: (actor, r) => residentOf(actor, r) || (isStaff(actor) && servesCommunity(actor, r.organizationId, r.communityId)),
});
