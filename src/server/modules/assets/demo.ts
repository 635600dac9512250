import type { AssetInput } from '../../../common/assets';
import { userContext } from '../../auth/session';
import type { Database } from '../../db/client';
import { buildingsOfCommunity, firstCommunityOf } from '../registry';
import { createAsset, retireAsset, updateAsset } from './commands/save-asset';

type Entry = Omit<AssetInput, 'communityId'>;

const LIFT_CO = { maintainer: '江城三菱电梯工程有限公司', maintainerPhone: '400-820-6262' };
const FIRE_CO = { maintainer: '江城安泰消防工程有限公司', maintainerPhone: '0571-86651119' };
const CCTV_CO = { maintainer: '江城海视安防技术有限公司', maintainerPhone: '0571-88219900' };

/**
 * The demo community's facilities register, entered by the demo project manager through the
 * module's own commands: two lifts per building (one under repair, one stopped), the pump rooms,
 * the fire-alarm panels, sprinkler pumps, barrier gates and cameras at the gates, access control,
 * road lighting, the switch room and the clubhouse air conditioning; one old pump retired.
 */
export async function seedDemoAssets(database: Database, organizationId: string): Promise<void> {
  const db = database.db;
  const manager = await userContext(db, organizationId, 'demo-manager');
  const community = await firstCommunityOf(db, organizationId);
  if (!community) return;
  const buildings = await buildingsOfCommunity(db, community.id);
  const entries: Entry[] = [];
  for (const [i, b] of buildings.entries()) {
    for (const n of [1, 2]) {
      entries.push({
        code: `DT-${i + 1}-0${n}`,
        name: `${b.name}${n}号客梯`,
        category: 'lift',
        buildingId: b.id,
        place: `${n === 1 ? '东' : '西'}侧电梯井`,
        brand: '三菱',
        model: 'NexWay-S 1000kg 1.75m/s',
        serialNumber: `MEL${2019 + (i % 3)}${String(4000 + i * 2 + n).padStart(5, '0')}`,
        installedOn: `${2019 + (i % 3)}-0${3 + (i % 6)}-15`,
        warrantyUntil: `${2021 + (i % 3)}-0${3 + (i % 6)}-14`,
        ...LIFT_CO,
        notes: '每 15 日一次半月保养，年检合格标志贴于轿厢内',
      });
    }
    entries.push({
      name: `${b.name}门禁主机`,
      category: 'access_control',
      buildingId: b.id,
      place: '一楼大堂入口',
      brand: '立林',
      model: 'L7-M01',
      installedOn: '2021-06-01',
      warrantyUntil: '2024-05-31',
      maintainer: '江城立林智能科技有限公司',
      maintainerPhone: '0571-87653321',
    });
  }
  entries.push(
    { name: '生活水泵 1#', category: 'water_pump', place: '地下一层生活水泵房', brand: '格兰富', model: 'CRE 15-5', serialNumber: 'GF96501230', installedOn: '2019-05-20', warrantyUntil: '2021-05-19', maintainer: '江城恒泰机电安装有限公司', maintainerPhone: '0571-85526688' },
    { name: '生活水泵 2#', category: 'water_pump', place: '地下一层生活水泵房', brand: '格兰富', model: 'CRE 15-5', serialNumber: 'GF96501231', installedOn: '2019-05-20', warrantyUntil: '2021-05-19', maintainer: '江城恒泰机电安装有限公司', maintainerPhone: '0571-85526688' },
    { name: '消防喷淋泵', category: 'fire_system', place: '地下一层消防泵房', brand: '上海连成', model: 'XBD8.0/30-125', installedOn: '2019-04-10', ...FIRE_CO, notes: '每月手动启泵测试一次' },
    { name: '消火栓泵', category: 'fire_system', place: '地下一层消防泵房', brand: '上海连成', model: 'XBD8.0/40-150', installedOn: '2019-04-10', ...FIRE_CO },
    { name: '火灾报警控制器', category: 'fire_system', place: '消防控制室', brand: '海湾', model: 'JB-QB-GST200', serialNumber: 'GST2001908812', installedOn: '2019-04-10', ...FIRE_CO, notes: '消防控制室 24 小时双人值班' },
    { name: '南门车辆道闸（入口）', category: 'barrier_gate', place: '南门车行入口', brand: '捷顺', model: 'JSDZ0618', installedOn: '2022-09-01', warrantyUntil: '2025-08-31', maintainer: '江城捷顺智能设备有限公司', maintainerPhone: '0571-88007755' },
    { name: '南门车辆道闸（出口）', category: 'barrier_gate', place: '南门车行出口', brand: '捷顺', model: 'JSDZ0618', installedOn: '2022-09-01', warrantyUntil: '2025-08-31', maintainer: '江城捷顺智能设备有限公司', maintainerPhone: '0571-88007755', status: 'under_repair', notes: '抬杆电机异响，已报厂家' },
    { name: '地库入口道闸', category: 'barrier_gate', place: '地下车库入口', brand: '捷顺', model: 'JSDZ0618', installedOn: '2022-09-01', maintainer: '江城捷顺智能设备有限公司', maintainerPhone: '0571-88007755' },
    { name: '南门高清摄像机', category: 'cctv', place: '南门岗亭外', brand: '海康威视', model: 'DS-2CD3T47', installedOn: '2023-03-01', warrantyUntil: '2026-02-28', ...CCTV_CO },
    { name: '北门高清摄像机', category: 'cctv', place: '北门人行入口', brand: '海康威视', model: 'DS-2CD3T47', installedOn: '2023-03-01', warrantyUntil: '2026-02-28', ...CCTV_CO },
    { name: '地库全景摄像机', category: 'cctv', place: '地下车库 B 区', brand: '海康威视', model: 'DS-2CD3956', installedOn: '2023-03-01', warrantyUntil: '2026-02-28', ...CCTV_CO },
    { name: '监控中心硬盘录像机', category: 'cctv', place: '监控中心', brand: '海康威视', model: 'DS-9632N-I16', installedOn: '2023-03-01', warrantyUntil: '2026-02-28', ...CCTV_CO, notes: '录像保存不少于 30 天' },
    { name: '中心花园庭院灯回路', category: 'lighting', place: '中心花园', brand: '欧普', model: 'LED 30W 庭院灯 ×24', installedOn: '2019-06-30' },
    { name: '主干道路灯回路', category: 'lighting', place: '小区主干道', brand: '欧普', model: 'LED 60W 路灯 ×36', installedOn: '2019-06-30', status: 'stopped', notes: '东段两盏灯杆更换中，回路暂停' },
    { name: '1# 配电室低压柜', category: 'power_distribution', place: '1# 配电室', brand: '正泰', model: 'GCK', installedOn: '2019-03-01', maintainer: '江城电力安装工程有限公司', maintainerPhone: '0571-86001234' },
    { name: '应急柴油发电机', category: 'power_distribution', place: '地下一层发电机房', brand: '康明斯', model: 'C500D5', serialNumber: 'CUM2019A0815', installedOn: '2019-03-01', maintainer: '江城电力安装工程有限公司', maintainerPhone: '0571-86001234', notes: '每月空载试运行 30 分钟' },
    { name: '会所中央空调主机', category: 'hvac', place: '会所屋面', brand: '格力', model: 'GMV-450WM/B', installedOn: '2020-05-01', warrantyUntil: '2026-04-30', maintainer: '江城格力空调工程有限公司', maintainerPhone: '400-836-5315' },
    { name: '旧生活水泵（已更换）', category: 'water_pump', place: '地下一层生活水泵房', brand: '南方', model: 'CDL 12-6', installedOn: '2012-08-01' },
  );
  const ids = new Map<string, string>();
  for (const e of entries) ids.set(e.name, (await createAsset(db, manager, { ...e, communityId: community.id, status: e.status ?? 'in_use' })).id);
  // A lift under repair and the old pump retired, as changes on record.
  const lift = buildings[1] ? ids.get(`${buildings[1].name}2号客梯`) : undefined;
  if (lift) await updateAsset(db, manager, lift, { status: 'under_repair', notes: '曳引机异响，已停梯待厂家检修' });
  await retireAsset(db, manager, ids.get('旧生活水泵（已更换）')!, { reason: '使用年限已到，已由 1#、2# 生活水泵替换' });
}
