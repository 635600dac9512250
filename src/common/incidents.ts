import { z } from 'zod';

/** Schemas and types of incidents, emergency plans and drills, shared by server and web. */

export const INCIDENT_TYPE_KEYS = ['fire', 'flood', 'power_loss', 'lift_entrapment', 'theft', 'gas_leak', 'injury', 'other'] as const;
export const incidentTypeSchema = z.enum(INCIDENT_TYPE_KEYS);
export type IncidentTypeKey = z.infer<typeof incidentTypeSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const createIncidentSchema = z.object({
  communityId: z.uuid(),
  type: incidentTypeSchema,
  place: text(100),
  occurredAt: z.iso.datetime({ offset: true }).meta({ description: 'When it happened (ISO instant)' }),
  description: text(2000),
  people: text(500).optional().meta({ description: 'People involved (names, units, phone numbers as told)' }),
  actionsTaken: text(2000).optional(),
});
export type CreateIncidentInput = z.input<typeof createIncidentSchema>;

export const updateIncidentSchema = z.object({
  people: text(500).nullable().optional(),
  actionsTaken: text(2000).nullable().optional(),
  outcome: text(2000).nullable().optional(),
  close: z.boolean().optional().meta({ description: 'Close the incident (needs an outcome)' }),
});

export const stepCheckSchema = z.object({ done: z.boolean().meta({ description: 'Tick (true) or untick (false) the plan step' }) });

export const incidentSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  type: incidentTypeSchema,
  place: z.string(),
  occurredAt: z.string(),
  description: z.string(),
  people: z.string().nullable(),
  actionsTaken: z.string().nullable(),
  outcome: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  reportedByName: z.string(),
  closedAt: z.string().nullable(),
  plan: z
    .object({ id: z.uuid(), title: z.string(), steps: z.array(z.object({ text: z.string(), doneAt: z.string().nullable(), doneBy: z.string().nullable() })) })
    .nullable(),
  allowedActions: z.array(z.enum(['update'])),
});
export type Incident = z.infer<typeof incidentSchema>;

export const incidentListQuerySchema = z.object({
  communityId: z.uuid().optional(),
  status: z.enum(['open', 'closed']).optional(),
  type: incidentTypeSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const planInputSchema = z.object({
  communityId: z.uuid(),
  type: incidentTypeSchema,
  title: text(60),
  steps: z.array(text(300)).min(1).max(30).meta({ description: 'Ordered steps' }),
});
export type EmergencyPlanInput = z.input<typeof planInputSchema>;
export const planUpdateSchema = planInputSchema.omit({ communityId: true, type: true });

export const emergencyPlanSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  type: incidentTypeSchema,
  title: z.string(),
  steps: z.array(z.string()),
  lastDrillOn: z.string().nullable(),
});
export type EmergencyPlan = z.infer<typeof emergencyPlanSchema>;

export const drillInputSchema = z.object({
  planId: z.uuid(),
  heldOn: z.iso.date(),
  participants: text(500),
  findings: text(2000),
});
export type DrillInput = z.input<typeof drillInputSchema>;

export const drillSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  planTitle: z.string(),
  heldOn: z.string(),
  participants: z.string(),
  findings: z.string(),
  recordedByName: z.string(),
});
export type Drill = z.infer<typeof drillSchema>;
