import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * An uploaded file (photo, PDF or drawn signature), stored on disk under the organization's
 * folder. It belongs to its uploader until a step links it to a subject (attachment_links).
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    uploaderUserId: uuid('uploader_user_id').notNull(),
    kind: text('kind').$type<'photo' | 'document' | 'signature'>().notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    /** Relative to the uploads directory. */
    storagePath: text('storage_path').notNull(),
    thumbnailPath: text('thumbnail_path'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_uploader_idx').on(t.uploaderUserId)],
);
