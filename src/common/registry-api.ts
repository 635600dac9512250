import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './api';
import {
  archivedFilterSchema,
  deskHoursSchema,
  ID_TYPE_VALUES,
  IMPORT_KINDS,
  POSITION_VALUES,
  RELATION_VALUES,
  SKILL_VALUES,
  UNIT_STATUS_VALUES,
  UNIT_USE_VALUES,
} from './registry';

// The registry's request and response contracts (communities, buildings, units, residents, staff,
// imports), shared by the server's routes and the console: the web never imports the server.

// The actions of each registry resource; the server's policies (registry/policy.ts) are typed by
// these lists, so a rule without a listed action (or the reverse) does not compile.
export const COMMUNITIES_ACTIONS = ['list', 'create', 'export'] as const;
export const COMMUNITY_ACTIONS = ['read', 'update', 'archive'] as const;
export const BUILDINGS_ACTIONS = ['list', 'create', 'import', 'export'] as const;
export const BUILDING_ACTIONS = ['read', 'update', 'archive'] as const;
export const UNITS_ACTIONS = ['list', 'create', 'import', 'export'] as const;
export const UNIT_ACTIONS = ['read', 'update', 'archive'] as const;
export const RESIDENTS_ACTIONS = ['list', 'create', 'import', 'export'] as const;
export const RESIDENT_ACTIONS = ['read', 'update', 'archive', 'reveal', 'erase'] as const;
export const STAFF_LIST_ACTIONS = ['list', 'create', 'export'] as const;
export const STAFF_ACTIONS = ['read', 'update', 'archive', 'completeTraining'] as const;

/** `allowedActions` of a resource as a zod enum array, so OpenAPI lists the possible actions. */
function actionsOf<const A extends readonly [string, ...string[]]>(actions: A) {
  return z.array(z.enum(actions)).meta({ description: 'Actions the caller may take; the UI shows buttons from this list' });
}

const id = z.uuid();
const date = z.string().meta({ description: 'Local date YYYY-MM-DD' });
const instant = z.iso.datetime();
const lifecycle = {
  createdAt: instant,
  updatedAt: instant,
  archivedAt: instant.nullable().meta({ description: 'Set when archived; archived records stay readable' }),
};
const textQuery = z.string().trim().max(50).optional();
const boolQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
/** A list page plus the collection actions the caller may take (create, import, export). */
const listOf = <T extends z.ZodType, const A extends readonly [string, ...string[]]>(item: T, actions: A, name: string) =>
  pageSchema(item).extend({ allowedActions: actionsOf(actions) }).meta({ id: `${name}Page`, description: `A page of ${name} records` });

export const idParamsSchema = z.object({ id: z.uuid() });
const named = z.object({ id, name: z.string() });

// ---- communities ----
export const communityQuerySchema = pageQuerySchema.extend({
  q: textQuery.meta({ description: 'Part of the name or address' }),
  archived: archivedFilterSchema,
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt']).default('name'),
});
export type CommunityQuery = z.infer<typeof communityQuerySchema>;

export const communitySchema = z
  .object({
    id,
    name: z.string(),
    address: z.string(),
    managedAreaM2: z.number().nullable(),
    serviceLevel: z.number().int().meta({ description: '1 一级, 2 二级, 3 三级' }),
    contractStart: date.nullable(),
    contractEnd: date.nullable(),
    deskHours: deskHoursSchema.nullable(),
    timeZone: z.string(),
    hotline: z.string().nullable().meta({ description: 'Service hotline (服务热线) owners call; null when not set' }),
    buildingCount: z.number().int(),
    unitCount: z.number().int(),
    ...lifecycle,
    allowedActions: actionsOf(COMMUNITY_ACTIONS),
  })
  .meta({ id: 'Community', description: 'A community / project (项目/小区) under one service contract' });
export const communityPageSchema = listOf(communitySchema, COMMUNITIES_ACTIONS, 'Community');

