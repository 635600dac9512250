import { z } from 'zod';
import { roleSchema } from '../../common/roles';
import { calendarModeSchema } from './calendar';

/**
 * A service standard as data: states, transitions, required records, time limits, escalations,
 * categories and quality checklist items. The work-order engine runs work against it and must
 * not hold any service-specific rule of its own.
 */

/** Machine key: lower case, digits, '_' or '-', starting with a letter. */
export const standardKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'Use lower-case letters, digits, "_" or "-", starting with a letter');

/** A text in both product languages. */
export const localizedTextSchema = z
  .object({
    'zh-CN': z.string().trim().min(1),
    'en-US': z.string().trim().min(1),
  })
  .strict();
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Service levels; each level includes every lower one. */
export const SERVICE_LEVELS = ['1', '2', '3'] as const;
export const serviceLevelSchema = z.enum(SERVICE_LEVELS);
export type ServiceLevel = z.infer<typeof serviceLevelSchema>;

/** Fixed semantic types under the display names of states; SLA, KPI and UI logic key off these. */
export const STATE_TYPES = ['open', 'in_progress', 'waiting', 'completed', 'closed', 'cancelled'] as const;
export const stateTypeSchema = z.enum(STATE_TYPES);
export type StateType = z.infer<typeof stateTypeSchema>;
/** State types in which a work item is finished. */
export const TERMINAL_STATE_TYPES: readonly StateType[] = ['closed', 'cancelled'];

/** A simple value of a work-item fact or a transition field. */
export const factValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type FactValue = z.infer<typeof factValueSchema>;

const expectationSchema = z.union([factValueSchema, z.array(factValueSchema).min(1)]);

/**
 * A condition on work-item facts (and, for outcomes, the transition's fields): every entry must
 * hold. `urgency: emergency` means equal; a list means any of; `{ not: ... }` means the fact is
 * absent or differs from the value(s).
 */
export const conditionSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_]*$/, 'Use a snake_case fact name'),
  z.union([expectationSchema, z.object({ not: expectationSchema }).strict()]),
);
export type Condition = z.infer<typeof conditionSchema>;

export const stateSchema = z
  .object({
    key: standardKeySchema,
    type: stateTypeSchema,
    name: localizedTextSchema,
    /** While a work item is in this state, all of its running SLA timers stand still. */
    pausesTimers: z.boolean().default(false),
  })
  .strict();
export type StateDefinition = z.infer<typeof stateSchema>;

export const RECORD_KINDS = ['field', 'photo', 'signature', 'consent'] as const;
export const recordKindSchema = z.enum(RECORD_KINDS);
export type RecordKind = z.infer<typeof recordKindSchema>;

/** A record a transition requires: a field value, photos, a signature or an explicit consent. */
export const recordRequirementSchema = z
  .object({
    kind: recordKindSchema,
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'Use a snake_case record name'),
    label: localizedTextSchema.optional(),
    /** Photos: the least number; fields: the least number of characters of a text. */
    min: z.number().int().positive().optional(),
    /**
     * Required only when the actor can take the transition through these roles alone, e.g. the
     * desk records the channel when it confirms on the owner's behalf, the owner does not.
     */
    requiredFor: z.array(roleSchema).min(1).optional(),
  })
  .strict();
export type RecordRequirement = z.infer<typeof recordRequirementSchema>;

/** One possible target of a transition, chosen by a condition on facts and fields. */
export const outcomeSchema = z
  .object({
    when: conditionSchema,
    to: standardKeySchema,
    /** Extra records this outcome requires. */
    records: z.array(recordRequirementSchema).default([]),
    /** Counter on the work item this outcome increments (e.g. owner rejections). */
    counter: standardKeySchema.optional(),
  })
  .strict();
export type Outcome = z.infer<typeof outcomeSchema>;

