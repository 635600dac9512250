import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../../common/api';

export const auditQuerySchema = pageQuerySchema.extend({
  entityType: z.string().max(50).optional().meta({ description: 'e.g. user, community, unit, work_order' }),
  entityId: z.string().max(100).optional(),
  action: z.string().max(50).optional().meta({ description: 'e.g. create, update, archive, login, reveal' }),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Inclusive lower bound (ISO 8601)' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Exclusive upper bound (ISO 8601)' }),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actor: z.object({ id: z.uuid().nullable(), displayName: z.string() }).nullable(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    action: z.string(),
    summary: z.object({
      before: z.record(z.string(), z.unknown()).optional(),
      after: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = pageSchema(auditEntrySchema);
