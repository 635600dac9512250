import { definePolicy, hasRole, type CommunityRecord } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';
import type { AssetStatus } from '../../../common/assets';

/** Company staff: a staff member, or the company admin (who has no staff record). */
export const isStaff = (actor: Actor) => actor.staffId !== null || hasRole(actor, 'company_admin');
const MANAGERS = ['company_admin', 'project_manager'] as const;

/** True when the actor keeps registers (company admin, project manager), whatever the community. */
export const managesAssets = (actor: Actor) => hasRole(actor, ...MANAGERS);

/**
 * The facilities register: every staff member of the community reads it (the technician who
 * scans a label, the desk, guards); the company admin and the community's project manager add,
 * change, import and retire. A retired asset is read-only.
 */
export const assetPolicy = definePolicy<'read' | 'edit' | 'retire', CommunityRecord & { status: AssetStatus }>({
  read: (actor, r) => isStaff(actor) && servesCommunity(actor, r.organizationId, r.communityId),
  edit: (actor, r) => managesAssets(actor) && servesCommunity(actor, r.organizationId, r.communityId) && r.status !== 'retired',
  retire: (actor, r) => managesAssets(actor) && servesCommunity(actor, r.organizationId, r.communityId) && r.status !== 'retired',
});

/** Adding to or importing into a community's register. */
export const registerPolicy = definePolicy<'create' | 'import', CommunityRecord>({
  create: (actor, r) => managesAssets(actor) && servesCommunity(actor, r.organizationId, r.communityId),
  import: (actor, r) => managesAssets(actor) && servesCommunity(actor, r.organizationId, r.communityId),
});
