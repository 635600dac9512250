import { definePolicy, hasRole, type CommunityRecord } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

const inCommunity = (actor: Actor, r: CommunityRecord) => servesCommunity(actor, r.organizationId, r.communityId);
const manages = (actor: Actor, r: CommunityRecord) => hasRole(actor, 'company_admin', 'project_manager') && inCommunity(actor, r);
const desk = (actor: Actor, r: CommunityRecord) => hasRole(actor, 'company_admin', 'project_manager', 'service_desk') && inCommunity(actor, r);
/** A resident of the community (their approved household bindings give them its id). */
const resident = (actor: Actor, r: CommunityRecord) => hasRole(actor, 'resident') && actor.staffId === null && inCommunity(actor, r);

/** A community's published fee disclosures: its owners and staff read them; managers publish. */
export const feeDisclosurePolicy = definePolicy<'read' | 'publish', CommunityRecord>({
  read: (actor, r) => desk(actor, r) || resident(actor, r),
  publish: manages,
});

/** How owners pay a community (bank account, reference): owners and the desk read, managers change. */
export const feePayInfoPolicy = definePolicy<'read' | 'update', CommunityRecord>({
  read: (actor, r) => desk(actor, r) || resident(actor, r),
  update: manages,
});

/** The fee reports of a community: managers and the desk. */
export const feeReportPolicy = definePolicy<'read', CommunityRecord>({
  read: desk,
});
