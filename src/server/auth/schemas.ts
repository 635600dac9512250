import { z } from 'zod';
import { localeSchema } from '../../common/locale';
import { roleSchema } from '../../common/roles';

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(100).meta({ description: 'Login name, case-insensitive' }),
  password: z.string().min(1).max(200),
});

export const meSchema = z
  .object({
    user: z.object({
      id: z.uuid(),
      username: z.string(),
      displayName: z.string(),
      locale: localeSchema,
      staffId: z.uuid().nullable().meta({ description: 'The staff record of a staff account (e.g. to find "my" work orders)' }),
    }),
    roles: z.array(roleSchema),
    mustChangePassword: z.boolean().meta({ description: 'An admin reset the password: only the change-password form works until it is changed' }),
    organization: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    communities: z
      .array(z.object({ id: z.uuid(), name: z.string() }))
      .meta({ description: 'Communities the user serves or lives in' }),
    csrfToken: z.string().meta({ description: 'Send as the X-CSRF-Token header on every non-GET request' }),
  })
  .meta({ id: 'Me' });

export const localeBodySchema = z.object({ locale: localeSchema });
