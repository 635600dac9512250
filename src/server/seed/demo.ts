import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { systemContext } from '../auth/context';
import { createUser } from '../auth/commands/create-user';
import { createOrganization } from '../modules/registry/commands/create-organization';
import { createCommunity } from '../modules/registry/commands/create-community';
import { createBuilding } from '../modules/registry/commands/create-building';
import { createResident } from '../modules/registry/commands/create-resident';
import { createStaff } from '../modules/registry/commands/create-staff';
import { organizations, units } from '../modules/registry/tables';
import type { Role } from '../../common/roles';
import type { StaffInput } from '../../common/registry';
import { chineseName, seededRandom } from './random';
import { seedDemoWorkOrders } from '../modules/work-orders/demo-orders';
import { seedDemoSecurity } from '../modules/patrol/demo';
import { seedDemoGate } from '../modules/gate/demo';
import { seedDemoFees } from '../modules/fees';
import { seedDemoAppraisal } from '../modules/appraisal';
import { seedDemoQuality } from '../modules/quality';
import { seedDemoAssets } from '../modules/assets';
import { inTransaction } from '../db/transaction';

export const DEMO_ORGANIZATION = '和悦物业服务有限公司';
export const DEMO_COMMUNITY = '翠湖花园';
export const DEMO_PASSWORD = 'demo12345';

/** The demo accounts the README documents (demo data only). */
export const DEMO_LOGINS: { username: string; role: Role; description: string }[] = [
  { username: 'demo-admin', role: 'company_admin', description: '公司管理员 company admin' },
  { username: 'demo-manager', role: 'project_manager', description: '项目经理 project manager' },
  { username: 'demo-desk', role: 'service_desk', description: '客服前台 service desk' },
  { username: 'demo-dispatcher', role: 'dispatcher', description: '调度 dispatcher' },
  { username: 'demo-tech', role: 'technician', description: '维修技工 technician' },
  { username: 'demo-guard', role: 'guard', description: '秩序员 guard' },
  { username: 'demo-guard2', role: 'guard', description: '秩序员 guard (takes over the shift)' },
  { username: 'demo-inspector', role: 'quality_inspector', description: '品质专员 quality inspector' },
  { username: 'demo-owner', role: 'resident', description: '业主 resident of 3栋 1202' },
];

const BUILDINGS = 6;
const FLOORS = 14;
const UNITS_PER_FLOOR = 4;
/** The unit the demo owner lives in. */
export const DEMO_OWNER_UNIT = { building: '3栋', number: '1202' };

/** True when the demo company already exists. */
export async function hasDemoData(database: Database): Promise<boolean> {
  const rows = await database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORGANIZATION));
  return rows.length > 0;
}

/**
 * Loads the demo company through the product's own commands: one community at service level 2
 * with 6 buildings and 336 units, residents, staff of every position and the demo logins.
 * Deterministic: the same data on every machine.
 */
