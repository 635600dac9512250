import type { ImportKind } from '../../../../common/registry';
import { isClearedForSoloWork } from '../../../../common/registry';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../../db/scope';
import { maskIdNumber, maskPhone } from '../masking';
import { listBuildings } from '../repository/buildings';
import { communitiesByIds, listCommunities } from '../repository/communities';
import { bindingsOf, listResidents } from '../repository/residents';
import { listStaff } from '../repository/staff';
import { listUnits } from '../repository/units';
import type { BuildingQuery, CommunityQuery, ResidentQuery, StaffQuery, UnitQuery } from '../schemas';
import { enumLabel, IMPORT_COLUMNS } from './columns';
import { writeWorkbook, type CellValue } from '../../../files/workbook';

/** Most rows one export holds. */
export const EXPORT_MAX_ROWS = 100_000;
const WINDOW = 2000;

type NoPage<Q> = Omit<Q, 'page' | 'pageSize'>;

/** Reads a list window by window, up to EXPORT_MAX_ROWS. */
async function all<T>(read: (w: { limit: number; offset: number }) => Promise<{ rows: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += WINDOW) {
    const { rows } = await read({ limit: Math.min(WINDOW, EXPORT_MAX_ROWS - offset), offset });
    out.push(...rows);
    if (rows.length < WINDOW) break;
  }
  return out;
}

const headers = (kind: ImportKind) => IMPORT_COLUMNS[kind].map((c) => c.header);
const yesNo = (b: boolean) => (b ? '是' : '否');

/** The import template of a kind: the header row, and a second sheet explaining every column. */
export function templateWorkbook(kind: ImportKind): Promise<Buffer> {
  const specs = IMPORT_COLUMNS[kind];
  return writeWorkbook([
    { name: '导入数据', headers: specs.map((c) => c.header), rows: [] },
    {
      name: '填写说明',
      headers: ['列', '必填', '说明'],
      rows: specs.map((c) => [c.header, c.required ? '是' : '否', c.hint]),
      widths: [16, 8, 60],
    },
  ]);
}

/** Communities as xlsx. */
export async function exportCommunities(db: DbOrTx, actor: Actor, q: NoPage<CommunityQuery>): Promise<Buffer> {
  const rows = await all((w) => listCommunities(db, actor, q, w));
  return writeWorkbook([
    {
      name: '项目',
      headers: ['项目名称', '地址', '管理面积(㎡)', '服务等级', '合同开始', '合同结束', '时区', '楼栋数', '房屋数', '归档时间'],
      rows: rows.map(({ community: c, buildingCount, unitCount }) => [
        c.name,
        c.address,
        c.managedAreaM2 === null ? null : Number(c.managedAreaM2),
        ['一级', '二级', '三级'][c.serviceLevel - 1] ?? String(c.serviceLevel),
        c.contractStart,
        c.contractEnd,
        c.timeZone,
        buildingCount,
        unitCount,
        c.archivedAt?.toISOString() ?? null,
      ]),
    },
  ]);
}

/** Buildings as xlsx, in the import template's columns plus the community. */
export async function exportBuildings(db: DbOrTx, actor: Actor, q: NoPage<BuildingQuery>): Promise<Buffer> {
  const rows = await all((w) => listBuildings(db, actor, q, w));
  return writeWorkbook([
    {
      name: '楼栋',
      headers: [...headers('buildings'), '项目', '房屋数'],
      rows: rows.map((r) => [r.building.name, r.building.floors, r.building.unitsPerFloor, r.communityName, r.unitCount]),
    },
  ]);
}

/** Units as xlsx, in the import template's columns plus the community and resident count. */
export async function exportUnits(db: DbOrTx, actor: Actor, q: NoPage<UnitQuery>): Promise<Buffer> {
  const rows = await all((w) => listUnits(db, actor, q, w));
  return writeWorkbook([
    {
      name: '房屋',
      headers: [...headers('units'), '项目', '住户数'],
      rows: rows.map(({ unit: u, buildingName, communityName, residentCount }) => [
        buildingName,
        u.floor,
        u.number,
        u.areaM2 === null ? null : Number(u.areaM2),
        enumLabel('use', u.use),
        enumLabel('status', u.status),
        communityName,
        residentCount,
      ]),
    },
  ]);
}

/** Residents as xlsx, one row per current unit binding; phone and ID number masked as everywhere. */
export async function exportResidents(db: DbOrTx, actor: Actor, q: NoPage<ResidentQuery>): Promise<Buffer> {
  const people = await all((w) => listResidents(db, actor, q, w));
  const bindings = [];
  for (let i = 0; i < people.length; i += WINDOW) {
    bindings.push(...(await bindingsOf(db, actor, people.slice(i, i + WINDOW).map((p) => p.id))));
  }
  const byResident = new Map<string, typeof bindings>();
  for (const b of bindings) if (b.moveOutOn === null) byResident.set(b.residentId, [...(byResident.get(b.residentId) ?? []), b]);
  const out: CellValue[][] = [];
  for (const p of people) {
    const personal: CellValue[] = [
      p.name,
      maskPhone(p.phone),
      p.idType ? enumLabel('idType', p.idType) : null,
      maskIdNumber(p.idNumber),
      p.plates.join(','),
    ];
    const list = byResident.get(p.id) ?? [];
    if (!list.length) out.push([...personal, null, null, null, null, null]);
    for (const b of list) out.push([...personal, b.buildingName, b.number, enumLabel('relation', b.relation), b.moveInOn, b.communityName]);
  }
  return writeWorkbook([{ name: '住户', headers: [...headers('residents'), '项目'], rows: out }]);
}

/** Staff as xlsx with training status. */
export async function exportStaff(db: DbOrTx, actor: Actor, q: NoPage<StaffQuery>): Promise<Buffer> {
  const rows = await all((w) => listStaff(db, actor, q, w));
  const names = new Map((await communitiesByIds(db, actor, [...new Set(rows.flatMap((r) => r.communityIds))])).map((c) => [c.id, c.name]));
  return writeWorkbook([
    {
      name: '员工',
      headers: ['姓名', '手机号', '岗位', '技能', '服务项目', '入职日期', '在岗', '培训开始', '培训完成', '可独立上岗'],
      rows: rows.map((s) => [
        s.name,
        s.phone,
        enumLabel('position', s.position),
        s.skills.map((k) => enumLabel('skill', k)).join(','),
        s.communityIds
          .map((id) => names.get(id))
          .filter(Boolean)
          .join(','),
        s.hireDate,
        yesNo(s.onDuty),
        s.trainingStartedOn,
        s.trainingCompletedOn,
        yesNo(isClearedForSoloWork(s.trainingStartedOn, s.trainingCompletedOn)),
      ]),
    },
  ]);
}