// ---- buildings ----
export const buildingQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid().optional(),
  q: textQuery.meta({ description: 'Part of the building name' }),
  archived: archivedFilterSchema,
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt']).default('name'),
});
export type BuildingQuery = z.infer<typeof buildingQuerySchema>;

export const buildingSchema = z
  .object({
    id,
    community: named,
    name: z.string(),
    floors: z.number().int(),
    unitsPerFloor: z.number().int(),
    propertyType: z.enum(['high_rise', 'multi_storey', 'villa', 'shop']).nullable(),
    unitCount: z.number().int(),
    ...lifecycle,
    allowedActions: actionsOf(BUILDING_ACTIONS),
  })
  .meta({ id: 'Building', description: 'A building (楼栋)' });
export const buildingPageSchema = listOf(buildingSchema, BUILDINGS_ACTIONS, 'Building');

export const gridUnitSchema = z.object({
  id,
  number: z.string(),
  status: z.enum(UNIT_STATUS_VALUES),
  use: z.enum(UNIT_USE_VALUES),
  areaM2: z.number().nullable(),
  residentCount: z.number().int(),
});
export const buildingGridSchema = z
  .object({
    building: z.object({ id, name: z.string(), floors: z.number().int(), unitsPerFloor: z.number().int(), community: named }),
    floors: z
      .array(z.object({ floor: z.number().int(), units: z.array(gridUnitSchema) }))
      .meta({ description: 'Highest floor first; units ordered by number' }),
    counts: z.record(z.enum(UNIT_STATUS_VALUES), z.number().int()).meta({ description: 'Units per status' }),
  })
  .meta({ id: 'BuildingGrid', description: 'Floor × unit grid of a building with unit statuses' });

// ---- units ----
export const unitQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid().optional(),
  buildingId: z.uuid().optional(),
  floor: z.coerce.number().int().min(-10).max(200).optional(),
  status: z.enum(UNIT_STATUS_VALUES).optional(),
  use: z.enum(UNIT_USE_VALUES).optional(),
  q: textQuery.meta({
    description: 'Unit number prefix (`12`, `1202`, `3栋1202`), resident phone (full or last 4) or resident name prefix',
  }),
  archived: archivedFilterSchema,
  sort: z.enum(['building', 'number', '-number', 'floor', '-floor', 'area', '-area', 'createdAt', '-createdAt']).default('building'),
});
export type UnitQuery = z.infer<typeof unitQuerySchema>;

export const unitSchema = z
  .object({
    id,
    community: named,
    building: named,
    floor: z.number().int(),
    number: z.string(),
    label: z.string().meta({ description: 'Building and number, e.g. 3栋 1202' }),
    areaM2: z.number().nullable(),
    use: z.enum(UNIT_USE_VALUES),
    status: z.enum(UNIT_STATUS_VALUES),
    residentCount: z.number().int().meta({ description: 'Residents currently bound to the unit' }),
    ...lifecycle,
    allowedActions: actionsOf(UNIT_ACTIONS),
  })
  .meta({ id: 'Unit', description: 'A unit (房屋)' });
export const unitPageSchema = listOf(unitSchema, UNITS_ACTIONS, 'Unit');

export const unitResidentSchema = z.object({
  id,
  name: z.string(),
  phone: z.string().meta({ description: 'Masked, e.g. 138****1234' }),
  relation: z.enum(RELATION_VALUES),
  moveInOn: date.nullable(),
});
export const unitDetailSchema = unitSchema
  .extend({ residents: z.array(unitResidentSchema).meta({ description: 'Current residents, personal data masked' }) })
  .meta({ id: 'UnitDetail', description: 'A unit with its building, community and current residents' });

// ---- residents ----
export const residentQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid().optional(),
  buildingId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  relation: z.enum(RELATION_VALUES).optional(),
  q: textQuery.meta({ description: 'Name (part), phone (full, prefix or last 4) or unit number' }),
  archived: archivedFilterSchema,
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt']).default('name'),
});
export type ResidentQuery = z.infer<typeof residentQuerySchema>;