export const transitionSchema = z
  .object({
    /** The action name (dispatch, accept, confirm, ...); unique within the standard. */
    key: standardKeySchema,
    name: localizedTextSchema,
    from: z.array(standardKeySchema).min(1),
    /** Target state; exactly one of `to` and `outcomes` is given. */
    to: standardKeySchema.optional(),
    /** Targets chosen by condition; the first outcome whose condition holds wins. */
    outcomes: z.array(outcomeSchema).min(1).optional(),
    roles: z.array(roleSchema),
    records: z.array(recordRequirementSchema).default([]),
    /** The transition is only offered when the work item's facts match. */
    when: conditionSchema.optional(),
    /** Counter this transition increments. */
    counter: standardKeySchema.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if ((t.to === undefined) === (t.outcomes === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Give either "to" or "outcomes"' });
    }
  });
export type TransitionDefinition = z.infer<typeof transitionSchema>;

/** What starts or stops a timer: entering a state or taking a transition. */
export const timerTriggerSchema = z.union([
  z.object({ state: standardKeySchema }).strict(),
  z.object({ transition: standardKeySchema }).strict(),
]);
export type TimerTrigger = z.infer<typeof timerTriggerSchema>;

/**
 * Length of a time limit: minutes of working time on its calendar, or whole working days
 * (see `addWorkingDays`): the deadline is the close of the n-th working day after the start day.
 */
export const limitDurationSchema = z.union([
  z.object({ minutes: z.number().int() }).strict(),
  z.object({ workingDays: z.number().int() }).strict(),
]);
export type LimitDuration = z.infer<typeof limitDurationSchema>;

/** Share of a limit at which the warning is raised, 0 < share < 1. */
export const warnShareSchema = z.number().gt(0).lt(1);

export const timeLimitSchema = z
  .object({
    key: standardKeySchema,
    name: localizedTextSchema,
    duration: limitDurationSchema,
    calendar: calendarModeSchema,
    startOn: z.array(timerTriggerSchema).min(1),
    stopOn: z.array(timerTriggerSchema).min(1),
    /** The limit applies only to work whose facts match (e.g. emergency repairs). */
    appliesWhen: conditionSchema.optional(),
    warnAtShare: warnShareSchema.default(0.8),
    /**
     * A transition field holding an ISO instant that replaces the deadline when recorded
     * (e.g. the appointment agreed with the owner); the duration is the default until then.
     */
    deadlineField: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
    escalateOnWarn: z.array(roleSchema).default([]),
    escalateOnBreach: z.array(roleSchema).default([]),
    /**
     * A transition the system takes once the limit is breached, if it leaves the current state
     * (e.g. an unused visitor pass expires at the end of its window). Like `autoAdvance`, it is
     * never offered to people and must lead to one state without records.
     */
    onBreach: standardKeySchema.optional(),
  })
  .strict();
export type TimeLimitDefinition = z.infer<typeof timeLimitSchema>;

/** What a service level may change in a time limit. */
export const timeLimitOverrideSchema = z
  .object({
    duration: limitDurationSchema.optional(),
    calendar: calendarModeSchema.optional(),
    warnAtShare: warnShareSchema.optional(),
    escalateOnWarn: z.array(roleSchema).optional(),
    escalateOnBreach: z.array(roleSchema).optional(),
  })
  .strict();
export type TimeLimitOverride = z.infer<typeof timeLimitOverrideSchema>;

/** A further escalation step once a share of a limit has passed (e.g. 150% to the manager). */
export const escalationRuleSchema = z
  .object({
    key: standardKeySchema,
    limit: standardKeySchema,
    atShare: z.number().gt(0),
    notify: z.array(roleSchema).min(1),
    name: localizedTextSchema,
  })
  .strict();
export type EscalationRule = z.infer<typeof escalationRuleSchema>;

/** A category (repair type, complaint type, ...) with the skill it needs and the facts it implies. */
export const categorySchema = z
  .object({
    key: standardKeySchema,
    name: localizedTextSchema,
    skill: standardKeySchema.optional(),
    /** Facts a work item of this category gets, e.g. `urgency: emergency`. */
    facts: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), factValueSchema).default({}),
  })
  .strict();
export type CategoryDefinition = z.infer<typeof categorySchema>;

export const CHECKLIST_ITEM_TYPES = ['pass_flag_fail', 'number', 'text'] as const;

/** An item a quality inspector scores. */
export const checklistItemSchema = z
  .object({
    key: standardKeySchema,
    text: localizedTextSchema,
    type: z.enum(CHECKLIST_ITEM_TYPES),
    /** Points deducted or awarded for this item. */
    points: z.number().min(0),
    /** Relative weight in the overall score. */
    weight: z.number().positive().default(1),
  })
  .strict();
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/**
 * A rule that takes a work item on by itself once it has stayed in a state long enough (e.g.
 * work completed but never confirmed closes after 7 days). The named transition must leave
 * `from`, lead to one state and need no records; it is taken by the system, never offered to
 * people, and the timeline marks it as automatic.
 */
