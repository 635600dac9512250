import { chineseName } from '../../src/server/seed/random';
import type { BulkWriter } from '../lib/bulk';
import type { Prng } from '../lib/prng';

/** Size of a dataset: scale 1 = 10 communities, 20,000 units, 100,000 work orders. */
export function sizeOf(scale: number) {
  return { communities: 10 * scale, buildingsPerCommunity: 20, floors: 25, unitsPerFloor: 4, workOrders: 100_000 * scale };
}

export interface GeneratedCommunity {
  id: string;
  name: string;
  serviceLevel: 1 | 2 | 3;
  units: { id: string; label: string; residentId: string | null }[];
  technicians: string[];
  desk: string[];
}

export interface GeneratedRegistry {
  organizationId: string;
  communities: GeneratedCommunity[];
  residents: Map<string, { name: string; phone: string }>;
  staffNames: Map<string, string>;
}

const DISTRICTS = ['滨湖', '新区', '高新', '江城', '东湖', '西山', '南港', '北岸', '锦江', '望城'];
const SUFFIXES = ['花园', '家园', '名苑', '雅居', '新城', '公馆', '华府', '绿洲', '嘉园', '府邸'];

/** One property company with its communities, buildings, units, residents and staff (bulk rows). */
export async function generateRegistry(w: BulkWriter, rand: Prng, scale: number, now: Date): Promise<GeneratedRegistry> {
  const size = sizeOf(scale);
  const organizationId = rand.uuid();
  const at = now.toISOString();
  await w.add('organizations', { id: organizationId, name: `基准物业集团（规模 ${scale}）`, created_at: at, updated_at: at });
  const weekly = Object.fromEntries(['1', '2', '3', '4', '5', '6'].map((d) => [d, [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '18:00' }]]));
  const registry: GeneratedRegistry = { organizationId, communities: [], residents: new Map(), staffNames: new Map() };
  let phoneSeq = 0;
  let staffPhoneSeq = 0;
  for (let c = 0; c < size.communities; c++) {
    const id = rand.uuid();
    const name = `${DISTRICTS[c % DISTRICTS.length]}${SUFFIXES[Math.floor(c / DISTRICTS.length) % SUFFIXES.length]}${c >= 100 ? c : ''}`;
    const serviceLevel = rand.weighted([[1, 2], [2, 5], [3, 3]] as const);
    await w.add('communities', {
      id,
      organization_id: organizationId,
      name,
      address: `江城市${DISTRICTS[c % DISTRICTS.length]}区${rand.int(1, 300)}号`,
      managed_area_m2: String(rand.int(80_000, 400_000)),
      service_level: serviceLevel,
      contract_start: '2025-01-01',
      contract_end: '2028-12-31',
      desk_hours: { weekly },
      time_zone: 'Asia/Shanghai',
      created_at: at,
      updated_at: at,
    });
    const community: GeneratedCommunity = { id, name, serviceLevel, units: [], technicians: [], desk: [] };
    for (let b = 1; b <= size.buildingsPerCommunity; b++) {
      const buildingId = rand.uuid();
      const buildingName = `${b}栋`;
      await w.add('buildings', {
        id: buildingId,
        organization_id: organizationId,
        community_id: id,
        name: buildingName,
        floors: size.floors,
        units_per_floor: size.unitsPerFloor,
        created_at: at,
        updated_at: at,
      });
      for (let f = 1; f <= size.floors; f++) {
        for (let u = 1; u <= size.unitsPerFloor; u++) {
          const unitId = rand.uuid();
          const number = `${f}${String(u).padStart(2, '0')}`;
          const occupied = rand.chance(0.72);
          await w.add('units', {
            id: unitId,
            organization_id: organizationId,
            community_id: id,
            building_id: buildingId,
            floor: f,
            number,
            area_m2: (rand.int(6_000, 16_000) / 100).toFixed(2),
            use: 'residential',
            status: occupied ? 'occupied' : 'vacant',
            created_at: at,
            updated_at: at,
          });
          let residentId: string | null = null;
          if (occupied) {
            residentId = rand.uuid();
            const person = { name: chineseName(rand.next), phone: `138${String(phoneSeq++).padStart(8, '0')}` };
            registry.residents.set(residentId, person);
            await w.add('residents', { id: residentId, organization_id: organizationId, ...person, created_at: at, updated_at: at });
            await w.add('resident_units', {
              id: rand.uuid(),
              organization_id: organizationId,
              community_id: id,
              resident_id: residentId,
              unit_id: unitId,
              relation: rand.chance(0.85) ? 'owner' : 'tenant',
              move_in_on: '2024-06-01',
              created_at: at,
            });
          }
          community.units.push({ id: unitId, label: `${buildingName} ${number}`, residentId });
        }
      }
    }
    const positions = [
      ['project_manager', 1],
      ['service_desk', 2],
      ['dispatcher', 1],
      ['technician', 6],
      ['guard', 2],
    ] as const;
    for (const [position, n] of positions) {
      for (let i = 0; i < n; i++) {
        const staffId = rand.uuid();
        const staffName = chineseName(rand.next);
        registry.staffNames.set(staffId, staffName);
        if (position === 'technician') community.technicians.push(staffId);
        if (position === 'service_desk') community.desk.push(staffId);
        await w.add('staff', {
          id: staffId,
          organization_id: organizationId,
          name: staffName,
          phone: `137${String(staffPhoneSeq++).padStart(8, '0')}`,
          position,
          skills: position === 'technician' ? [rand.pick(['plumbing', 'electrical', 'lift', 'locks', 'general'])] : [],
          community_ids: [id],
          hire_date: '2024-03-01',
          training_started_on: '2024-03-01',
          training_completed_on: '2024-03-31',
          created_at: at,
          updated_at: at,
        });
      }
    }
    registry.communities.push(community);
  }
  return registry;
}
