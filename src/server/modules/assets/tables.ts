import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AssetCategory, AssetStatus } from '../../../common/assets';

/**
 * The facilities and equipment register (设施设备台账): one row per asset of a community. The
 * building is the registry's (checked through its index, no foreign key across modules); a
 * retired asset keeps its row, its code and its history.
 */
export const assets = pgTable(
  'assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: text('category').$type<AssetCategory>().notNull(),
    buildingId: uuid('building_id'),
    place: text('place'),
    brand: text('brand'),
    model: text('model'),
    serialNumber: text('serial_number'),
    installedOn: date('installed_on'),
    warrantyUntil: date('warranty_until'),
    maintainer: text('maintainer'),
    maintainerPhone: text('maintainer_phone'),
    status: text('status').$type<AssetStatus>().notNull(),
    notes: text('notes'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    retiredReason: text('retired_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assets_community_code_uq').on(t.communityId, t.code),
    index('assets_community_status_idx').on(t.organizationId, t.communityId, t.status),
    index('assets_building_idx').on(t.buildingId),
  ],
);
