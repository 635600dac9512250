import { z } from 'zod';
import { patchOf } from './api';

/** Mainland mobile number: 11 digits starting with 1. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, { message: 'field.phone' })
  .meta({ description: 'Mainland China mobile number, 11 digits', example: '13800138000' });

export const localDateSchema = z.iso.date().meta({ description: 'Local date YYYY-MM-DD' });
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).meta({ description: 'HH:mm' });

export const SERVICE_LEVELS = [1, 2, 3] as const;
export const serviceLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]).meta({
  description: 'Contracted service level: 1 一级 basic, 2 二级 adds value, 3 三级 adds personal services',
});

export const deskHoursSchema = z.object({
  weekly: z
    .partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(z.object({ start: timeOfDaySchema, end: timeOfDaySchema })))
    .meta({ description: 'ISO weekday (1 = Monday) -> opening intervals [start, end)' }),
});

export const UNIT_USE_VALUES = ['residential', 'commercial', 'parking', 'storage'] as const;
export const UNIT_STATUS_VALUES = ['occupied', 'vacant', 'decorating'] as const;
export const RELATION_VALUES = ['owner', 'family', 'tenant'] as const;
export const POSITION_VALUES = [
  'project_manager',
  'service_desk',
  'dispatcher',
  'technician',
  'guard',
  'cleaner',
  'greening',
  'quality_inspector',
] as const;
export const SKILL_VALUES = ['plumbing', 'electrical', 'lift', 'locks', 'carpentry', 'masonry', 'weak_current', 'gas', 'hvac', 'general'] as const;

/** Days of recorded pre-job training before a new hire may work alone. */
export const PRE_JOB_TRAINING_DAYS = 30;

/** An IANA time zone name such as Asia/Shanghai. */
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
export const timeZoneSchema = z.string().max(64).refine(isTimeZone, { message: 'field.timeZone' });

/**
 * A community's service hotline as owners dial it: a landline with its area code, a 400/800
 * number, a mobile or a short number; digits with optional spaces or dashes, a leading + allowed.
 */
export const hotlineSchema = z
  .string()
  .trim()
  .regex(/^\+?\d[\d -]{2,18}\d$/, { message: 'field.hotline' })
  .meta({ description: "The community's service hotline (服务热线), shown in the owner portal with tap-to-call", example: '0571-88886666' });

/** The `tel:` address of a hotline (digits and a leading +). */
export const telHref = (hotline: string) => `tel:${hotline.replace(/[^\d+]/g, '')}`;

export const communityInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(300).default(''),
  managedAreaM2: z.number().positive().max(100_000_000).nullable().optional(),
  serviceLevel: serviceLevelSchema.default(1),
  contractStart: localDateSchema.nullable().optional(),
  contractEnd: localDateSchema.nullable().optional(),
  deskHours: deskHoursSchema.nullable().optional(),
  timeZone: timeZoneSchema.default('Asia/Shanghai'),
  hotline: hotlineSchema.nullable().optional(),
});
export type CommunityInput = z.input<typeof communityInputSchema>;

export const buildingInputSchema = z.object({
  communityId: z.uuid(),
  name: z.string().trim().min(1).max(50),
  floors: z.number().int().min(1).max(200),
  unitsPerFloor: z.number().int().min(1).max(100),
  propertyType: z
    .enum(['high_rise', 'multi_storey', 'villa', 'shop'])
    .nullable()
    .optional()
    .meta({ description: 'High-rise (高层), multi-storey (多层), villa (别墅) or shop (商铺): property fees are priced per type' }),
});
export type BuildingInput = z.input<typeof buildingInputSchema>;

export const unitInputSchema = z.object({
  buildingId: z.uuid(),
  floor: z.number().int().min(-10).max(200),
  number: z.string().trim().min(1).max(20),
  areaM2: z.number().positive().max(100_000).nullable().optional(),
  use: z.enum(UNIT_USE_VALUES).default('residential'),
  status: z.enum(UNIT_STATUS_VALUES).default('vacant'),
});
export type UnitInput = z.input<typeof unitInputSchema>;

