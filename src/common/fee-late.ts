import { z } from 'zod';
import { MAX_FEN } from './fees';

/**
 * Contracts of late fees (issue #15 item 7, docs/fees.md "Late fees"). Off by default; a company
 * turns them on per community, and optionally per fee item, with a daily rate (‰ of the unpaid
 * principal per day) or a fixed amount per full period, a grace period after the due date and a
 * cap per charge. A rule is a version with an effective date (today or later): it governs the
 * charges that fall due from that date and never reaches back.
 */

export const LATE_FEE_MODES = ['off', 'daily_rate', 'fixed'] as const;
export type LateFeeMode = (typeof LATE_FEE_MODES)[number];
/** Largest daily rate: 10‰ of the unpaid principal per day. */
export const MAX_DAILY_RATE_PERMILLE = 10;

const localDate = z.iso.date().meta({ description: 'Local date YYYY-MM-DD' });

export const lateFeeRuleInputSchema = z.object({
  itemId: z.uuid().nullable().default(null).meta({ description: 'A fee item this rule is for; null (default) for the community’s rule, which items without their own rule follow' }),
  effectiveFrom: localDate.meta({ description: 'The first day the rule applies: today or later. Charges that fell due before it keep the rule they fell due under.' }),
  mode: z.enum(LATE_FEE_MODES).meta({ description: '`off`: no late fees (the default); `daily_rate`: ‰ of the unpaid principal per day; `fixed`: a fixed amount for every full period a charge stays unpaid' }),
  dailyRatePermille: z.number().positive().max(MAX_DAILY_RATE_PERMILLE).optional().meta({ description: '`daily_rate`: ‰ per day, at most two decimals, e.g. 0.5' }),
  fixedFen: z.number().int().min(1).max(MAX_FEN).optional().meta({ description: '`fixed`: fen per full period' }),
  periodDays: z.number().int().min(1).max(365).optional().meta({ description: '`fixed`: length of a period in days (e.g. 30)' }),
  graceDays: z.number().int().min(1).max(365).optional().meta({ description: 'Days after the due date before anything accrues (required unless `off`)' }),
  capPercent: z.number().int().min(1).max(100).optional().meta({ description: 'Cap per charge: at most this % of the charge (at least one cap is required unless `off`)' }),
  capFen: z.number().int().min(1).max(MAX_FEN).optional().meta({ description: 'Cap per charge in fen' }),
});
export type LateFeeRuleInput = z.input<typeof lateFeeRuleInputSchema>;

export const lateFeeRuleSchema = z
  .object({
    id: z.uuid(),
    communityId: z.uuid(),
    itemId: z.uuid().nullable(),
    itemName: z.string().nullable(),
    effectiveFrom: z.string(),
    mode: z.enum(LATE_FEE_MODES),
    dailyRatePermille: z.number().nullable(),
    fixedFen: z.number().int().nullable(),
    periodDays: z.number().int().nullable(),
    graceDays: z.number().int().nullable(),
    capPercent: z.number().int().nullable(),
    capFen: z.number().int().nullable(),
    createdByName: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'FeeLateFeeRule' });
export type LateFeeRule = z.infer<typeof lateFeeRuleSchema>;

export const lateFeeSettingsSchema = z
  .object({
    communityId: z.uuid(),
    today: z.string(),
    inForce: lateFeeRuleSchema.nullable().meta({ description: 'The community’s rule in force today (null: never set, i.e. off)' }),
    rules: z.array(lateFeeRuleSchema).meta({ description: 'Every version, the community’s and the items’, newest first' }),
    allowedActions: z.array(z.literal('update')),
  })
  .meta({ id: 'FeeLateFeeSettings' });
export type LateFeeSettings = z.infer<typeof lateFeeSettingsSchema>;

/** What a late fee is charged on and how: shown to the owner with every late fee. */
export const lateFeeBasisSchema = z.object({
  ruleId: z.uuid(),
  mode: z.enum(['daily_rate', 'fixed']),
  dailyRatePermille: z.number().nullable(),
  fixedFen: z.number().int().nullable(),
  periodDays: z.number().int().nullable(),
  graceDays: z.number().int(),
  capPercent: z.number().int().nullable(),
  capFen: z.number().int().nullable(),
  startsOn: z.string().meta({ description: 'The first day a late fee can accrue: the due date (or the day the charge was billed, if later) plus the grace period, plus one' }),
});
export type LateFeeBasis = z.infer<typeof lateFeeBasisSchema>;

export const ownerLateFeeSchema = z.object({
  entryId: z.uuid(),
  entryDate: z.string(),
  amountFen: z.number().int(),
  openFen: z.number().int(),
  waived: z.boolean().meta({ description: 'Reversed by a manager (the reason is on the reversal)' }),
  fromDay: z.string().meta({ description: 'First late day this entry covers' }),
  throughDay: z.string().meta({ description: 'Last late day this entry covers' }),
  charge: z.object({ entryId: z.uuid(), itemName: z.string().nullable(), periodStart: z.string().nullable(), periodEnd: z.string().nullable(), dueOn: z.string(), amountFen: z.number().int() }),
  basis: lateFeeBasisSchema,
});
export type OwnerLateFee = z.infer<typeof ownerLateFeeSchema>;
