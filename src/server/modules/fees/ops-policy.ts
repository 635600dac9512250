import { definePolicy, hasRole, type CommunityRecord } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

const inCommunity = (actor: Actor, r: CommunityRecord) => servesCommunity(actor, r.organizationId, r.communityId);
const manages = (actor: Actor, r: CommunityRecord) => hasRole(actor, 'company_admin', 'project_manager') && inCommunity(actor, r);
const desk = (actor: Actor, r: CommunityRecord) => hasRole(actor, 'company_admin', 'project_manager', 'service_desk') && inCommunity(actor, r);
/** Who walks the building reading meters: the desk and the engineering staff (technicians). */
const reader = (actor: Actor, r: CommunityRecord) => hasRole(actor, 'company_admin', 'project_manager', 'service_desk', 'technician') && inCommunity(actor, r);

/** Meters and readings: readers enter readings; managers set meters up, replace them, review held readings and set the rules. */
export const meterPolicy = definePolicy<'read' | 'enter' | 'manage' | 'review', CommunityRecord>({
  read: reader,
  enter: reader,
  manage: manages,
  review: manages,
});

/** The cashier's shift close: every desk cashier closes their own drawer; managers (and the desk) read the daily close. */
export const shiftClosePolicy = definePolicy<'close' | 'readDaily', CommunityRecord>({
  close: desk,
  readDaily: desk,
});

/** Bank statements: the desk imports them and assigns what did not match; managers save the bank's column mapping. */
export const bankPolicy = definePolicy<'read' | 'import' | 'map', CommunityRecord>({
  read: desk,
  import: desk,
  map: manages,
});
