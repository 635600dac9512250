import { z } from 'zod';

/**
 * The typed records a step of a service standard asks for, as the API describes them to clients
 * and as the request body of `POST /…/{id}/actions/{action}` carries them.
 *
 * The server derives an `ActionDescription` from the pinned standard version of a work item and
 * the caller's roles (`src/server/work/action-contract.ts`); the request schema of the step is
 * built from the same descriptions by `actionBodySchema` below, so the console's form rules and
 * the API's validation come from one place. The body is a flat object keyed by record name:
 * `{ "technician_id": "…", "before": ["<photo id>"], "owner": "<signature id>", "price": true }`.
 */

export const RECORD_TYPES = [
  'text',
  'number',
  'money',
  'datetime',
  'date',
  'choice',
  'staff',
  'unit',
  'boolean',
  'photo',
  'signature',
  'consent',
  'checklist',
  'price_lines',
  'item_lines',
] as const;
export const recordTypeSchema = z.enum(RECORD_TYPES);
export type RecordType = z.infer<typeof recordTypeSchema>;

/** Largest number of photos one record takes. */
export const RECORD_PHOTOS_MAX = 12;
/** Longest text a record takes unless the standard says less. */
export const RECORD_TEXT_MAX = 1000;
/** Most lines in a price or item list. */
export const RECORD_LINES_MAX = 50;
/** Largest money amount in fen (1,000,000 yuan). */
export const RECORD_MONEY_MAX = 100_000_000;

const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
const factValue = z.union([z.string(), z.number(), z.boolean()]);

/** A condition on the values of this step (and the item's facts): every entry must hold. */
export const recordConditionSchema = z.record(z.string(), z.union([factValue, z.array(factValue), z.object({ not: z.union([factValue, z.array(factValue)]) })]));

/** An item of a checklist record. */
export const checklistItemDescriptionSchema = z.object({
  key: z.string(),
  text: localized,
  /** pass/fail/N-A, a score from 0 to `points`, a number, or a text. */
  answer: z.enum(['pass_fail', 'score', 'number', 'text']),
  points: z.number().min(0),
  weight: z.number().positive(),
  critical: z.boolean(),
  photoOnFail: z.boolean(),
});
export type ChecklistItemDescription = z.infer<typeof checklistItemDescriptionSchema>;

/** One record of a step, as a client needs it to draw and check the field. */
export const recordDescriptionSchema = z
  .object({
    name: z.string().meta({ description: 'Record name: the key of the value in the request body' }),
    type: recordTypeSchema,
    label: localized,
    hint: localized.nullable().optional(),
    required: z.boolean().meta({ description: 'Required for this caller (see `requiredFor` in the standard)' }),
    /** Shown and required only when the step's values match (e.g. a signature when `approved` is true). */
    when: recordConditionSchema.optional(),
    /**
     * Not shown when any of these holds: an earlier outcome of the step was chosen (the owner
     * approved by phone, so the desk records the call instead of a signature).
     */
    unless: z.array(recordConditionSchema).optional(),
    /** text */
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().positive().optional(),
    multiline: z.boolean().optional(),
    /** number, money (fen), photo (count), date and datetime bounds are not given here */
    min: z.number().optional(),
    max: z.number().optional(),
    /** number: the unit shown after the value, e.g. 分钟 */
    unit: localized.optional(),
    /** number: decimals allowed (0 = integers) */
    decimals: z.number().int().min(0).max(4).optional(),
    /** choice */
    options: z.array(z.object({ key: z.string(), label: localized })).optional(),
    /** staff: positions and skill a chosen staff member must have; `soloWork`: the work is handed to them alone, so staff held from solo work (pre-job training …) are refused */
    staffFilter: z.object({ positions: z.array(z.string()).optional(), skill: z.string().nullable().optional(), soloWork: z.boolean().optional() }).optional(),
    /** checklist */
    items: z.array(checklistItemDescriptionSchema).optional(),
  })
  .meta({ id: 'StepRecord' });
export type RecordDescription = z.infer<typeof recordDescriptionSchema>;

/** A step the caller may take now, with the records it asks for. */
export const actionDescriptionSchema = z
  .object({
    key: z.string().meta({ description: 'The `{action}` of `POST …/{id}/actions/{action}`' }),
    name: localized,
    targets: z.array(z.string()).meta({ description: 'States the step may lead to' }),
    records: z.array(recordDescriptionSchema),
  })
  .meta({ id: 'StepAction' });
