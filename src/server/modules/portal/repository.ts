import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { PortalMe, PortalUnit, unitRequestQuerySchema, UnitRequest } from '../../../common/portal';
import { PRIVACY_NOTICE } from '../../../common/privacy-notice';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { communitiesOfResident, currentBindingsOf, maskPhone, occupantsOfUnits, residentContacts, unitLabels, type PickableCommunities } from '../registry';
import { unitRequestPolicy } from './policy';
import { AppError } from '../../errors';
import { portalPrivacyConsents, unitRequests } from './tables';

/** The person's own units: current bindings (approved or awaiting review) and requests turned down. */
export async function unitsOfResident(db: DbOrTx, residentId: string): Promise<PortalUnit[]> {
  const [bindings, requests] = await Promise.all([
    currentBindingsOf(db, residentId),
    db
      .select({
        id: unitRequests.id,
        bindingId: unitRequests.bindingId,
        unitId: unitRequests.unitId,
        communityId: unitRequests.communityId,
        relation: unitRequests.relation,
        status: unitRequests.status,
        reason: unitRequests.reason,
        createdAt: unitRequests.createdAt,
      })
      .from(unitRequests)
      .where(eq(unitRequests.residentId, residentId))
      .orderBy(desc(unitRequests.createdAt)),
  ]);
  const requestOf = new Map(requests.filter((r) => r.bindingId).map((r) => [r.bindingId!, r.id]));
  const bound = new Set(bindings.map((b) => b.unitId));
  const current: PortalUnit[] = bindings.map((b) => ({
    requestId: requestOf.get(b.bindingId) ?? null,
    unitId: b.unitId,
    communityId: b.communityId,
    communityName: b.communityName,
    hotline: b.hotline,
    label: b.label,
    relation: b.relation,
    state: b.approved ? 'approved' : 'pending',
    reason: null,
    at: b.createdAt.toISOString(),
  }));
  // The latest refusal of a unit not bound now, so the person sees why.
  const seen = new Set<string>();
  const latestRefusals = requests.filter((r) => {
    if (r.status !== 'rejected' || bound.has(r.unitId) || seen.has(r.unitId)) return false;
    seen.add(r.unitId);
    return true;
  });
  const names = await unitLabels(db, latestRefusals.map((r) => r.unitId));
  const refused: PortalUnit[] = latestRefusals.flatMap((r) => {
    const place = names.get(r.unitId);
    if (!place) return [];
    return [{ requestId: r.id, unitId: r.unitId, communityId: r.communityId, communityName: place.communityName, hotline: place.hotline, label: place.label, relation: r.relation, state: 'rejected' as const, reason: r.reason, at: r.createdAt.toISOString() }];
  });
  return [...current, ...refused];
}

type ListQuery = z.infer<typeof unitRequestQuerySchema>;

/** One page of unit requests the actor may see (their communities), oldest pending first. */
export async function listUnitRequests(db: DbOrTx, actor: Actor, q: ListQuery): Promise<{ items: UnitRequest[]; total: number }> {
  const where = and(
    tenantScope(actor, { organizationId: unitRequests.organizationId, communityId: unitRequests.communityId }),
    eq(unitRequests.status, q.status),
    q.communityId ? eq(unitRequests.communityId, q.communityId) : undefined,
  );
  const [requests, [total]] = await Promise.all([
    db
      .select()
      .from(unitRequests)
      .where(where)
      .orderBy(q.status === 'pending' ? asc(unitRequests.createdAt) : desc(unitRequests.decidedAt), asc(unitRequests.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(unitRequests).where(where),
  ]);
  const unitIds = requests.map((r) => r.unitId);
  const [places, people, occupants] = await Promise.all([unitLabels(db, unitIds), residentContacts(db, requests.map((r) => r.residentId)), occupantsOfUnits(db, unitIds)]);
  const rows = requests.flatMap((request) => {
    const place = places.get(request.unitId);
    const person = people.get(request.residentId);
    return place && person ? [{ request, community: place.communityName, label: place.label, name: person.name, phone: person.phone }] : [];
  });
  const items = rows.map(({ request: r, community, label, name, phone }) => ({
    id: r.id,
    status: r.status,
    community: { id: r.communityId, name: community },
    unit: { id: r.unitId, label },
    relation: r.relation,
    resident: { id: r.residentId, name, phoneMasked: maskPhone(phone) },
    occupants: occupants.filter((o) => o.unitId === r.unitId).map((o) => ({ name: o.name, relation: o.relation })),
    reason: r.reason,
    decidedBy: r.decidedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    allowedActions: unitRequestPolicy.can(actor, 'review', r) ? (['approve', 'reject'] as const).slice() : [],
  }));
  return { items, total: total?.n ?? 0 };
}

/**
 * The communities a portal user may pick units in. A registered resident picks within the
 * communities they already belong to (approved or under review), or, with none, within their
 * company; an unregistered person may pick any community. Null means "no restriction".
 */
export async function pickableCommunities(db: DbOrTx, actor: Actor): Promise<PickableCommunities> {
  if (!actor.residentId) return { organizationId: actor.organizationId, communityIds: null };
  const ids = await communitiesOfResident(db, actor.residentId);
  return { organizationId: actor.organizationId, communityIds: ids.length ? ids : null };
}

/** Where the account stands with the privacy notice in force (`PortalMe.privacy`). */
export async function privacyOf(db: DbOrTx, userId: string): Promise<PortalMe['privacy']> {
  const [latest] = await db
    .select({ version: portalPrivacyConsents.noticeVersion, at: portalPrivacyConsents.acceptedAt })
    .from(portalPrivacyConsents)
    .where(eq(portalPrivacyConsents.userId, userId))
    .orderBy(desc(portalPrivacyConsents.acceptedAt))
    .limit(1);
  const current = await db
    .select({ at: portalPrivacyConsents.acceptedAt })
    .from(portalPrivacyConsents)
    .where(and(eq(portalPrivacyConsents.userId, userId), eq(portalPrivacyConsents.noticeVersion, PRIVACY_NOTICE.version)));
  return {
    version: PRIVACY_NOTICE.version,
    acceptedVersion: latest?.version ?? null,
    acceptedAt: latest ? latest.at.toISOString() : null,
    required: current.length === 0,
  };
}

/**
 * Records the account's acceptance of the notice in force. `version` is the one the person read:
 * an older one (the notice changed while it was open) is refused, so nobody accepts a text they
 * did not see. Accepting again is a no-op.
 */
export async function acceptPrivacyNotice(tx: DbOrTx, userId: string, version: string): Promise<void> {
  if (version !== PRIVACY_NOTICE.version) throw new AppError('CONFLICT', 'portal.privacyNoticeChanged');
  await tx.insert(portalPrivacyConsents).values({ userId, noticeVersion: version }).onConflictDoNothing();
}
