import { z } from 'zod';
import { recurrenceRuleSchema } from '../work/plans';
import { actionDescriptionSchema } from '../work/records';
import { POSTS } from './template';
import { dueSchema } from '../due';

/** Request and response contracts of the quality module (templates, plans, inspections, rectifications). */

const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
const text = (max: number) => z.string().trim().min(1).max(max);
const stateFields = {
  state: z.string(),
  stateType: z.string(),
  stateName: localized,
  version: z.number().int().describe('Raised by every step; send it back as `If-Match`'),
};

/** A stored version of an inspection template (materialised: categories inline). */
export const templateVersionSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    version: z.number().int(),
    scope: z.enum(['library', 'company', 'community']),
    communityId: z.uuid().nullable(),
    authorName: z.string(),
    reason: z.string(),
    createdAt: z.string(),
    definition: z.record(z.string(), z.unknown()).describe('The template: key, name, post, minLevel, rectification deadlines per severity, categories with their items'),
  })
  .meta({ id: 'InspectionTemplateVersion' });
export type TemplateVersion = z.infer<typeof templateVersionSchema>;

export const templateSummarySchema = z.object({
  key: z.string(),
  name: localized,
  post: z.enum(POSTS),
  categories: z.number().int(),
  items: z.number().int(),
  versionId: z.uuid(),
  version: z.number().int(),
  scope: z.enum(['library', 'company', 'community']),
});

export const saveTemplateInputSchema = z.object({
  communityId: z.uuid().optional().describe('Save a version for one community; without it, a company version (company admins)'),
  reason: text(200).describe('Why this version was made (kept with it)'),
  definition: z.record(z.string(), z.unknown()).describe('The template in the library format; `categories` may name library categories by key or hold them inline'),
});

export const inspectionKindSchema = z.enum(['self', 'spot']).describe('self: by the post holder; spot: a spot check by the quality inspector or project manager');

export const planInputSchema = z.object({
  communityId: z.uuid(),
  name: text(60),
  templateKey: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  kind: inspectionKindSchema,
  place: text(60).describe('The post or area inspected, e.g. 东门岗, 1号楼大堂'),
  rule: recurrenceRuleSchema,
  windowMinutes: z.number().int().min(10).max(24 * 60).default(120).describe('Each inspection is open this long from its start; not submitted by then it is missed'),
});
export const planSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  name: z.string(),
  templateKey: z.string(),
  kind: inspectionKindSchema,
  place: z.string(),
  rule: z.record(z.string(), z.unknown()),
  windowMinutes: z.number().int(),
  active: z.boolean(),
});

export const spotCheckInputSchema = z.object({
  communityId: z.uuid(),
  templateKey: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  place: text(60),
  windowMinutes: z.number().int().min(10).max(24 * 60).default(120),
});

export const inspectionSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  communityId: z.uuid(),
  planId: z.uuid().nullable(),
  kind: inspectionKindSchema,
  place: z.string(),
  templateKey: z.string(),
  templateName: localized,
  ...stateFields,
  startsAt: z.string(),
  dueAt: z.string(),
  score: z.number().nullable().describe('0–100, computed by the server; null until submitted'),
  failedCount: z.number().int(),
  inspectorName: z.string().nullable(),
  inspectedStaffId: z.uuid().nullable(),
  submittedAt: z.string().nullable(),
});

const eventSchema = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: z.string(),
  action: z.string(),
  actionName: localized.nullable(),
  actor: z.object({ userId: z.string().nullable(), name: z.string() }).nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  automatic: z.boolean(),
  data: z.record(z.string(), z.unknown()),
});

export const rectificationSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  communityId: z.uuid(),
  inspectionId: z.uuid(),
  categoryKey: z.string(),
  itemKey: z.string(),
  itemText: localized,
  severity: z.enum(['minor', 'major', 'critical']),
  place: z.string(),
  responsibleStaffId: z.uuid().nullable(),
  ...stateFields,
  dueAt: z.string(),
  due: dueSchema.nullable().optional().describe('The running time limit due first (working time left when it runs on desk hours); null once put right'),
  phase: z.enum(['ok', 'warning', 'breached']).nullable().optional(),
  rectifiedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});

const fileSchema = z.object({ id: z.uuid(), purpose: z.string() });

export const inspectionDetailSchema = inspectionSummarySchema
  .extend({
    level: z.string(),
    template: z.record(z.string(), z.unknown()).describe('The template version this inspection pinned (what the inspector answers)'),
    answers: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
    categoryScores: z.record(z.string(), z.number().nullable()),
    rectifications: z.array(rectificationSummarySchema),
    files: z.array(fileSchema).describe('Photos and the signature linked to it, with the item they belong to (`answers.<category>.<item>`)'),
    allowedActions: z.array(z.string()),
    actions: z.array(actionDescriptionSchema),
    timeline: z.array(eventSchema),
  })
  .meta({ id: 'Inspection' });
export type InspectionDetail = z.infer<typeof inspectionDetailSchema>;

export const rectificationDetailSchema = rectificationSummarySchema
  .extend({
    inspectionNumber: z.string(),
    files: z.array(fileSchema).describe('before_photos (from the inspection), after_photos, photos of the re-inspection'),
    allowedActions: z.array(z.string()),
    actions: z.array(actionDescriptionSchema),
    timeline: z.array(eventSchema),
  })
  .meta({ id: 'Rectification' });
export type RectificationDetail = z.infer<typeof rectificationDetailSchema>;

export const listQuerySchema = z.object({
  communityId: z.uuid().optional(),
  state: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/).optional(),
  from: z.iso.date().optional().describe('Local date of the start, inclusive'),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const rectificationQuerySchema = z.object({
  communityId: z.uuid().optional(),
  mine: z.enum(['true', 'false']).optional().describe('Only those the caller is responsible for'),
  open: z.enum(['true', 'false']).optional().describe('Only those not closed'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
