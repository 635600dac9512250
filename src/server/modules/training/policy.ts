import { definePolicy, hasRole } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

const MANAGERS = ['company_admin', 'project_manager'] as const;
const READERS = ['company_admin', 'project_manager', 'quality_inspector', 'dispatcher'] as const;
const inOrganization = (actor: Actor, organizationId: string) => actor.organizationId === organizationId;

/**
 * Training: the company's courses are kept by the company admin and project managers; sessions
 * and certificates are recorded by the managers of the community (a certificate: of a community
 * its holder serves); managers, the quality inspector and dispatchers read them; every staff
 * member reads their own record (`/api/v1/training/me`).
 */
export const coursePolicy = definePolicy<'read' | 'manage', { organizationId: string }>({
  read: (actor, r) => hasRole(actor, ...READERS) && inOrganization(actor, r.organizationId),
  manage: (actor, r) => hasRole(actor, ...MANAGERS) && inOrganization(actor, r.organizationId),
});

export const sessionPolicy = definePolicy<'read' | 'record', { organizationId: string; communityId: string }>({
  read: (actor, r) => hasRole(actor, ...READERS) && servesCommunity(actor, r.organizationId, r.communityId),
  record: (actor, r) => hasRole(actor, ...MANAGERS) && servesCommunity(actor, r.organizationId, r.communityId),
});

/** Certificates: the staff member's visibility (their communities) is checked by the registry first. */
export const certificatePolicy = definePolicy<'read' | 'record', { organizationId: string }>({
  read: (actor, r) => hasRole(actor, ...READERS) && inOrganization(actor, r.organizationId),
  record: (actor, r) => hasRole(actor, ...MANAGERS) && inOrganization(actor, r.organizationId),
});

/** True for readers of the training lists (others get an empty list, like other staff lists). */
export const readsTraining = (actor: Actor) => hasRole(actor, ...READERS);