export const residentBindingOutSchema = z.object({
  id,
  unit: z.object({ id, label: z.string(), buildingId: id, communityId: id, communityName: z.string() }),
  relation: z.enum(RELATION_VALUES),
  moveInOn: date.nullable(),
  moveOutOn: date.nullable().meta({ description: 'Set when the binding ended; kept as history' }),
});
export const residentSchema = z
  .object({
    id,
    name: z.string(),
    phone: z.string().meta({ description: 'Masked, e.g. 138****1234; use the reveal action for the full value' }),
    idType: z.enum(ID_TYPE_VALUES).nullable(),
    idNumber: z.string().nullable().meta({ description: 'Masked; use the reveal action for the full value' }),
    plates: z.array(z.string()),
    units: z.array(residentBindingOutSchema),
    ...lifecycle,
    allowedActions: actionsOf(RESIDENT_ACTIONS),
  })
  .meta({ id: 'Resident', description: 'An owner, family member or tenant (业主/家庭成员/租户)' });
export const residentPageSchema = listOf(residentSchema, RESIDENTS_ACTIONS, 'Resident');
export const revealResultSchema = z
  .object({ field: z.enum(['phone', 'idNumber']), value: z.string().nullable() })
  .meta({ id: 'RevealResult', description: 'The full value of one personal field; the reveal is audited' });

// ---- staff ----
export const staffQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid().optional(),
  position: z.enum(POSITION_VALUES).optional(),
  skill: z.enum(SKILL_VALUES).optional(),
  onDuty: boolQuery,
  cleared: boolQuery.meta({ description: 'Filter by clearance for solo work' }),
  q: textQuery.meta({ description: 'Name (part) or phone (full, prefix or last 4)' }),
  archived: archivedFilterSchema,
  sort: z.enum(['name', '-name', 'hireDate', '-hireDate', 'createdAt', '-createdAt']).default('name'),
});
export type StaffQuery = z.infer<typeof staffQuerySchema>;

export const staffSchema = z
  .object({
    id,
    name: z.string(),
    phone: z.string(),
    position: z.enum(POSITION_VALUES),
    skills: z.array(z.enum(SKILL_VALUES)),
    communities: z.array(named).meta({ description: 'Communities served (those visible to the caller)' }),
    hireDate: date.nullable(),
    onDuty: z.boolean(),
    trainingStartedOn: date.nullable(),
    trainingCompletedOn: date.nullable(),
    clearedForSoloWork: z.boolean().meta({ description: 'True once at least 30 days of pre-job training are recorded as completed' }),
    trainingCompletableOn: date.nullable().meta({ description: 'Earliest day the training may be recorded as completed' }),
    ...lifecycle,
    allowedActions: actionsOf(STAFF_ACTIONS),
  })
  .meta({ id: 'Staff', description: 'A staff member (员工) with pre-job training status' });
export const staffPageSchema = listOf(staffSchema, STAFF_LIST_ACTIONS, 'Staff');

// ---- import ----
export const importKindParamsSchema = z.object({ kind: z.enum(IMPORT_KINDS) });
export const importQuerySchema = z.object({
  communityId: z.uuid().meta({ description: 'Community the rows belong to' }),
  mode: z.enum(['dry-run', 'commit']).default('dry-run').meta({ description: 'dry-run validates only; commit writes all rows or none' }),
});
export const importProblemSchema = z.object({
  row: z.number().int().meta({ description: 'Row number as shown in Excel (header = row 1)' }),
  column: z.string().meta({ description: 'Column header, or empty for the whole row/file' }),
  message: z.string(),
});
export const importResultSchema = z
  .object({
    ok: z.boolean(),
    mode: z.enum(['dry-run', 'commit']),
    rows: z.number().int().meta({ description: 'Data rows read from the file' }),
    created: z.number().int().meta({ description: 'Records written (0 on a dry run or on any error)' }),
    errors: z.array(importProblemSchema),
  })
  .meta({ id: 'ImportResult', description: 'Outcome of an import: every problem by row and column' });
export type ImportResult = z.infer<typeof importResultSchema>;
