import { definePolicy, hasRole } from '../../auth/policy';

/** A company's personal-data settings: admins and project managers read them, company admins change them. */
export const dataSettingsPolicy = definePolicy<'read' | 'update', { organizationId: string }>({
  read: (a, e) => a.organizationId === e.organizationId && hasRole(a, 'company_admin', 'project_manager'),
  update: (a, e) => a.organizationId === e.organizationId && hasRole(a, 'company_admin'),
});
