import { z } from 'zod';

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
export const SKILL_VALUES = ['plumbing', 'electrical', 'lift', 'locks', 'carpentry', 'hvac', 'general'] as const;

/** Days of recorded pre-job training before a new hire may work alone. */
export const PRE_JOB_TRAINING_DAYS = 30;

export const communityInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(300).default(''),
  managedAreaM2: z.number().positive().max(100_000_000).nullable().optional(),
  serviceLevel: serviceLevelSchema.default(1),
  contractStart: localDateSchema.nullable().optional(),
  contractEnd: localDateSchema.nullable().optional(),
  deskHours: deskHoursSchema.nullable().optional(),
  timeZone: z.string().max(64).default('Asia/Shanghai'),
});
export type CommunityInput = z.input<typeof communityInputSchema>;

export const buildingInputSchema = z.object({
  communityId: z.uuid(),
  name: z.string().trim().min(1).max(50),
  floors: z.number().int().min(1).max(200),
  unitsPerFloor: z.number().int().min(1).max(100),
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
