import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { organizations } from '../tables';

/** A company's personal-data settings: how long visitor records are kept, its upload quota. */
export interface OrganizationDataSettings {
  visitorRetentionDays: number;
  /** The company's own quota in bytes, or null for the server default. */
  storageQuotaBytes: number | null;
}

/** The data settings of one organization, or null when there is no such organization. */
export async function organizationDataSettings(db: DbOrTx, organizationId: string): Promise<OrganizationDataSettings | null> {
  const [row] = await db
    .select({ visitorRetentionDays: organizations.visitorRetentionDays, storageQuotaBytes: organizations.storageQuotaBytes })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row ?? null;
}

/** Every organization with its visitor retention period (the retention job walks them). */
export async function retentionPeriods(db: DbOrTx): Promise<Array<{ organizationId: string; days: number }>> {
  return db.select({ organizationId: organizations.id, days: organizations.visitorRetentionDays }).from(organizations);
}
