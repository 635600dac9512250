import type { Role } from '../../common/roles';
import type { CommunityInput } from '../../common/registry';
import { systemContext } from '../auth/context';
import { createUser } from '../auth/commands/create-user';
import type { Database } from '../db/client';
import { createBuilding } from '../modules/registry/commands/create-building';
import { createCommunity } from '../modules/registry/commands/create-community';
import { createOrganization } from '../modules/registry/commands/create-organization';
import { createResident } from '../modules/registry/commands/create-resident';
import { createStaff } from '../modules/registry/commands/create-staff';
import { units } from '../modules/registry/tables';
import { acceptPrivacyNotice } from '../modules/portal';
import { PRIVACY_NOTICE } from '../../common/privacy-notice';
import { and, eq } from 'drizzle-orm';

export const TEST_PASSWORD = 'test-pass-1';

let seq = 0;
const uniq = () => `${process.pid}${++seq}`;
// Unique per process and call; the last four digits always start with 9, so tests that search by a
// phone ending such as 0002 or 1202 never match a factory-made phone by chance.
const phone = () => `137${String(process.pid % 10_000).padStart(4, '0')}9${String(++seq % 1000).padStart(3, '0')}`;

/**
 * A small organization for API tests: one community with one 3×2 building, a resident bound to
 * unit 101, and one login per requested role (username `<prefix>-<role>`), password TEST_PASSWORD.
 */
export async function buildOrganization(
  database: Database,
  options: { prefix?: string; roles?: Role[]; community?: Partial<CommunityInput> } = {},
) {
  const prefix = options.prefix ?? `org${uniq()}`;
  const roles = options.roles ?? ['company_admin', 'service_desk', 'dispatcher', 'technician', 'resident'];
  return database.db.transaction(async (tx) => {
    const org = await createOrganization(tx, systemContext(), { name: `${prefix} 物业` });
    const ctx = systemContext(org.id);
    const community = await createCommunity(tx, ctx, org.id, { name: `${prefix} 小区`, serviceLevel: 2, ...options.community });
    const building = await createBuilding(tx, ctx, { communityId: community.id, name: '1栋', floors: 3, unitsPerFloor: 2 }, { generateUnits: {} });
    const [unit] = await tx.select().from(units).where(and(eq(units.buildingId, building.id), eq(units.number, '101')));
    const resident = await createResident(tx, ctx, org.id, {
      name: '测试业主',
      phone: phone(),
      units: [{ unitId: unit!.id, relation: 'owner' }],
    });
    const users: Partial<Record<Role, string>> = {};
    for (const role of roles) {
      const username = `${prefix}-${role}`;
      let staffId: string | null = null;
      if (role !== 'company_admin' && role !== 'resident' && role !== 'platform_admin') {
        const s = await createStaff(tx, ctx, org.id, {
          name: `${role} 员工`,
          phone: phone(),
          position: role,
          communityIds: [community.id],
          skills: role === 'technician' ? ['plumbing', 'general'] : [],
        });
        staffId = s.id;
      }
      const user = await createUser(tx, ctx, {
        organizationId: role === 'platform_admin' ? null : org.id,
        username,
        displayName: `${prefix} ${role}`,
        password: TEST_PASSWORD,
        roles: [role],
        staffId,
        residentId: role === 'resident' ? resident.id : null,
      });
      // The factory's resident has been through the portal's first sign-in: the notice is accepted.
      if (role === 'resident') await acceptPrivacyNotice(tx, user.id, PRIVACY_NOTICE.version);
      users[role] = username;
    }
    return { org, community, building, unit: unit!, resident, users };
  });
}
