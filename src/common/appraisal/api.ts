import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../api';
import { localDateSchema, POSITION_VALUES } from '../registry';
import { actionDescriptionSchema } from '../work/records';
import { dueSchema } from '../due';
import { APPRAISAL_PARTS, weightsSumTo100 } from './score';

/**
 * Request and response contracts of staff appraisal (月度考核), rewards and penalties (奖惩) and
 * improvement measures (改进措施, PDCA). Shared by server and web.
 */

const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
const text = (max: number) => z.string().trim().min(1).max(max);
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'field.month' }).meta({ description: 'A month, YYYY-MM' });

const weight = z.number().int().min(0).max(100);

/** Weights of one position (the four parts sum to 100) and the points a complaint costs. */
export const weightsInputSchema = z
  .object({
    inspection: weight.describe('Weight of the inspection scores of their posts'),
    sla: weight.describe('Weight of the time limits met on their work items'),
    rating: weight.describe('Weight of owners’ ratings of their work'),
    complaints: weight.describe('Weight of complaints about them'),
    complaintDeduction: z.number().int().min(1).max(100).default(20).describe('Points the complaints part loses per complaint'),
  })
  .superRefine((w, issues) => {
    if (weightsSumTo100(w)) return;
    for (const p of APPRAISAL_PARTS) issues.addIssue({ code: 'custom', path: [p], message: 'field.weightsSum' });
  });

export const positionSchema = z.enum(POSITION_VALUES);

export const weightsSchema = z
  .object({
    position: positionSchema,
    inspection: z.number().int(),
    sla: z.number().int(),
    rating: z.number().int(),
    complaints: z.number().int(),
    complaintDeduction: z.number().int(),
    isDefault: z.boolean().describe('True when the company has not set this position’s weights (the defaults apply)'),
  })
  .meta({ id: 'AppraisalWeights' });
export type WeightsView = z.infer<typeof weightsSchema>;

export const monthQuerySchema = z.object({ communityId: z.uuid(), month: monthSchema });
export const myMonthQuerySchema = z.object({ month: monthSchema });

const partsSchema = z.object({
  inspection: z.number().nullable(),
  sla: z.number().nullable(),
  rating: z.number().nullable(),
  complaints: z.number().nullable(),
});

/** One staff member's month. */
export const appraisalRowSchema = z
  .object({
    staffId: z.uuid(),
    name: z.string(),
    position: positionSchema,
    parts: partsSchema.describe('Each part 0–100, null without data that month (it then leaves the denominator)'),
    weights: weightsSchema,
    counts: z.object({ inspections: z.number().int(), limitsMet: z.number().int(), limitsLate: z.number().int(), ratings: z.number().int(), complaints: z.number().int() }),
    incentivePoints: z.number().int().describe('Approved rewards (+) and penalties (−) of the month, in points'),
    incentiveAmountFen: z.number().int().describe('Approved rewards (+) and penalties (−) of the month, in fen'),
    total: z.number().nullable().describe('Weighted mean of the parts with data'),
    final: z.number().nullable().describe('The total with the rewards and penalties, 0–100'),
  })
  .meta({ id: 'AppraisalRow' });
export type AppraisalRow = z.infer<typeof appraisalRowSchema>;

export const appraisalMonthSchema = z.object({ month: monthSchema, communityId: z.uuid().nullable(), items: z.array(appraisalRowSchema) });

const incentiveKindSchema = z.enum(['reward', 'penalty']);