export const residentInputSchema = z.object({
  name: z.string().trim().min(1).max(50),
  phone: phoneSchema,
  idType: z.enum(['id_card', 'passport', 'other']).nullable().optional(),
  idNumber: z.string().trim().min(4).max(30).nullable().optional(),
  plates: z.array(z.string().trim().min(5).max(10)).max(10).default([]),
  units: z
    .array(
      z.object({
        unitId: z.uuid(),
        relation: z.enum(RELATION_VALUES),
        moveInOn: localDateSchema.nullable().optional(),
      }),
    )
    .max(20)
    .default([]),
});
export type ResidentInput = z.input<typeof residentInputSchema>;

export const staffInputSchema = z.object({
  name: z.string().trim().min(1).max(50),
  phone: phoneSchema,
  position: z.enum(POSITION_VALUES),
  skills: z.array(z.enum(SKILL_VALUES)).max(SKILL_VALUES.length).default([]),
  communityIds: z.array(z.uuid()).max(500).default([]),
  hireDate: localDateSchema.nullable().optional(),
  onDuty: z.boolean().default(true),
  trainingStartedOn: localDateSchema.nullable().optional(),
  trainingCompletedOn: localDateSchema.nullable().optional(),
});
export type StaffInput = z.input<typeof staffInputSchema>;

export const ID_TYPE_VALUES = ['id_card', 'passport', 'other'] as const;
export type UnitUse = (typeof UNIT_USE_VALUES)[number];
export type UnitStatus = (typeof UNIT_STATUS_VALUES)[number];
export type Relation = (typeof RELATION_VALUES)[number];
export type IdType = (typeof ID_TYPE_VALUES)[number];
export type Position = (typeof POSITION_VALUES)[number];
export type Skill = (typeof SKILL_VALUES)[number];

/** Display labels of the registry's enums; the Chinese labels are also accepted by the importer. */
export const ENUM_LABELS = {
  use: { residential: ['住宅', 'Residential'], commercial: ['商铺', 'Commercial'], parking: ['车位', 'Parking'], storage: ['储藏室', 'Storage'] },
  status: { occupied: ['已入住', 'Occupied'], vacant: ['空置', 'Vacant'], decorating: ['装修中', 'Decorating'] },
  relation: { owner: ['业主', 'Owner'], family: ['家庭成员', 'Family member'], tenant: ['租户', 'Tenant'] },
  idType: { id_card: ['身份证', 'ID card'], passport: ['护照', 'Passport'], other: ['其他', 'Other'] },
  position: {
    project_manager: ['项目经理', 'Project manager'],
    service_desk: ['客服前台', 'Service desk'],
    dispatcher: ['调度', 'Dispatcher'],
    technician: ['工程维修', 'Technician'],
    guard: ['秩序员', 'Guard'],
    cleaner: ['保洁', 'Cleaner'],
    greening: ['绿化', 'Greening'],
    quality_inspector: ['品质专员', 'Quality inspector'],
  },
  skill: {
    plumbing: ['水暖', 'Plumbing'],
    electrical: ['电工', 'Electrical'],
    lift: ['电梯', 'Lift'],
    locks: ['门锁', 'Locks'],
    carpentry: ['木工', 'Carpentry'],
    masonry: ['泥瓦', 'Masonry'],
    weak_current: ['弱电', 'Low voltage'],
    gas: ['燃气', 'Gas'],
    hvac: ['空调暖通', 'HVAC'],
    general: ['综合维修', 'General'],
  },
} as const satisfies Record<string, Record<string, readonly [string, string]>>;

/** Which rows a list shows: active (default), archived only, or both. */
export const archivedFilterSchema = z
  .enum(['active', 'archived', 'all'])
  .default('active')
  .meta({ description: 'active (default): not archived; archived: archived only; all: both' });

