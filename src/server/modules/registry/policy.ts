import { definePolicy, hasRole } from '../../auth/policy';
import { servesCommunity, type Actor } from '../../db/scope';
import type {
  BUILDING_ACTIONS,
  BUILDINGS_ACTIONS,
  COMMUNITIES_ACTIONS,
  COMMUNITY_ACTIONS,
  RESIDENT_ACTIONS,
  RESIDENTS_ACTIONS,
  STAFF_ACTIONS,
  STAFF_LIST_ACTIONS,
  UNIT_ACTIONS,
  UNITS_ACTIONS,
} from '../../../common/registry-api';
import type { Role } from '../../../common/roles';

type ActionOf<L extends readonly string[]> = L[number];

/*
 * Who may do what in the registry. Reads are further narrowed by the tenant scope in the
 * repositories (staff: their organization and served communities; residents: their household),
 * so the read rules here only say which roles may look at a kind of record at all.
 *
 * | resource    | read                 | create / update / archive                        | extra                              |
 * | communities | staff, residents*    | company_admin                                    |                                    |
 * | buildings   | staff                | company_admin, project_manager                   | import                             |
 * | units       | staff, residents*    | company_admin, project_manager                   | import                             |
 * | residents   | staff, residents*    | company_admin, project_manager, service_desk     | reveal (same roles), import, erase (company_admin) |
 * | staff       | staff                | company_admin, project_manager                   | completeTraining (same roles)      |
 * | export      | company_admin, project_manager, service_desk (masked personal data)             |
 * (* residents: only their own community, units and household, through the scope.)
 */

const STAFF: Role[] = [
  'platform_admin',
  'company_admin',
  'project_manager',
  'service_desk',
  'dispatcher',
  'technician',
  'guard',
  'cleaner',
  'greening',
  'quality_inspector',
];
const MANAGERS: Role[] = ['company_admin', 'project_manager'];
const DESK: Role[] = ['company_admin', 'project_manager', 'service_desk'];

const isStaff = (actor: Actor) => hasRole(actor, ...STAFF);
const readsAsStaffOrResident = (actor: Actor) => isStaff(actor) || hasRole(actor, 'resident');

/** What a rule needs to know about a community-owned record. */
export interface CommunityOwned {
  organizationId: string;
  communityId: string;
  archivedAt: Date | null;
}

/** What a rule needs to know about a record that belongs to the organization as a whole. */
export interface OrganizationOwned {
  organizationId: string;
  archivedAt: Date | null;
  /** Communities the record is tied to (resident bindings, staff assignments). */
  communityIds: string[];
  /** Residents: when an admin erased the person's data (nothing more can be done with it). */
  erasedAt?: Date | null;
}

const live = (e: { archivedAt: Date | null }) => e.archivedAt === null;
// A project manager manages records of the communities they serve; admins the whole organization.
const manages = (actor: Actor, roles: Role[], e: CommunityOwned) =>
  hasRole(actor, ...roles) && servesCommunity(actor, e.organizationId, e.communityId);
const managesAny = (actor: Actor, roles: Role[], e: OrganizationOwned) =>
  hasRole(actor, ...roles) &&
  actor.organizationId === e.organizationId &&
  (actor.communityIds === 'all' || e.communityIds.length === 0 || e.communityIds.some((c) => servesCommunity(actor, e.organizationId, c)));

/** Collection actions of every registry resource (no record yet). */
export const communitiesPolicy = definePolicy<ActionOf<typeof COMMUNITIES_ACTIONS>>({
  list: readsAsStaffOrResident,
  create: (a) => hasRole(a, 'company_admin'),
  export: (a) => hasRole(a, ...DESK),
});

/** Actions on one community. */
export const communityPolicy = definePolicy<ActionOf<typeof COMMUNITY_ACTIONS>, Omit<CommunityOwned, 'communityId'> & { id: string }>({
  read: readsAsStaffOrResident,
  update: (a, e) => live(e) && hasRole(a, 'company_admin') && a.organizationId === e.organizationId,
  archive: (a, e) => live(e) && hasRole(a, 'company_admin') && a.organizationId === e.organizationId,
});

export const buildingsPolicy = definePolicy<ActionOf<typeof BUILDINGS_ACTIONS>>({
  list: isStaff,
  create: (a) => hasRole(a, ...MANAGERS),
  import: (a) => hasRole(a, ...MANAGERS),
  export: (a) => hasRole(a, ...DESK),
});

export const buildingPolicy = definePolicy<ActionOf<typeof BUILDING_ACTIONS>, CommunityOwned>({
  read: isStaff,
  update: (a, e) => live(e) && manages(a, MANAGERS, e),
  archive: (a, e) => live(e) && manages(a, MANAGERS, e),
});

export const unitsPolicy = definePolicy<ActionOf<typeof UNITS_ACTIONS>>({
  list: readsAsStaffOrResident,
  create: (a) => hasRole(a, ...MANAGERS),
  import: (a) => hasRole(a, ...MANAGERS),
  export: (a) => hasRole(a, ...DESK),
});

export const unitPolicy = definePolicy<ActionOf<typeof UNIT_ACTIONS>, CommunityOwned>({
  read: readsAsStaffOrResident,
  update: (a, e) => live(e) && manages(a, MANAGERS, e),
  archive: (a, e) => live(e) && manages(a, MANAGERS, e),
});

export const residentsPolicy = definePolicy<ActionOf<typeof RESIDENTS_ACTIONS>>({
  list: readsAsStaffOrResident,
  create: (a) => hasRole(a, ...DESK),
  import: (a) => hasRole(a, ...DESK),
  export: (a) => hasRole(a, ...DESK),
});

export const residentPolicy = definePolicy<ActionOf<typeof RESIDENT_ACTIONS>, OrganizationOwned>({
  read: readsAsStaffOrResident,
  update: (a, e) => live(e) && managesAny(a, DESK, e),
  archive: (a, e) => live(e) && managesAny(a, DESK, e),
  // Reveal is allowed on archived records too: the history may need the contact.
  reveal: (a, e) => !e.erasedAt && managesAny(a, DESK, e),
  // Erasing personal data (PIPL) cannot be undone: company admins only, archived records too.
  erase: (a, e) => !e.erasedAt && hasRole(a, 'company_admin') && a.organizationId === e.organizationId,
});

export const staffListPolicy = definePolicy<ActionOf<typeof STAFF_LIST_ACTIONS>>({
  list: isStaff,
  create: (a) => hasRole(a, ...MANAGERS),
  export: (a) => hasRole(a, ...DESK),
});

export const staffPolicy = definePolicy<ActionOf<typeof STAFF_ACTIONS>, OrganizationOwned & { trainingCompletedOn: string | null }>({
  read: isStaff,
  update: (a, e) => live(e) && managesAny(a, MANAGERS, e),
  archive: (a, e) => live(e) && managesAny(a, MANAGERS, e),
  completeTraining: (a, e) => live(e) && e.trainingCompletedOn === null && managesAny(a, MANAGERS, e),
});
