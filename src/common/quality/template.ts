import { z } from 'zod';

/**
 * Inspection templates (质量检查表) as data: the shared category library
 * (`standards/inspections/categories.yaml`) and one template per file, whose `categories` name
 * library categories by key or, in a stored company version, hold them inline. Shared by the
 * server (loading, validation, scoring) and the console (the inspector's phone). Structure only:
 * the rules that need the whole template (unique keys, pass ranges inside bounds, known category
 * keys) are `checkTemplate`'s on the server, each with a message per field.
 */

const keySchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'snake_case');

/** A text in both product languages. */
export const inspectionTextSchema = z.object({ 'zh-CN': z.string().trim().min(1), 'en-US': z.string().trim().min(1) }).strict();
export type InspectionText = z.infer<typeof inspectionTextSchema>;

export const ANSWER_TYPES = ['pass_fail', 'score', 'number', 'text'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];
export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const POSTS = ['desk', 'gate', 'parking', 'area', 'clubhouse'] as const;
export type InspectionPost = (typeof POSTS)[number];
const levelSchema = z.enum(['1', '2', '3']);

/** One checked point of a category. Defaults as in the library format. */
export const inspectionItemSchema = z
  .object({
    key: keySchema,
    text: inspectionTextSchema,
    /** Kept as a string so an unknown type gets its own message from `checkTemplate`. */
    answer: z.string().default('pass_fail'),
    points: z.number().default(5),
    weight: z.number().default(1),
    critical: z.boolean().default(false),
    photoOnFail: z.boolean().default(true),
    severity: z.string().default('minor'),
    minLevel: levelSchema.default('1'),
    min: z.number().optional(),
    max: z.number().optional(),
    unit: inspectionTextSchema.optional(),
    pass: z.object({ min: z.number().optional(), max: z.number().optional() }).strict().optional(),
  })
  .strict();
export type InspectionItem = Omit<z.output<typeof inspectionItemSchema>, 'answer' | 'severity'> & { answer: AnswerType; severity: Severity };

export const inspectionCategorySchema = z
  .object({
    key: keySchema,
    name: inspectionTextSchema,
    weight: z.number().default(1),
    items: z.array(inspectionItemSchema).min(1),
  })
  .strict();
export type InspectionCategory = Omit<z.output<typeof inspectionCategorySchema>, 'items'> & { items: InspectionItem[] };

/** `categories.yaml`. */
export const categoryLibrarySchema = z.object({ categories: z.array(inspectionCategorySchema).min(1) }).strict();

/** A rectification deadline: minutes of working time or whole working days (the time-limit duration format). */
export const rectificationDurationSchema = z.union([
  z.object({ minutes: z.number().int() }).strict(),
  z.object({ workingDays: z.number().int() }).strict(),
]);
export type RectificationDuration = z.infer<typeof rectificationDurationSchema>;

/** A template as written or saved: categories by library key or inline. */
export const inspectionTemplateInputSchema = z
  .object({
    key: keySchema,
    version: z.number().int().min(1).default(1),
    name: inspectionTextSchema,
    description: inspectionTextSchema.optional(),
    post: z.string(),
    minLevel: levelSchema.default('1'),
    rectification: z.object({ minor: rectificationDurationSchema, major: rectificationDurationSchema, critical: rectificationDurationSchema }).strict(),
    categories: z.array(z.union([keySchema, inspectionCategorySchema])).min(1),
  })
  .strict();
export type InspectionTemplateInput = z.input<typeof inspectionTemplateInputSchema>;

/** A materialised template: every category in full, every default applied. */
export interface InspectionTemplate {
  key: string;
  version: number;
  name: InspectionText;
  description?: InspectionText;
  post: InspectionPost;
  minLevel: '1' | '2' | '3';
  rectification: Record<Severity, RectificationDuration>;
  categories: InspectionCategory[];
}

/** The answer to one item as it is scored: `na` leaves the denominator. */
export interface ItemAnswer {
  result?: 'pass' | 'fail' | 'na';
  score?: number;
  value?: number;
  text?: string;
  /** A failure put right: a passed re-inspection of its rectification earns the item's points. */
  rectified?: boolean;
}

/** One answer as an inspector sends it: the value for the item's answer type, a note and photos. */
export const answerInputSchema = z
  .object({
    result: z.enum(['pass', 'fail', 'na']).optional().meta({ description: 'pass_fail items; `na` (not applicable) on any item leaves it out of the score' }),
    score: z.number().min(0).optional().meta({ description: 'score items: 0..points' }),
    value: z.number().optional().meta({ description: 'number items: the reading, within the item’s min..max' }),
    text: z.string().trim().min(1).max(2000).optional().meta({ description: 'text items' }),
    note: z.string().trim().max(500).optional(),
    photoIds: z.array(z.uuid()).max(6).optional().meta({ description: 'Uploaded photos (attachment ids); a failed item with photoOnFail needs at least one' }),
  })
  .strict();
export type AnswerInput = z.infer<typeof answerInputSchema>;

/** Answers by category key, then item key. */
export const answersInputSchema = z.record(z.string(), z.record(z.string(), answerInputSchema)).meta({ id: 'InspectionAnswers' });
