import { ASSET_CATEGORIES, ASSET_CATEGORY_LABELS, ASSET_COLUMNS as C, ASSET_STATUS_LABELS, ASSET_STATUSES, assetCodeSchema, type AssetCategory, type AssetStatus } from '../../../../common/assets';
import { hotlineSchema } from '../../../../common/registry';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { bulkInsert } from '../../../db/bulk-insert';
import { withUniqueFields } from '../../../db/errors';
import { inTransaction } from '../../../db/transaction';
import type { Sheet } from '../../../files/workbook';
import { writeWorkbook } from '../../../files/workbook';
import { recordAudit } from '../../audit';
import { buildingsOfCommunity, readRows, type ColumnSpec, type Community, type ImportProblem, type RowReader } from '../../registry';
import { assets } from '../tables';
import { takenCodes } from '../repository';
import { CODE_CONSTRAINT, nextAssetCode } from './save-asset';

/*
 * Excel import of a community's register, the registry's way (its column kit and row reader): a
 * template with a sheet explaining the columns; a dry run answers every problem by Excel row and
 * column; a commit validates again inside its transaction and writes every row or none, with one
 * audit record for the file.
 */

type Key = keyof typeof C;
const labelsOf = (labels: Readonly<Record<string, Readonly<Record<'zh-CN' | 'en-US', string>>>>, keys: readonly string[]) => keys.map((k) => labels[k]!['zh-CN']).join('/');
const WORKING = ASSET_STATUSES.filter((s) => s !== 'retired');

const col = (key: Key, required: boolean, aliases: string[], hint: string): ColumnSpec<Key> => ({ key, header: C[key], required, aliases, hint });

/** The template's columns, in order; the export uses the same headers (with 项目 in front). */
export const ASSET_IMPORT_COLUMNS: readonly ColumnSpec<Key>[] = [
  col('code', false, ['设备编号', 'code'], '留空则自动编号（SB-0001 起）；字母、数字和 - _ . /，同一项目内不能重复'),
  col('name', true, ['设备名称', 'name'], '最多 100 个字，例如 3栋1号客梯'),
  col('category', true, ['设备类别', '分类', 'category'], labelsOf(ASSET_CATEGORY_LABELS, ASSET_CATEGORIES)),
  col('building', false, ['楼栋名称', 'building'], '须是本项目已有的楼栋名称；全区设备留空'),
  col('place', false, ['安装位置', 'place', 'location'], '例如 地下一层水泵房，最多 200 个字'),
  col('brand', false, ['brand'], '最多 100 个字'),
  col('model', false, ['规格型号', 'model'], '最多 100 个字'),
  col('serialNumber', false, ['序列号', 'serial', 'serialnumber'], '最多 100 个字'),
  col('installedOn', false, ['installedon', '安装时间'], '例如 2024-06-01，可留空'),
  col('warrantyUntil', false, ['保修期至', 'warrantyuntil'], '例如 2027-06-01，不能早于安装日期'),
  col('maintainer', false, ['维保公司', 'maintainer'], '最多 100 个字'),
  col('maintainerPhone', false, ['维保联系电话', 'maintainerphone'], '例如 0571-88886666、400-800-1234 或手机号'),
  col('status', false, ['status'], `${labelsOf(ASSET_STATUS_LABELS, WORKING)}，默认在用`),
  col('notes', false, ['notes'], '最多 1000 个字'),
];

/** The import template: the header row, and a sheet explaining every column. */
export function assetTemplate(): Promise<Buffer> {
  return writeWorkbook([
    { name: '设施设备', headers: ASSET_IMPORT_COLUMNS.map((c) => c.header), rows: [] },
    { name: '填写说明', headers: ['列', '必填', '说明'], rows: ASSET_IMPORT_COLUMNS.map((c) => [c.header, c.required ? '是' : '否', c.hint]), widths: [14, 8, 70] },
  ]);
}

/** A value of a labelled enum from its code or its Chinese or English name, case-insensitive. */
function parseLabel<K extends string>(labels: Readonly<Record<K, Readonly<Record<'zh-CN' | 'en-US', string>>>>, text: string): K | undefined {
  const t = text.trim().toLowerCase();
  return (Object.keys(labels) as K[]).find((k) => k === t || labels[k]['zh-CN'] === text.trim() || labels[k]['en-US'].toLowerCase() === t);
}

function category(r: RowReader<Key>): AssetCategory | undefined {
  const v = r.raw('category');
  if (!v) return r.fail('category', { key: 'field.required' });
  return parseLabel(ASSET_CATEGORY_LABELS, v) ?? r.fail('category', { key: 'field.unknownValue', params: { value: v, allowed: labelsOf(ASSET_CATEGORY_LABELS, ASSET_CATEGORIES) } });
}

