import { z } from 'zod';
import type { Locale } from './locale';
import { pageQuerySchema, pageSchema } from './api';
import { hotlineSchema, localDateSchema } from './registry';

/**
 * The facilities and equipment register (设施设备台账): every lift, pump, fire panel, barrier gate
 * and camera of a community, with where it is, who maintains it and whether it runs. An asset is
 * data of its own module, not a kind of work: planned maintenance will hang plans off it through
 * the kernel's plan generator. Shared by server and console.
 */

export const ASSET_CATEGORIES = ['lift', 'access_control', 'lighting', 'fire_system', 'water_pump', 'cctv', 'power_distribution', 'hvac', 'barrier_gate', 'other'] as const;
export const assetCategorySchema = z.enum(ASSET_CATEGORIES);
export type AssetCategory = z.infer<typeof assetCategorySchema>;

/** in use (在用), stopped (停用), under repair (维修中), retired (报废; only through the retire action). */
export const ASSET_STATUSES = ['in_use', 'stopped', 'under_repair', 'retired'] as const;
export const assetStatusSchema = z.enum(ASSET_STATUSES);
export type AssetStatus = z.infer<typeof assetStatusSchema>;
/** Statuses a form or an import may set; `retired` is the retire action's. */
export const ASSET_WORKING_STATUSES = ['in_use', 'stopped', 'under_repair'] as const;
export const assetWorkingStatusSchema = z.enum(ASSET_WORKING_STATUSES);

type Labels<K extends string> = Readonly<Record<K, Readonly<Record<Locale, string>>>>;

/** Category names in both languages (console, exports, import, labels). */
export const ASSET_CATEGORY_LABELS: Labels<AssetCategory> = {
  lift: { 'zh-CN': '电梯', 'en-US': 'Lift' },
  access_control: { 'zh-CN': '门禁', 'en-US': 'Access control' },
  lighting: { 'zh-CN': '照明', 'en-US': 'Lighting' },
  fire_system: { 'zh-CN': '消防系统', 'en-US': 'Fire system' },
  water_pump: { 'zh-CN': '水泵', 'en-US': 'Water pump' },
  cctv: { 'zh-CN': '监控', 'en-US': 'CCTV' },
  power_distribution: { 'zh-CN': '配电', 'en-US': 'Power distribution' },
  hvac: { 'zh-CN': '暖通空调', 'en-US': 'HVAC' },
  barrier_gate: { 'zh-CN': '道闸', 'en-US': 'Barrier gate' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

export const ASSET_STATUS_LABELS: Labels<AssetStatus> = {
  in_use: { 'zh-CN': '在用', 'en-US': 'In use' },
  stopped: { 'zh-CN': '停用', 'en-US': 'Stopped' },
  under_repair: { 'zh-CN': '维修中', 'en-US': 'Under repair' },
  retired: { 'zh-CN': '报废', 'en-US': 'Retired' },
};

/** Prefix of generated codes: SB-0001, SB-0002 … per community (设备). */
export const ASSET_CODE_PREFIX = 'SB';
/** Most labels one sheet prints. */
export const ASSET_LABELS_MAX = 600;
/** Most rows one export holds. */
export const ASSET_EXPORT_MAX = 20_000;

const text = (max: number) => z.string().trim().min(1).max(max);
/** An optional text: absent or null when empty (the console sends null for an emptied field). */
const optionalText = (max: number) => text(max).nullable().optional();

/** An asset code as printed on its label: letters, digits and - _ . / (e.g. SB-0001, DT-3-01). */
export const assetCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_\-./]*$/, { message: 'field.assetCode' })
  .meta({ description: 'Code unique within the community; generated as SB-0001 … when not given', example: 'SB-0001' });

const assetFields = {
  code: assetCodeSchema.nullable().optional(),
  name: text(100).meta({ description: 'Name, e.g. 3栋1号客梯', example: '3栋1号客梯' }),
  category: assetCategorySchema,
  buildingId: z.uuid().nullable().optional().meta({ description: 'Building of the community the asset stands in (none for site-wide equipment)' }),
  place: optionalText(200).meta({ description: 'Where it is, in words: 地下一层水泵房, 南门岗亭 …' }),
  brand: optionalText(100),
  model: optionalText(100),
  serialNumber: optionalText(100).meta({ description: 'Manufacturer serial number (出厂编号)' }),
  installedOn: localDateSchema.nullable().optional(),
  warrantyUntil: localDateSchema.nullable().optional().meta({ description: 'Last day of the warranty; not before the install date' }),
  maintainer: optionalText(100).meta({ description: 'Maintenance company (维保单位)' }),
  maintainerPhone: hotlineSchema.nullable().optional().meta({ description: "The maintenance company's phone, tap-to-call on the asset page" }),
  status: assetWorkingStatusSchema.default('in_use'),
  notes: optionalText(1000),
};

