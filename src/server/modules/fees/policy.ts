import { definePolicy, hasRole, type CommunityRecord } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';

const inCommunity = (actor: Actor, r: CommunityRecord) => servesCommunity(actor, r.organizationId, r.communityId);
const manages = (actor: Actor, r: CommunityRecord) => hasRole(actor, 'company_admin', 'project_manager') && inCommunity(actor, r);
const desk = (actor: Actor, r: CommunityRecord) => hasRole(actor, 'company_admin', 'project_manager', 'service_desk') && inCommunity(actor, r);

/** Fee items, bill runs and closed periods of a community: the desk reads, managers change. */
export const feeSetupPolicy = definePolicy<'read' | 'manage', CommunityRecord>({
  read: desk,
  manage: manages,
});

/** A payer account (a unit): residents read their own household's; the desk takes payments; managers post and reverse. */
export const feeAccountPolicy = definePolicy<'read' | 'pay' | 'post' | 'reverse', CommunityRecord & { unitId: string | null }>({
  read: (actor, r) => desk(actor, r) || (hasRole(actor, 'resident') && actor.staffId === null && r.unitId !== null && actor.unitIds.includes(r.unitId)),
  pay: desk,
  post: manages,
  reverse: manages,
});

/** A receipt: the desk voids (the payment is reversed by entries) and prints; its payer reads it. */
export const feePaymentPolicy = definePolicy<'read' | 'void' | 'print', CommunityRecord & { unitId: string | null; status: 'valid' | 'void' }>({
  read: (actor, r) => feeAccountPolicy.can(actor, 'read', r),
  void: (actor, r) => r.status === 'valid' && desk(actor, r),
  print: (actor, r) => feeAccountPolicy.can(actor, 'read', r),
});