export const incentiveSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  communityId: z.uuid(),
  staffId: z.uuid(),
  staffName: z.string(),
  kind: incentiveKindSchema,
  reason: z.string(),
  points: z.number().int().nullable(),
  amountFen: z.number().int().nullable(),
  proposedByName: z.string(),
  state: z.string(),
  stateType: z.string(),
  stateName: localized,
  version: z.number().int(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type IncentiveSummary = z.infer<typeof incentiveSummarySchema>;

/** The evidence behind one staff member's month (the drill-down). */
export const appraisalEvidenceSchema = z.object({
  row: appraisalRowSchema,
  inspections: z.array(z.object({ id: z.uuid(), number: z.string(), place: z.string(), score: z.number(), at: z.string() })),
  limits: z.array(z.object({ orderId: z.uuid(), number: z.string(), limitName: localized, met: z.boolean(), dueAt: z.string().nullable(), endedAt: z.string() })),
  ratings: z.array(z.object({ orderId: z.uuid(), number: z.string(), score: z.number(), at: z.string() })),
  complaints: z.array(z.object({ orderId: z.uuid(), number: z.string(), category: z.string(), at: z.string() })),
  incentives: z.array(incentiveSummarySchema),
});
export type AppraisalEvidence = z.infer<typeof appraisalEvidenceSchema>;

export const incentiveInputSchema = z
  .object({
    communityId: z.uuid(),
    staffId: z.uuid(),
    kind: incentiveKindSchema.describe('reward (奖励) or penalty (处罚)'),
    reason: text(500),
    points: z.number().int().min(1).max(100).optional().describe('Points added to (reward) or taken from (penalty) the month’s appraisal'),
    amountFen: z.number().int().min(1).max(10_000_000).optional().describe('An amount of money, in fen'),
    photoIds: z.array(z.uuid()).max(6).default([]).describe('Evidence photos (uploaded first)'),
  })
  .refine((x) => x.points !== undefined || x.amountFen !== undefined, { path: ['points'], message: 'field.pointsOrAmount' });

export const incentiveQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid().optional(),
  staffId: z.uuid().optional(),
  open: z.enum(['true', 'false']).optional().describe('true: awaiting approval; false: decided'),
  month: monthSchema.optional().describe('Proposed in this month'),
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

const fileSchema = z.object({ id: z.uuid(), purpose: z.string() });

export const incentiveDetailSchema = incentiveSummarySchema
  .extend({
    files: z.array(fileSchema).describe('Evidence photos (`evidence`)'),
    allowedActions: z.array(z.string()),
    actions: z.array(actionDescriptionSchema),
    timeline: z.array(eventSchema),
  })
  .meta({ id: 'StaffIncentive' });
export type IncentiveDetail = z.infer<typeof incentiveDetailSchema>;
export const incentivePageSchema = pageSchema(incentiveSummarySchema);

export const MEASURE_SOURCES = ['inspection_item', 'complaint_category', 'kpi'] as const;
export const measureSourceSchema = z.enum(MEASURE_SOURCES);
/** KPIs a measure may be raised from, with the way each gets better. */
export const MEASURE_KPIS = { inspection_score: 'higher', sla_compliance: 'higher' } as const;
export type MeasureKpi = keyof typeof MEASURE_KPIS;

export const measureInputSchema = z.object({
  communityId: z.uuid(),
  title: text(100),
  source: measureSourceSchema.describe('What it was raised from: a recurring failed inspection item, a complaint category or a KPI'),
  sourceKey: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}(\.[a-z][a-z0-9_]{0,63})?$/)
    .describe('inspection_item: `<category>.<item>` of the inspection templates; complaint_category: a category of the complaint standard; kpi: inspection_score or sla_compliance'),
  ownerStaffId: z.uuid().describe('Who carries the measure out (a staff member serving the community)'),
  dueOn: localDateSchema.describe('Local date by which it should be closed'),
  description: z.string().trim().max(1000).optional(),
});

export const measureQuerySchema = pageQuerySchema.extend({
  communityId: z.uuid().optional(),
  open: z.enum(['true', 'false']).optional().describe('true (default for the manager’s list): not closed'),
});

export const effectSchema = z.object({
  metric: localized.describe('What is measured'),
  direction: z.enum(['lower', 'higher']),
  periodDays: z.number().int().describe('Length of each of the two equal periods'),
  beforeFrom: z.string(),
  afterFrom: z.string(),
  afterTo: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  change: z.number().nullable(),
  changePercent: z.number().nullable(),
  improved: z.boolean().nullable(),
});
export type Effect = z.infer<typeof effectSchema>;

export const measureSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  communityId: z.uuid(),
  title: z.string(),
  source: measureSourceSchema,
  sourceKey: z.string(),
  sourceLabel: localized,
  ownerStaffId: z.uuid(),
  ownerName: z.string(),
  dueOn: z.string(),
  due: dueSchema.nullable().describe('The running time limit (null once closed)'),
  overdue: z.boolean(),
  state: z.string(),
  stateType: z.string(),
  stateName: localized,
  version: z.number().int(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type MeasureSummary = z.infer<typeof measureSummarySchema>;
export const measurePageSchema = pageSchema(measureSummarySchema);

export const measureDetailSchema = measureSummarySchema
  .extend({
    description: z.string().nullable(),
    effect: effectSchema,
    files: z.array(fileSchema),
    allowedActions: z.array(z.string()),
    actions: z.array(actionDescriptionSchema),
    timeline: z.array(eventSchema),
  })
  .meta({ id: 'ImprovementMeasure' });
export type MeasureDetail = z.infer<typeof measureDetailSchema>;