/** PATCH body of a community: any subset of the create fields, without defaults. */
export const communityUpdateSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  address: z.string().trim().max(300).optional(),
  managedAreaM2: z.number().positive().max(100_000_000).nullable().optional(),
  serviceLevel: serviceLevelSchema.optional(),
  contractStart: localDateSchema.nullable().optional(),
  contractEnd: localDateSchema.nullable().optional(),
  deskHours: deskHoursSchema.nullable().optional(),
  timeZone: timeZoneSchema.optional(),
  hotline: hotlineSchema.nullable().optional(),
});
export type CommunityUpdate = z.infer<typeof communityUpdateSchema>;

/** PATCH body of a building (it cannot move to another community). */
export const buildingUpdateSchema = patchOf(buildingInputSchema.omit({ communityId: true }));
export type BuildingUpdate = z.infer<typeof buildingUpdateSchema>;

/** PATCH body of a unit (it cannot move to another building). */
export const unitUpdateSchema = z.object({
  floor: z.number().int().min(-10).max(200).optional(),
  number: z.string().trim().min(1).max(20).optional(),
  areaM2: z.number().positive().max(100_000).nullable().optional(),
  use: z.enum(UNIT_USE_VALUES).optional(),
  status: z.enum(UNIT_STATUS_VALUES).optional(),
});
export type UnitUpdate = z.infer<typeof unitUpdateSchema>;

/** One current binding of a resident to a unit. */
export const residentBindingSchema = z.object({
  unitId: z.uuid(),
  relation: z.enum(RELATION_VALUES),
  moveInOn: localDateSchema.nullable().optional(),
});

/**
 * PATCH body of a resident. `units`, when given, is the complete list of current bindings:
 * bindings left out are ended (move-out today) and kept as history.
 */
export const residentUpdateSchema = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  phone: phoneSchema.optional(),
  idType: z.enum(ID_TYPE_VALUES).nullable().optional(),
  idNumber: z.string().trim().min(4).max(30).nullable().optional(),
  plates: z.array(z.string().trim().min(5).max(10)).max(10).optional(),
  units: z.array(residentBindingSchema).max(20).optional(),
});
export type ResidentUpdate = z.infer<typeof residentUpdateSchema>;

/** PATCH body of a staff member; training completion has its own action. */
export const staffUpdateSchema = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  phone: phoneSchema.optional(),
  position: z.enum(POSITION_VALUES).optional(),
  skills: z.array(z.enum(SKILL_VALUES)).max(SKILL_VALUES.length).optional(),
  communityIds: z.array(z.uuid()).max(500).optional(),
  hireDate: localDateSchema.nullable().optional(),
  onDuty: z.boolean().optional(),
  trainingStartedOn: localDateSchema.nullable().optional(),
});
export type StaffUpdate = z.infer<typeof staffUpdateSchema>;

/** Body of "record pre-job training as completed". */
export const completeTrainingSchema = z.object({
  completedOn: localDateSchema.meta({ description: 'Day the training was completed; at least 30 days after its start' }),
});

/** Body of a reveal request for a resident's personal data. */
export const revealSchema = z.object({
  field: z.enum(['phone', 'idNumber']),
  reason: z.string().trim().min(2).max(200).meta({ description: 'Why the full value is needed; kept in the audit log' }),
});

export const IMPORT_KINDS = ['buildings', 'units', 'residents'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** Most rows one import file may hold. */
export const IMPORT_MAX_ROWS = 50_000;

/** Adds days to a local date (YYYY-MM-DD), in UTC so time zones and DST never shift it. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Earliest day pre-job training that started on `startedOn` may be recorded as completed. */
export function earliestTrainingCompletion(startedOn: string): string {
  return addDays(startedOn, PRE_JOB_TRAINING_DAYS);
}

/** True when a staff member has completed at least PRE_JOB_TRAINING_DAYS of pre-job training. */
export function isClearedForSoloWork(trainingStartedOn: string | null, trainingCompletedOn: string | null): boolean {
  if (!trainingStartedOn || !trainingCompletedOn) return false;
  return trainingCompletedOn >= earliestTrainingCompletion(trainingStartedOn);
}
