import { z } from 'zod';

/** Bounds of a company's visitor-record retention period in days (PIPL: as short as the purpose allows). */
export const RETENTION_MIN_DAYS = 30;
export const RETENTION_MAX_DAYS = 3650;
export const RETENTION_DEFAULT_DAYS = 180;
/** Bounds of a company's own upload quota in GB. */
export const QUOTA_MAX_GB = 10_000;

/** A company's personal-data settings as the API returns them. */
export const dataSettingsSchema = z
  .object({
    visitorRetentionDays: z.number().int().describe('Days after a visitor pass or release slip ended before its personal data is erased'),
    storageQuotaGb: z.number().nullable().describe("The company's own upload quota in GB; null uses the server default"),
    effectiveQuotaBytes: z.number().int().describe('The quota in force, in bytes'),
    storageUsedBytes: z.number().int().describe('Bytes the uploads of the company take'),
    allowedActions: z.array(z.enum(['update'])),
  })
  .meta({ id: 'DataSettings', description: "A company's personal-data settings: visitor retention and upload quota" });
export type DataSettings = z.infer<typeof dataSettingsSchema>;

/** A change of the settings: only the fields sent change. */
export const dataSettingsPatchSchema = z
  .object({
    visitorRetentionDays: z.number().int().min(RETENTION_MIN_DAYS).max(RETENTION_MAX_DAYS).optional(),
    storageQuotaGb: z.number().positive().max(QUOTA_MAX_GB).nullable().optional(),
  })
  .strict();
export type DataSettingsPatch = z.infer<typeof dataSettingsPatchSchema>;

/** The result of erasing a resident's personal data. */
export const erasureResultSchema = z
  .object({
    residentId: z.uuid(),
    name: z.string(),
    erasedAt: z.string(),
    workOrders: z.number().int().describe('Work orders whose reporter copy was anonymised (the orders stay)'),
    messages: z.number().int().describe('Outbound messages whose recipient and text were masked'),
    accounts: z.number().int().describe('Portal sign-ins removed (their sessions end)'),
  })
  .meta({ id: 'ResidentErasure' });