export type ActionDescription = z.infer<typeof actionDescriptionSchema>;

/** A string free of NUL and lone surrogates (they break storage and rendering). */
export function cleanString(max: number, min = 0) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000') && !/\p{Cs}/u.test(s), { message: 'field.badCharacters' });
}

const checklistAnswerSchema = z.object({
  result: z.union([z.enum(['pass', 'fail', 'na']), z.number().min(0)]),
  note: cleanString(RECORD_TEXT_MAX).optional(),
  photoIds: z.array(z.uuid()).max(RECORD_PHOTOS_MAX).optional(),
});
export type ChecklistAnswer = z.infer<typeof checklistAnswerSchema>;

/** A price line (money in fen): an item of the community's price list or a free line. */
export const priceLineSchema = z.object({
  priceItemId: z.uuid().optional(),
  name: cleanString(100, 1),
  quantity: z.number().int().min(1).max(999).default(1),
  amount: z.number().int().min(0).max(RECORD_MONEY_MAX).meta({ description: 'Line total in fen' }),
});
export type PriceLine = z.infer<typeof priceLineSchema>;

/** An item line (materials used and the like). */
export const itemLineSchema = z.object({ name: cleanString(100, 1), quantity: z.number().positive().max(10_000) });
export type ItemLine = z.infer<typeof itemLineSchema>;

/** The schema of one record's value, with the bounds of its description (presence is checked by the step). */
export function recordValueSchema(d: RecordDescription): z.ZodType {
  switch (d.type) {
    case 'text':
      return cleanString(Math.min(d.maxLength ?? RECORD_TEXT_MAX, RECORD_TEXT_MAX), d.minLength ?? 0);
    case 'number': {
      let n = z.number();
      if (d.decimals === 0 || d.decimals === undefined) n = n.int();
      if (d.min !== undefined) n = n.min(d.min);
      if (d.max !== undefined) n = n.max(d.max);
      return n;
    }
    case 'money':
      return z
        .number()
        .int()
        .min(d.min ?? 0)
        .max(d.max ?? RECORD_MONEY_MAX)
        .meta({ description: 'Amount in fen' });
    case 'datetime':
      return z.iso.datetime({ offset: true });
    case 'date':
      return z.iso.date();
    case 'choice':
      return z.enum((d.options ?? []).map((o) => o.key) as [string, ...string[]]);
    case 'staff':
    case 'unit':
    case 'signature':
      return z.uuid();
    case 'boolean':
      return z.boolean();
    case 'photo':
      return z
        .array(z.uuid())
        .min(d.min ?? 0)
        .max(Math.min(d.max ?? RECORD_PHOTOS_MAX, RECORD_PHOTOS_MAX));
    case 'consent':
      return z.literal(true);
    case 'checklist':
      return z.record(z.string(), checklistAnswerSchema);
    case 'price_lines':
      return z.array(priceLineSchema).min(1).max(RECORD_LINES_MAX);
    case 'item_lines':
      return z.array(itemLineSchema).max(RECORD_LINES_MAX);
  }
}

/**
 * The request body of a step: every record optional at this level (which ones are required
 * depends on the caller's roles and on the step's own values, and the step reports each missing
 * one as a 400 on its field); unknown keys are refused.
 */
export function actionBodySchema(records: readonly RecordDescription[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const r of records) shape[r.name] ??= recordValueSchema(r).optional();
  return z.object(shape).strict();
}

/** The generic documented shape of a step's body (the exact records come from the item's standard). */
export const genericActionBodySchema = z
  .record(z.string(), z.unknown())
  .meta({
    id: 'StepBody',
    description:
      "Values of the step's records, keyed by record name, as described in the item's `actions`: text and choice keys are strings, " +
      'number and money (fen) are numbers, datetime is an ISO instant with offset, date is YYYY-MM-DD, staff/unit/signature are ids, ' +
      'photo is a list of attachment ids, boolean is true/false, consent is true, checklist maps item keys to {result, note?, photoIds?}, ' +
      'price_lines are [{priceItemId?, name, quantity, amount}], item_lines are [{name, quantity}].',
  });
