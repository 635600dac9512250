import { ENUM_LABELS, type ImportKind } from '../../../../common/registry';

/** A column of an import template. `aliases` are other headers accepted for it (English, older templates). */
export interface ColumnSpec<K extends string = string> {
  key: K;
  header: string;
  required: boolean;
  aliases: string[];
  /** Shown in the template's instructions sheet. */
  hint: string;
}

const col = <K extends string>(key: K, header: string, required: boolean, aliases: string[], hint: string): ColumnSpec<K> => ({
  key,
  header,
  required,
  aliases,
  hint,
});

const labels = (group: keyof typeof ENUM_LABELS) =>
  Object.values(ENUM_LABELS[group])
    .map(([zh]) => zh)
    .join('/');

/** The columns of each import kind, in template order. Exports of the same lists use the same headers. */
export const IMPORT_COLUMNS = {
  buildings: [
    col('name', '楼栋名称', true, ['楼栋', 'name', 'building'], '例如 1栋、A座，同一项目内不能重复'),
    col('floors', '层数', true, ['floors'], '1 到 200 的整数'),
    col('unitsPerFloor', '每层户数', true, ['units per floor', 'unitsperfloor'], '1 到 100 的整数'),
  ],
  units: [
    col('building', '楼栋', true, ['楼栋名称', 'building'], '须是本项目已有的楼栋名称'),
    col('floor', '楼层', true, ['floor'], '1 到楼栋层数；地下车位、储藏室填 -1 到 -10'),
    col('number', '房号', true, ['number', 'unit'], '例如 1202，同一楼栋内不能重复'),
    col('area', '面积(㎡)', false, ['面积', '面积(m2)', '面积（㎡）', '建筑面积', 'area', 'aream2'], '大于 0 的数字，可留空'),
    col('use', '用途', false, ['use'], `${labels('use')}，默认住宅`),
    col('status', '状态', false, ['status'], `${labels('status')}，默认空置`),
  ],
  residents: [
    col('name', '姓名', true, ['name'], '最多 50 个字'),
    col('phone', '手机号', true, ['手机', '电话', 'phone', 'mobile'], '11 位手机号，同一公司内不能重复'),
    col('idType', '证件类型', false, ['idtype'], `${labels('idType')}，可留空`),
    col('idNumber', '证件号码', false, ['idnumber', '身份证号'], '可留空'),
    col('plates', '车牌', false, ['车牌号', 'plates'], '多个车牌用逗号分隔'),
    col('building', '楼栋', true, ['楼栋名称', 'building'], '须是本项目已有的楼栋名称'),
    col('number', '房号', true, ['number', 'unit'], '须是该楼栋已有的房号'),
    col('relation', '关系', true, ['relation'], labels('relation')),
    col('moveInOn', '入住日期', false, ['movein', 'moveinon'], '例如 2024-06-01，可留空'),
  ],
} as const satisfies Record<ImportKind, ColumnSpec[]>;

export type ColumnKey<K extends ImportKind> = (typeof IMPORT_COLUMNS)[K][number]['key'];

/** Header text compared loosely: case, spaces and full-width brackets do not matter. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .toLowerCase();
}

/** Maps each column key to its index in the file's header row; unknown headers are ignored. */
export function locateColumns<K extends string>(specs: readonly ColumnSpec<K>[], headers: string[]): { index: Map<K, number>; missing: ColumnSpec<K>[] } {
  const normalized = headers.map(normalizeHeader);
  const index = new Map<K, number>();
  for (const spec of specs) {
    const names = [spec.header, ...spec.aliases].map(normalizeHeader);
    const i = normalized.findIndex((h) => names.includes(h));
    if (i >= 0) index.set(spec.key, i);
  }
  return { index, missing: specs.filter((s) => s.required && !index.has(s.key)) };
}

/** Value of an enum from its code, Chinese or English label (case-insensitive); undefined when unknown. */
export function parseEnum<G extends keyof typeof ENUM_LABELS>(group: G, text: string): keyof (typeof ENUM_LABELS)[G] | undefined {
  const t = text.trim().toLowerCase();
  for (const [code, names] of Object.entries(ENUM_LABELS[group]) as [string, readonly string[]][]) {
    if (code === t || names.some((n) => n.toLowerCase() === t)) return code as keyof (typeof ENUM_LABELS)[G];
  }
  return undefined;
}

/** The Chinese label of an enum value (for exports). */
export function enumLabel<G extends keyof typeof ENUM_LABELS>(group: G, code: string): string {
  const entry = (ENUM_LABELS[group] as Record<string, readonly [string, string]>)[code];
  return entry ? entry[0] : code;
}

/** Allowed labels of an enum for error messages. */
export function enumChoices(group: keyof typeof ENUM_LABELS): string {
  return labels(group);
}
