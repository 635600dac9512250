import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { recordAudit } from '../../audit';
import { organizations } from '../tables';
import type { OrganizationDataSettings } from '../repository/organization-settings';

/** Changes a company's retention period and/or upload quota (only the fields given), audited. */
export async function updateOrganizationDataSettings(
  tx: DbOrTx,
  ctx: RequestContext,
  organizationId: string,
  patch: Partial<OrganizationDataSettings>,
): Promise<OrganizationDataSettings> {
  const [before] = await tx
    .select({ visitorRetentionDays: organizations.visitorRetentionDays, storageQuotaBytes: organizations.storageQuotaBytes })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for('update');
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (!Object.keys(set).length) return before!;
  const [after] = await tx
    .update(organizations)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(organizations.id, organizationId))
    .returning({ visitorRetentionDays: organizations.visitorRetentionDays, storageQuotaBytes: organizations.storageQuotaBytes });
  await recordAudit(tx, ctx, { organizationId, entityType: 'organization', entityId: organizationId, action: 'update_data_settings', before: before!, after: after! });
  return after!;
}
