import { boolean, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The quality settings of a community (one row once a manager saved them; none means the
 * defaults): whether its monthly score and the rectifications done are published to owners.
 */
export const qualityCommunitySettings = pgTable('quality_community_settings', {
  communityId: uuid('community_id').primaryKey(),
  organizationId: uuid('organization_id').notNull(),
  publishToOwners: boolean('publish_to_owners').notNull().default(false),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