export async function seedDemo(database: Database): Promise<void> {
  const rand = seededRandom(20261122);
  const organizationId = await inTransaction(database.db, async (tx) => {
    const org = await createOrganization(tx, systemContext(), { name: DEMO_ORGANIZATION });
    const ctx = systemContext(org.id);
    const community = await createCommunity(tx, ctx, org.id, {
      name: DEMO_COMMUNITY,
      address: '江城市滨湖区翠湖路 88 号',
      managedAreaM2: 186_500,
      serviceLevel: 2,
      contractStart: '2025-01-01',
      contractEnd: '2027-12-31',
      hotline: '0571-88886666',
      deskHours: {
        weekly: Object.fromEntries(
          ['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }]]),
        ),
      },
    });
    const buildingIds = new Map<string, string>();
    for (let b = 1; b <= BUILDINGS; b++) {
      const building = await createBuilding(
        tx,
        ctx,
        { communityId: community.id, name: `${b}栋`, floors: FLOORS, unitsPerFloor: UNITS_PER_FLOOR, propertyType: 'high_rise' },
        { generateUnits: { areaM2: b <= 3 ? 89.5 : 118.2 } },
      );
      buildingIds.set(building.name, building.id);
    }
    const allUnits = await tx.select().from(units).where(eq(units.communityId, community.id));
    const demoOwnerUnit = allUnits.find(
      (u) => u.buildingId === buildingIds.get(DEMO_OWNER_UNIT.building) && u.number === DEMO_OWNER_UNIT.number,
    )!;

    // About 70% of units are lived in: an owner, sometimes family members or a tenant.
    let phoneSeq = 0;
    const nextPhone = () => `139${String(10_000_000 + phoneSeq++ * 7919).slice(-8)}`;
    let demoOwnerId = '';
    for (const unit of allUnits) {
      const isDemo = unit.id === demoOwnerUnit.id;
      const roll = rand();
      if (!isDemo && roll > 0.7) continue;
      const owner = await createResident(tx, ctx, org.id, {
        name: isDemo ? '林晓梅' : chineseName(rand),
        phone: isDemo ? '13912341202' : nextPhone(),
        idType: 'id_card',
        idNumber: `3201${String(1_000_000_000_000 + Math.floor(rand() * 8_999_999_999_999)).slice(0, 13)}X`.slice(0, 18),
        plates: rand() < 0.4 ? [`苏A${String(Math.floor(rand() * 90000) + 10000)}`] : [],
        units: [{ unitId: unit.id, relation: roll < 0.6 || isDemo ? 'owner' : 'tenant', moveInOn: '2024-06-01' }],
      });
      if (isDemo) demoOwnerId = owner.id;
      if (rand() < 0.3) {
        await createResident(tx, ctx, org.id, {
          name: chineseName(rand),
          phone: nextPhone(),
          units: [{ unitId: unit.id, relation: 'family', moveInOn: '2024-06-01' }],
        });
      }
      const status = rand() < 0.05 ? 'decorating' : 'occupied';
      await tx.update(units).set({ status }).where(eq(units.id, unit.id));
    }

    const staffMember = (name: string, phone: string, input: Omit<StaffInput, 'name' | 'phone' | 'communityIds'>) =>
      createStaff(tx, ctx, org.id, {
        name,
        phone,
        communityIds: [community.id],
        hireDate: '2024-03-01',
        trainingStartedOn: '2024-03-01',
        trainingCompletedOn: '2024-03-31',
        ...input,
      });
    const people = {
      manager: await staffMember('周建华', '13800000001', { position: 'project_manager' }),
      desk: await staffMember('陈静', '13800000002', { position: 'service_desk' }),
      desk2: await staffMember('刘思远', '13800000003', { position: 'service_desk' }),
      dispatcher: await staffMember('吴磊', '13800000004', { position: 'dispatcher' }),
      tech: await staffMember('张强', '13800000005', { position: 'technician', skills: ['plumbing', 'electrical', 'carpentry', 'general'] }),
      tech2: await staffMember('黄志文', '13800000006', { position: 'technician', skills: ['lift', 'electrical'] }),
      tech3: await staffMember('孙建国', '13800000007', { position: 'technician', skills: ['locks', 'carpentry', 'general'] }),
      tech4: await staffMember('马浩', '13800000008', { position: 'technician', skills: ['hvac', 'plumbing'], onDuty: false }),
      // A new hire still in pre-job training: not cleared for solo work.
      techNew: await staffMember('郭子涵', '13800000009', {
        position: 'technician',
        skills: ['general'],
        hireDate: '2026-11-10',
        trainingStartedOn: '2026-11-10',
        trainingCompletedOn: null,
      }),
      guard: await staffMember('何勇', '13800000010', { position: 'guard' }),
      guard2: await staffMember('罗军', '13800000011', { position: 'guard' }),
      guard3: await staffMember('郑鹏', '13800000012', { position: 'guard' }),
      guard4: await staffMember('梁辉', '13800000013', { position: 'guard' }),
      cleaner: await staffMember('谢桂英', '13800000014', { position: 'cleaner' }),
      cleaner2: await staffMember('宋玉兰', '13800000015', { position: 'cleaner' }),
      greening: await staffMember('唐明', '13800000016', { position: 'greening' }),
      inspector: await staffMember('许婷婷', '13800000017', { position: 'quality_inspector' }),
    };

    const account = (username: string, displayName: string, roles: Role[], link: { staffId?: string; residentId?: string } = {}) =>
      createUser(tx, ctx, {
        organizationId: org.id,
        username,
        displayName,
        password: DEMO_PASSWORD,
        roles,
        staffId: link.staffId ?? null,
        residentId: link.residentId ?? null,
      });
    await account('demo-admin', '赵敏', ['company_admin']);
    await account('demo-manager', people.manager.name, ['project_manager'], { staffId: people.manager.id });
    await account('demo-desk', people.desk.name, ['service_desk'], { staffId: people.desk.id });
    await account('demo-dispatcher', people.dispatcher.name, ['dispatcher'], { staffId: people.dispatcher.id });
    await account('demo-tech', people.tech.name, ['technician'], { staffId: people.tech.id });
    await account('demo-guard', people.guard.name, ['guard'], { staffId: people.guard.id });
    await account('demo-inspector', people.inspector.name, ['quality_inspector'], { staffId: people.inspector.id });
    await account('demo-owner', '林晓梅', ['resident'], { residentId: demoOwnerId });
    return org.id;
  });
  await seedDemoWorkOrders(database, organizationId);
  await seedDemoSecurity(database, organizationId);
  await seedDemoGate(database, organizationId);
  await seedDemoFees(database, organizationId, DEMO_OWNER_UNIT);
  await seedDemoQuality(database, organizationId);
  await seedDemoAppraisal(database, organizationId);
  await seedDemoAssets(database, organizationId);
}

/** Prints the demo logins for the console. */
export function demoLoginsText(): string {
  const lines = DEMO_LOGINS.map((l) => `  ${l.username.padEnd(16)} ${l.description}`);
  return [`Demo logins (password ${DEMO_PASSWORD}, demo data only):`, ...lines].join('\n');
}