export const assetInputSchema = z.object({ communityId: z.uuid(), ...assetFields });
export type AssetInput = z.input<typeof assetInputSchema>;

/** PATCH: a field not sent keeps its value; `null` clears an optional one. The community does not change. */
export const assetUpdateSchema = z.object({
  code: assetCodeSchema.optional(),
  name: assetFields.name.optional(),
  category: assetCategorySchema.optional(),
  buildingId: assetFields.buildingId,
  place: assetFields.place,
  brand: assetFields.brand,
  model: assetFields.model,
  serialNumber: assetFields.serialNumber,
  installedOn: assetFields.installedOn,
  warrantyUntil: assetFields.warrantyUntil,
  maintainer: assetFields.maintainer,
  maintainerPhone: assetFields.maintainerPhone,
  status: assetWorkingStatusSchema.optional(),
  notes: assetFields.notes,
});
export type AssetUpdate = z.input<typeof assetUpdateSchema>;

export const assetRetireSchema = z.object({
  reason: text(500).meta({ description: 'Why it is retired (报废原因), e.g. 使用年限已到，已拆除更换' }),
});

export const assetQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid().optional(),
  q: z.string().trim().max(100).optional().meta({ description: 'Part of the code, name or place' }),
  category: assetCategorySchema.optional(),
  status: assetStatusSchema.optional().meta({ description: 'Without it: every asset not retired' }),
  buildingId: z.uuid().optional(),
  format: z.enum(['json', 'xlsx']).default('json').meta({ description: `xlsx: the whole filtered list as an Excel file (at most ${ASSET_EXPORT_MAX} rows)` }),
});

export const ASSET_ACTIONS = ['edit', 'retire'] as const;
export const ASSET_LIST_ACTIONS = ['create', 'import'] as const;

export const assetSchema = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    communityName: z.string(),
    code: z.string(),
    name: z.string(),
    category: assetCategorySchema,
    buildingId: z.uuid().nullable(),
    buildingName: z.string().nullable(),
    place: z.string().nullable(),
    brand: z.string().nullable(),
    model: z.string().nullable(),
    serialNumber: z.string().nullable(),
    installedOn: z.string().nullable(),
    warrantyUntil: z.string().nullable(),
    maintainer: z.string().nullable(),
    maintainerPhone: z.string().nullable(),
    status: assetStatusSchema,
    notes: z.string().nullable(),
    retiredAt: z.string().nullable(),
    retiredReason: z.string().nullable(),
    updatedAt: z.string(),
    allowedActions: z.array(z.enum(ASSET_ACTIONS)),
  })
  .meta({ id: 'Asset' });
export type Asset = z.infer<typeof assetSchema>;

export const assetPageSchema = pageSchema(assetSchema)
  .extend({ allowedActions: z.array(z.enum(ASSET_LIST_ACTIONS)).meta({ description: 'create and import: the caller manages at least one community (or the filtered one)' }) })
  .meta({ id: 'AssetPage' });

/** The register's page in the console; not /assets, where the built web app's files are served. */
export const ASSET_CONSOLE_PATH = '/facilities';
/** Where a printed label's QR code leads: the asset's page in the console. */
export const assetPagePath = (id: string) => `${ASSET_CONSOLE_PATH}/${id}`;

/** The columns of the import template and of the export, in order (export adds 项目 in front). */
export const ASSET_COLUMNS = {
  code: '编号',
  name: '名称',
  category: '类别',
  building: '楼栋',
  place: '位置',
  brand: '品牌',
  model: '型号',
  serialNumber: '出厂编号',
  installedOn: '安装日期',
  warrantyUntil: '保修截止',
  maintainer: '维保单位',
  maintainerPhone: '维保电话',
  status: '状态',
  notes: '备注',
} as const;
