import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Shared columns: every tenant-owned row carries organization_id (sharding key) and soft-delete.
const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
};

/** A property company (物业服务企业): the tenant. */
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** Days after a visitor pass or goods slip ended before its personal data is erased (PIPL). */
  visitorRetentionDays: integer('visitor_retention_days').notNull().default(180),
  /** Upload storage quota in bytes; null uses the server's default (WUYE_STORAGE_QUOTA_GB). */
  storageQuotaBytes: bigint('storage_quota_bytes', { mode: 'number' }),
  ...timestamps,
});

/** Opening hours of the service desk, also the default business calendar of the community. */
export interface DeskHours {
  /** ISO weekday (1 = Monday) -> list of [start, end) local times 'HH:mm'. */
  weekly: Record<string, { start: string; end: string }[]>;
}

/** A community / project (项目/小区) managed under one service contract. */
export const communities = pgTable(
  'communities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    managedAreaM2: numeric('managed_area_m2', { precision: 12, scale: 2 }),
    /** Contracted service level 1..3 (一级/二级/三级). */
    serviceLevel: smallint('service_level').notNull().default(1),
    contractStart: date('contract_start'),
    contractEnd: date('contract_end'),
    deskHours: jsonb('desk_hours').$type<DeskHours>(),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    /** The service hotline owners call (shown in the owner portal with tap-to-call). */
    hotline: text('hotline'),
    ...timestamps,
  },
  (t) => [
    index('communities_org_idx').on(t.organizationId),
    uniqueIndex('communities_org_name_uq').on(t.organizationId, t.name).where(sql`${t.archivedAt} is null`),
  ],
);

export const BUILDING_PROPERTY_TYPES = ['high_rise', 'multi_storey', 'villa', 'shop'] as const;

/** A building (楼栋). */
export const buildings = pgTable(
  'buildings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    name: text('name').notNull(),
    floors: integer('floors').notNull(),
    unitsPerFloor: integer('units_per_floor').notNull(),
    /** High-rise, multi-storey, villa or shop: property fees are priced per type. Null until set. */
    propertyType: text('property_type', { enum: BUILDING_PROPERTY_TYPES }),
    ...timestamps,
  },
  (t) => [
    index('buildings_community_idx').on(t.communityId),
    uniqueIndex('buildings_community_name_uq').on(t.communityId, t.name).where(sql`${t.archivedAt} is null`),
  ],
);

export const UNIT_USES = ['residential', 'commercial', 'parking', 'storage'] as const;
export const UNIT_STATUSES = ['occupied', 'vacant', 'decorating'] as const;

/** A unit (房屋) in a building. */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    buildingId: uuid('building_id').notNull().references(() => buildings.id),
    floor: integer('floor').notNull(),
    number: text('number').notNull(),
    areaM2: numeric('area_m2', { precision: 10, scale: 2 }),
    use: text('use', { enum: UNIT_USES }).notNull().default('residential'),
    status: text('status', { enum: UNIT_STATUSES }).notNull().default('vacant'),
    ...timestamps,
  },
  (t) => [
    index('units_community_idx').on(t.communityId),
    index('units_number_idx').on(t.organizationId, t.number),
    // Desk search types the first digits of a unit number: prefix LIKE needs pattern ops under any collation.
    index('units_org_number_prefix_idx').on(t.organizationId, t.number.op('text_pattern_ops')),
    index('units_building_floor_idx').on(t.buildingId, t.floor),
    uniqueIndex('units_building_number_uq').on(t.buildingId, t.number).where(sql`${t.archivedAt} is null`),
  ],
);

export const RESIDENT_RELATIONS = ['owner', 'family', 'tenant'] as const;

/** A person living in or owning units (业主/家庭成员/租户). */
export const residents = pgTable(
  'residents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    idType: text('id_type'),
    idNumber: text('id_number'),
    plates: text('plates').array().notNull().default(sql`'{}'::text[]`),
    /** When an admin erased the person's data: name replaced, phone, ID and plates cleared, archived. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('residents_org_phone_uq').on(t.organizationId, t.phone).where(sql`${t.archivedAt} is null`),
    index('residents_org_name_idx').on(t.organizationId, t.name),
    // Desk search by the last four digits of a phone, by a phone prefix and by a name prefix.
    index('residents_org_phone_last4_idx').on(t.organizationId, sql`right(${t.phone}, 4)`),
    index('residents_org_phone_prefix_idx').on(t.organizationId, t.phone.op('text_pattern_ops')),
    index('residents_org_name_prefix_idx').on(t.organizationId, t.name.op('text_pattern_ops')),
  ],
);

/** The binding of a resident to a unit, with relation and dates; history is kept on move-out. */
export const residentUnits = pgTable(
  'resident_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    residentId: uuid('resident_id').notNull().references(() => residents.id),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    relation: text('relation', { enum: RESIDENT_RELATIONS }).notNull(),
    moveInOn: date('move_in_on'),
    moveOutOn: date('move_out_on'),
    /** Bindings requested by residents themselves wait for the desk's approval. */
    approved: boolean('approved').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('resident_units_resident_idx').on(t.residentId),
    index('resident_units_unit_idx').on(t.unitId),
    // A community's owners (bill runs, arrears, disclosure) without reading every binding of the company.
    index('resident_units_community_idx').on(t.communityId, t.relation),
  ],
);

export const STAFF_POSITIONS = [
  'project_manager',
  'service_desk',
  'dispatcher',
  'technician',
  'guard',
  'cleaner',
  'greening',
  'quality_inspector',
] as const;

export const STAFF_SKILLS = ['plumbing', 'electrical', 'lift', 'locks', 'carpentry', 'hvac', 'general'] as const;

/** A staff member (员工) of the company; may serve several communities. */
export const staff = pgTable(
  'staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    position: text('position', { enum: STAFF_POSITIONS }).notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    communityIds: uuid('community_ids').array().notNull().default(sql`'{}'::uuid[]`),
    hireDate: date('hire_date'),
    onDuty: boolean('on_duty').notNull().default(true),
    trainingStartedOn: date('training_started_on'),
    /** Set when 30 days of pre-job training are recorded as completed; until then no solo work. */
    trainingCompletedOn: date('training_completed_on'),
    ...timestamps,
  },
  (t) => [
    index('staff_org_idx').on(t.organizationId),
    index('staff_communities_idx').using('gin', t.communityIds),
    uniqueIndex('staff_org_phone_uq').on(t.organizationId, t.phone).where(sql`${t.archivedAt} is null`),
  ],
);
