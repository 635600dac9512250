import { definePolicy, hasRole } from '../../auth/policy';

/** Who may read the audit trail: company admins (their organization) and platform admins. */
export const auditPolicy = definePolicy<'read'>({
  read: (actor) => hasRole(actor, 'company_admin', 'platform_admin'),
});
