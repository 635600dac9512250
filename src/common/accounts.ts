import { z } from 'zod';
import { NEW_PASSWORD_MIN_LENGTH } from './portal';
import { STAFF_ROLES } from './roles';

/**
 * Account contracts of the console: a person's own password change, and a company admin's view
 * of a staff member's sign-in account with the actions on it.
 */

export { NEW_PASSWORD_MIN_LENGTH };

/** `PUT /api/v1/auth/me/password`. */
export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z
    .string()
    .min(1)
    .max(200)
    .meta({ description: `At least ${NEW_PASSWORD_MIN_LENGTH} characters, not common or breached, not containing the username or phone` }),
});

export const ACCOUNT_ACTIONS = ['disable', 'enable', 'resetPassword', 'setRoles'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

/** `GET /api/v1/staff/{id}/account`: the staff member's sign-in account, if they have one. */
export const staffAccountSchema = z
  .object({
    account: z
      .object({
        userId: z.uuid(),
        username: z.string(),
        state: z.enum(['active', 'disabled']),
        mustChangePassword: z.boolean().meta({ description: 'A reset password not yet replaced by the person' }),
        disabledAt: z.iso.datetime().nullable(),
        roles: z.array(z.enum(STAFF_ROLES)),
        allowedActions: z.array(z.enum(ACCOUNT_ACTIONS)),
      })
      .nullable(),
    canCreate: z.boolean().meta({ description: 'The staff member has no account and the caller may create one' }),
  })
  .meta({ id: 'StaffAccount' });
export type StaffAccount = z.infer<typeof staffAccountSchema>;

/** Answer of a password reset: the temporary password, shown to the admin once. */
export const temporaryPasswordSchema = z.object({
  username: z.string(),
  temporaryPassword: z.string().meta({ description: 'Shown once; the person must replace it at their next sign-in' }),
});

/** The roles a company admin grants a staff account: at least one, staff roles only. */
export const accountRolesSchema = z
  .array(z.enum(STAFF_ROLES))
  .min(1)
  .max(STAFF_ROLES.length)
  .meta({ description: 'Staff roles (never platform_admin or resident), at least one; a repeated role counts once' });

/** `POST /api/v1/staff/{id}/account`: a sign-in account for a staff member who has none. */
export const accountCreateSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(50)
    .regex(/^[A-Za-z0-9._-]+$/)
    .meta({ description: '3–50 letters, digits, dot, dash or underscore; unique regardless of case' }),
  roles: accountRolesSchema,
});
export type AccountCreate = z.infer<typeof accountCreateSchema>;

/** `PUT /api/v1/staff/{id}/account/roles`. */
export const accountRolesBodySchema = z.object({ roles: accountRolesSchema });