export const autoAdvanceRuleSchema = z
  .object({
    from: standardKeySchema,
    /** Calendar time in the state before the rule fires. */
    after: z.union([z.object({ days: z.number().int().positive() }).strict(), z.object({ minutes: z.number().int().positive() }).strict()]),
    transition: standardKeySchema,
  })
  .strict();
export type AutoAdvanceRule = z.infer<typeof autoAdvanceRuleSchema>;

/**
 * Transitions the system takes by itself (named by `autoAdvance` or a limit's `onBreach`); they
 * are never offered to people.
 */
export function systemTransitions(standard: ServiceStandard): Set<string> {
  return new Set([
    ...standard.autoAdvance.map((r) => r.transition),
    ...standard.timeLimits.flatMap((l) => (l.onBreach ? [l.onBreach] : [])),
  ]);
}

/** Milliseconds a work item waits in the rule's state before the rule fires. */
export function autoAdvanceDelayMs(rule: AutoAdvanceRule): number {
  return 'days' in rule.after ? rule.after.days * 86_400_000 : rule.after.minutes * 60_000;
}

/** Zod schema of a complete service standard (one version). */
export const serviceStandardSchema = z
  .object({
    key: standardKeySchema,
    version: z.number().int().positive().default(1),
    name: localizedTextSchema,
    /** What the service covers and what it does not. */
    scope: localizedTextSchema,
    /** Lowest service level that includes this service. */
    minLevel: serviceLevelSchema,
    /** Roles that may open a work item (the initial state). */
    intakeRoles: z.array(roleSchema).min(1),
    /**
     * Records the person opening a work item supplies, e.g. how the host confirmed a walk-in
     * visitor; `requiredFor` binds a record only for those intake roles.
     */
    intakeRecords: z.array(recordRequirementSchema).default([]),
    states: z.array(stateSchema).min(1),
    initialState: standardKeySchema,
    transitions: z.array(transitionSchema),
    timeLimits: z.array(timeLimitSchema).default([]),
    /** Time-limit changes per service level, keyed by level then limit key. */
    levelOverrides: z.partialRecord(serviceLevelSchema, z.record(standardKeySchema, timeLimitOverrideSchema)).default({}),
    escalations: z.array(escalationRuleSchema).default([]),
    categories: z.array(categorySchema).default([]),
    checklist: z.array(checklistItemSchema).default([]),
    /** Transitions the system takes by itself after a time in a state. */
    autoAdvance: z.array(autoAdvanceRuleSchema).default([]),
  })
  .strict();
export type ServiceStandard = z.infer<typeof serviceStandardSchema>;
export type ServiceStandardInput = z.input<typeof serviceStandardSchema>;

/** Facts of a work item that conditions look at. */
export type Facts = Readonly<Record<string, FactValue | null | undefined>>;

/** True when `facts` satisfy every entry of `condition` (an absent condition always holds). */
export function matchesCondition(condition: Condition | undefined, facts: Facts): boolean {
  if (!condition) return true;
  return Object.entries(condition).every(([name, expected]) => {
    const actual = facts[name];
    if (typeof expected === 'object' && !Array.isArray(expected)) {
      return actual === undefined || actual === null || !listOf(expected.not).includes(actual);
    }
    return actual !== undefined && actual !== null && listOf(expected).includes(actual);
  });
}

function listOf(value: FactValue | FactValue[]): FactValue[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Time limits as they apply at a service level: the level's overrides merged over the base.
 * Levels are cumulative, so an override of a lower level also applies to the higher ones unless
 * a higher level overrides the same limit again.
 */
export function effectiveTimeLimits(standard: ServiceStandard, level: ServiceLevel): TimeLimitDefinition[] {
  const applicable = SERVICE_LEVELS.filter((l) => l <= level);
  return standard.timeLimits.map((limit) => {
    let merged = limit;
    for (const l of applicable) {
      const override = standard.levelOverrides[l]?.[limit.key];
      if (override) merged = { ...merged, ...stripUndefined(override) };
    }
    return merged;
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Facts implied by a category (empty for an unknown category). */
export function categoryFacts(standard: ServiceStandard, categoryKey: string): Record<string, FactValue> {
  return { ...standard.categories.find((c) => c.key === categoryKey)?.facts };
}