function status(r: RowReader<Key>): Exclude<AssetStatus, 'retired'> | undefined {
  const v = r.raw('status');
  if (!v) return 'in_use';
  const s = parseLabel(ASSET_STATUS_LABELS, v);
  if (s === 'retired') return r.fail('status', { key: 'assets.retiredInImport' });
  return s ?? r.fail('status', { key: 'field.unknownValue', params: { value: v, allowed: labelsOf(ASSET_STATUS_LABELS, WORKING) } });
}

type Planned = Omit<typeof assets.$inferInsert, 'code'> & { code: string | null };

/** Validates every row against the community's buildings and codes; the rows to write when there is no problem. */
async function plan(db: DbOrTx, community: Community, sheet: Sheet) {
  const { problems, readers } = readRows(sheet, ASSET_IMPORT_COLUMNS);
  const buildings = new Map((await buildingsOfCommunity(db, community.id)).filter((b) => !b.archived).map((b) => [b.name, b.id]));
  const fileCodes = readers.map((r) => r.raw('code')).filter(Boolean);
  const taken = await takenCodes(db, community.id, fileCodes);
  const seen = new Map<string, number>();
  const values: Planned[] = [];
  for (const r of readers) {
    let code = r.text('code', { max: 30 });
    if (code !== undefined) {
      const first = seen.get(code);
      if (!assetCodeSchema.safeParse(code).success) code = r.fail('code', { key: 'field.assetCode' });
      else if (first !== undefined) r.fail('code', { key: 'field.duplicateRow', params: { row: first } });
      else if (taken.has(code)) r.fail('code', { key: 'field.taken' });
      else seen.set(code, r.row.row);
    }
    const name = r.text('name', { required: true, max: 100 });
    const cat = category(r);
    const buildingName = r.raw('building');
    const buildingId = buildingName ? (buildings.get(buildingName) ?? r.fail('building', { key: 'field.buildingUnknown', params: { name: buildingName } })) : null;
    const place = r.text('place', { max: 200 });
    const brand = r.text('brand', { max: 100 });
    const model = r.text('model', { max: 100 });
    const serialNumber = r.text('serialNumber', { max: 100 });
    const installedOn = r.date('installedOn');
    const warrantyUntil = r.date('warrantyUntil');
    if (installedOn && warrantyUntil && warrantyUntil < installedOn) r.fail('warrantyUntil', { key: 'assets.warrantyBeforeInstall' });
    const maintainer = r.text('maintainer', { max: 100 });
    const phoneText = r.raw('maintainerPhone');
    const maintainerPhone = phoneText ? (hotlineSchema.safeParse(phoneText).data ?? r.fail('maintainerPhone', { key: 'field.hotline' })) : null;
    const st = status(r);
    const notes = r.text('notes', { max: 1000 });
    if (problems.some((p) => p.row === r.row.row) || name === undefined || cat === undefined || st === undefined || buildingId === undefined || maintainerPhone === undefined) continue;
    values.push({
      organizationId: community.organizationId,
      communityId: community.id,
      code: code ?? null,
      name,
      category: cat,
      buildingId,
      place: place ?? null,
      brand: brand ?? null,
      model: model ?? null,
      serialNumber: serialNumber ?? null,
      installedOn: installedOn ?? null,
      warrantyUntil: warrantyUntil ?? null,
      maintainer: maintainer ?? null,
      maintainerPhone,
      status: st,
      notes: notes ?? null,
    });
  }
  // Problems read left to right within a row, as the user scans the sheet.
  const position = (column: string) => sheet.headers.indexOf(column);
  problems.sort((a, b) => a.row - b.row || position(a.column) - position(b.column));
  return { problems, values, codes: new Set(seen.keys()) };
}

export interface AssetImportOutcome {
  ok: boolean;
  rows: number;
  created: number;
  problems: ImportProblem[];
}

/**
 * Validates an uploaded register and, in commit mode, writes it: validated again inside the
 * transaction (the register may have changed since the dry run), nothing written when any row
 * has a problem, blank codes numbered SB-0001 … past every code in use or in the file.
 */
export async function importAssets(db: Db, ctx: RequestContext, community: Community, sheet: Sheet, mode: 'dry-run' | 'commit', fileName: string): Promise<AssetImportOutcome> {
  if (mode === 'dry-run') {
    const p = await plan(db, community, sheet);
    return { ok: p.problems.length === 0, rows: sheet.rows.length, created: 0, problems: p.problems };
  }
  return inTransaction(db, async (tx) => {
    const p = await plan(tx, community, sheet);
    if (p.problems.length) return { ok: false, rows: sheet.rows.length, created: 0, problems: p.problems };
    const rows: (typeof assets.$inferInsert)[] = [];
    for (const v of p.values) rows.push({ ...v, code: v.code ?? (await nextAssetCode(tx, community, p.codes)) });
    await withUniqueFields(() => bulkInsert(tx, assets, rows), CODE_CONSTRAINT);
    await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'asset', entityId: null, action: 'import', after: { communityId: community.id, rows: sheet.rows.length, created: rows.length, fileName } });
    return { ok: true, rows: sheet.rows.length, created: rows.length, problems: [] };
  });
}
