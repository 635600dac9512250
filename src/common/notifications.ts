// The notifications contract: the staff inbox in the console and the owner's inbox in the portal read the same API.
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './api';

export const notificationQuerySchema = pageQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .meta({ description: 'Only unread (true) or only read (false) notifications' }),
});

export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string().meta({ description: 'assigned, due_soon, breached, owner_replied, escalated ...' }),
    message: z.string().meta({ description: "Rendered in the reader's language" }),
    entityType: z.string().nullable(),
    entityId: z.uuid().nullable(),
    communityId: z.uuid().nullable(),
    read: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Notification' });

export const notificationPageSchema = pageSchema(notificationSchema).extend({ unreadCount: z.number().int() });

/** One notification of the signed-in person; `message` is already in their language. */
export type InboxNotification = z.infer<typeof notificationSchema>;
export type InboxPage = z.infer<typeof notificationPageSchema>;
