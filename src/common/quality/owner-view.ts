import { z } from 'zod';

/** Contracts of the owners' view of quality: the per-community setting and what owners see in the portal. */

const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

/** Months of scores the owners' view shows, this one included. */
export const OWNER_VIEW_MONTHS = 12;
/** Rectifications done the owners' view lists at most (newest first). */
export const OWNER_VIEW_RECTIFICATIONS = 30;

export const qualitySettingsInputSchema = z.object({
  publishToOwners: z.boolean().describe('Publish the community’s monthly quality score and the rectifications done to its owners in the portal'),
});

export const qualitySettingsSchema = z
  .object({
    communityId: z.uuid(),
    publishToOwners: z.boolean().describe('Off until a manager turns it on'),
    allowedActions: z.array(z.enum(['update'])),
  })
  .meta({ id: 'QualitySettings' });
export type QualitySettings = z.infer<typeof qualitySettingsSchema>;

export const ownerQualitySchema = z
  .object({
    communityId: z.uuid(),
    communityName: z.string(),
    published: z.boolean().describe('false: the company does not publish quality to owners (nothing else is returned)'),
    months: z
      .array(z.object({ month: z.string().describe('YYYY-MM, local'), average: z.number().nullable().describe('Mean score 0–100 of the month’s submitted inspections; null when none'), inspections: z.number().int() }))
      .describe(`The last ${OWNER_VIEW_MONTHS} months, oldest first`),
    rectifications: z
      .array(z.object({ id: z.uuid(), itemText: localized, place: z.string(), foundOn: z.string().describe('Local date of the inspection that found it'), doneOn: z.string().describe('Local date it was closed after re-inspection') }))
      .describe(`Rectifications closed after a passed re-inspection, newest first, at most ${OWNER_VIEW_RECTIFICATIONS}; no staff names`),
  })
  .meta({ id: 'OwnerQuality' });
export type OwnerQuality = z.infer<typeof ownerQualitySchema>;
