import { z } from 'zod';

/**
 * Every role a Wuye user can hold. A user may hold several (a small community's desk clerk
 * may also dispatch). What each role may do lives in the typed policies of each module.
 */
export const ROLES = [
  'platform_admin',
  'company_admin',
  'project_manager',
  'service_desk',
  'dispatcher',
  'technician',
  'guard',
  'cleaner',
  'greening',
  'quality_inspector',
  'resident',
] as const;

export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles of company staff (everyone but platform admins and residents). */
export const STAFF_ROLES = ROLES.filter(
  (r): r is Exclude<Role, 'platform_admin' | 'resident'> => r !== 'platform_admin' && r !== 'resident',
);
export type StaffRole = (typeof STAFF_ROLES)[number];
