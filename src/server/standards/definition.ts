import { z } from 'zod';
import { roleSchema } from '../../common/roles';
import { recordTypeSchema, type RecordType } from '../../common/work/records';
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
    /**
     * What the owner reads in the portal, where the staff's name is internal ("已验收待回访" is
     * the desk's to-do, the owner's order is simply "已验收"). Without it the owner reads `name`.
     */
    ownerName: localizedTextSchema.optional(),
    /** While a work item is in this state, all of its running SLA timers stand still. */
    pausesTimers: z.boolean().default(false),
    /** Roles told in their inbox when an item enters this state (a low rating reaches the project manager). */
    notify: z.array(roleSchema).optional(),
  })
  .strict();
export type StateDefinition = z.infer<typeof stateSchema>;

/**
 * Legacy record kinds (versions saved before records were typed). They are upgraded to typed
 * records when parsed (`upgradeLegacyRecord`); the engine groups records by these kinds to know
 * which part of its input holds the value.
 */
export const RECORD_KINDS = ['field', 'photo', 'signature', 'consent'] as const;
export const recordKindSchema = z.enum(RECORD_KINDS);
export type RecordKind = z.infer<typeof recordKindSchema>;

/** Where the engine finds the value of a record of this type. */
export function recordKindOf(type: RecordType): RecordKind {
  return type === 'photo' || type === 'signature' || type === 'consent' ? type : 'field';
}

/**
 * Where the engine finds a record's value, also for a legacy record read without parsing (a
 * stored version some caller did not run through `serviceStandardSchema`).
 */
export function requirementKind(record: { type?: RecordType; kind?: unknown }): RecordKind {
  if (record.type) return recordKindOf(record.type);
  return RECORD_KINDS.includes(record.kind as RecordKind) ? (record.kind as RecordKind) : 'field';
}

const recordNameSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'Use a snake_case record name');

/** A choice option: the stored key and its label. */
export const choiceOptionSchema = z.object({ key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/), label: localizedTextSchema }).strict();

/** An item of a checklist record. */
export const checklistRecordItemSchema = z
  .object({
    key: standardKeySchema,
    text: localizedTextSchema,
    /** pass/fail/N-A, a score from 0 to `points`, a number, or a text. */
    answer: z.enum(['pass_fail', 'score', 'number', 'text']).default('pass_fail'),
    points: z.number().default(0),
    weight: z.number().default(1),
    /** A failed critical item fails the whole checklist. */
    critical: z.boolean().default(false),
    /** A failed item needs a photo. */
    photoOnFail: z.boolean().default(false),
  })
  .strict();

/**
 * A typed record a step (or intake) asks for; its name is the key of the value in the request
 * body. Bounds belong to the type (text length, number range and unit, money range in fen,
 * choice options, staff positions and skill, photo count, checklist items). Bounds are checked
 * for sense by `validateStandard` (min ≤ max, no negative counts, options for a choice ...).
 */
export const typedRecordSchema = z
  .object({
    name: recordNameSchema,
    type: recordTypeSchema,
    label: localizedTextSchema,
    hint: localizedTextSchema.optional(),
    /** false: the caller may leave it out. */
    required: z.boolean().default(true),
    /**
     * Required only when the actor can take the transition through these roles alone, e.g. the
     * desk records the channel when it confirms on the owner's behalf, the owner does not.
     */
    requiredFor: z.array(roleSchema).min(1).optional(),
    /** text */
    minLength: z.number().int().optional(),
    maxLength: z.number().int().optional(),
    multiline: z.boolean().optional(),
    /** number, money (fen) and photo (count) bounds */
    min: z.number().optional(),
    max: z.number().optional(),
    /** number */
    unit: localizedTextSchema.optional(),
    decimals: z.number().int().optional(),
    /** choice */
    options: z.array(choiceOptionSchema).optional(),
    /** staff: the positions the chosen staff member must hold ... */
    positions: z.array(z.string().min(1)).optional(),
    /** ... and the skill they must have: a skill key, or `category` for the skill of the item's category. */
    skill: z.string().min(1).optional(),
    /** staff: the chosen staff member becomes the item's assignee. */
    assigns: z.boolean().optional(),
    /**
     * datetime: the visit time agreed with the owner. It becomes the item's appointment (lists,
     * the technician's day, the owner's page) and the owner is told when it is set or moved.
     * Other date-times (an expected resume date, a pass's validity) are only records.
     */
    appointment: z.boolean().optional(),
    /**
     * Staff only: the value stays off what the owner reads (the portal's history of the item),
     * e.g. a manager's finding about what went wrong on a low-rated repair. Staff see it as usual.
     */
    internal: z.boolean().optional(),
    /**
     * staff: the item is about the chosen staff member (a complaint about them); it counts in
     * their monthly appraisal (modules/appraisal).
     */
    concerns: z.boolean().optional(),
    /** checklist */
    items: z.array(checklistRecordItemSchema).optional(),
    /**
     * The fact the engine sees the value under (conditions, outcomes, deadlines); the record
     * name when absent. price_lines give their total in fen, item_lines and checklists their count.
     */
    fact: recordNameSchema.optional(),
  })
  .strict();

/** Legacy field names whose type the upgrade knows; any other legacy field becomes text. */
const LEGACY_FIELD_TYPES: Record<string, Record<string, unknown>> = {
  approved: { type: 'boolean' },
  satisfied: { type: 'boolean' },
  appointment_at: { type: 'datetime', appointment: true },
  satisfaction: { type: 'number', min: 1, max: 5 },
  amount: { type: 'money' },
  technician_id: { type: 'staff', positions: ['technician'], assigns: true },
  channel: { type: 'choice', options: 'intake_channels' },
  converted_to: { type: 'choice', options: 'convert_kinds' },
};
const INTAKE_CHANNEL_LABELS: Record<string, [string, string]> = {
  phone: ['电话', 'Phone'],
  walk_in: ['到访', 'Walk-in'],
  app: ['App', 'App'],
  wechat: ['微信', 'WeChat'],
  patrol: ['巡查', 'Patrol'],
  inspection: ['检查', 'Inspection'],
};
/** The intake channels as choice options (how an owner was reached). */
export const INTAKE_CHANNEL_OPTIONS = Object.entries(INTAKE_CHANNEL_LABELS).map(([key, [zh, en]]) => ({ key, label: { 'zh-CN': zh, 'en-US': en } }));
const CONVERT_KIND_OPTIONS = [
  { key: 'repair', label: { 'zh-CN': '报修', 'en-US': 'Repair' } },
  { key: 'complaint', label: { 'zh-CN': '投诉', 'en-US': 'Complaint' } },
];

/**
 * Upgrades a legacy record (`kind: field|photo|signature|consent`, no `type`) to a typed record:
 * photo -> photo (min = legacy min or 1), signature -> signature, consent -> consent; a field by
 * its name (approved/satisfied -> boolean, appointment_at -> datetime (the appointment), satisfaction -> number
 * 1–5, amount -> money, technician_id -> staff (technician, assigns), channel -> choice of the
 * intake channels, converted_to -> choice repair/complaint), any other field -> text with the
 * legacy `min` as its least length. A missing label becomes the name. Typed records pass as is.
 */
export function upgradeLegacyRecord(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || !('kind' in input) || 'type' in input) return input;
  const { kind, min, label, ...rest } = input as { kind: unknown; min?: unknown; label?: unknown; name?: unknown };
  const name = typeof rest.name === 'string' ? rest.name : '';
  const upgraded: Record<string, unknown> = { ...rest, label: label ?? { 'zh-CN': name, 'en-US': name } };
  if (kind === 'photo') return { ...upgraded, type: 'photo', min: typeof min === 'number' ? min : 1 };
  if (kind === 'signature' || kind === 'consent') return { ...upgraded, type: kind };
  if (kind !== 'field') return input; // an unknown kind: let the schema name it
  const known = LEGACY_FIELD_TYPES[name];
  if (!known) return { ...upgraded, type: 'text', ...(typeof min === 'number' ? { minLength: min } : {}) };
  const options = known.options === 'intake_channels' ? INTAKE_CHANNEL_OPTIONS : known.options === 'convert_kinds' ? CONVERT_KIND_OPTIONS : undefined;
  return { ...upgraded, ...known, ...(options ? { options } : {}) };
}

/** A record as versions stored before records were typed hold it. */
export const legacyRecordSchema = z
  .object({
    kind: recordKindSchema,
    name: recordNameSchema,
    label: localizedTextSchema.optional(),
    min: z.number().int().positive().optional(),
    requiredFor: z.array(roleSchema).min(1).optional(),
  })
  .strict();

/**
 * A record a transition requires: typed, or legacy (upgraded while parsing by
 * `upgradeLegacyRecord`). A codec rather than a preprocess, so responses that carry a standard
 * can be encoded (a typed record encodes as itself).
 */
export const recordRequirementSchema = z.codec(z.union([typedRecordSchema, legacyRecordSchema]), typedRecordSchema, {
  decode: (record) => upgradeLegacyRecord(record) as z.input<typeof typedRecordSchema>,
  encode: (record) => record as z.output<typeof typedRecordSchema>,
});
export type RecordRequirement = z.infer<typeof typedRecordSchema>;

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

/**
 * Named hooks: service behaviour that cannot be data, referred to by name from a transition and
 * implemented in one registry (`src/server/work/hooks.ts`). Their parameters are declared here,
 * so validating a standard checks them without the database.
 */
export const STEP_HOOK_PARAMS = {
  /** Opens a linked work item of another service from this one (an inquiry that is really a repair). */
  convert_to_order: z
    .object({
      /** The record holding the service to open (a choice whose options are service keys). */
      kindRecord: recordNameSchema,
      /** The record holding its category; `defaultCategory` when absent. */
      categoryRecord: recordNameSchema.optional(),
      defaultCategory: standardKeySchema.default('other'),
    })
    .strict(),
  /** A record becomes required when another record changes a value the item already has (the reason for moving an appointment). */
  reason_on_change: z.object({ record: recordNameSchema, reason: recordNameSchema }).strict(),
  /**
   * The step may not be taken by whoever took `step` on this item last (a re-inspection by someone
   * other than the person who rectified): four eyes, as data.
   */
  not_same_person: z.object({ step: standardKeySchema }).strict(),
} as const;
export type StepHookName = keyof typeof STEP_HOOK_PARAMS;
export const STEP_HOOK_NAMES = Object.keys(STEP_HOOK_PARAMS) as StepHookName[];

/** A hook a transition runs, with its parameters (checked against `STEP_HOOK_PARAMS`). */
export const hookRefSchema = z
  .object({ name: z.enum(STEP_HOOK_NAMES as [StepHookName, ...StepHookName[]]), params: z.record(z.string(), z.unknown()).default({}) })
  .strict();
export type HookRef = z.infer<typeof hookRefSchema>;

/**
 * Summaries a step fills on the work item for the console (the quote, the owner's consent, the
 * completion report, the owner's acceptance, the return visit; at the gate: the entry and exit
 * times of a pass and the release record of a slip, whose taking also uses the pass or slip, so
 * its validity is checked first; for an inspection, `scorecard`: the step takes the answers of the
 * item's inspection template and the score computed from them): chosen by this flag in the standard, from the step's records
 * by their type, never by the step's name.
 */
export const STEP_PROJECTIONS = ['quote', 'consent', 'completion', 'acceptance', 'return_visit', 'entry', 'exit', 'release', 'scorecard'] as const;
export type StepProjection = (typeof STEP_PROJECTIONS)[number];

/**
 * Events of a module that take a step by themselves, named by the standard instead of by code
 * (`takenOn` of a transition). Patrol raises `first_check_in` (the guard's first check-in of a
 * round) and `all_checked_in` (a check-in that leaves no checkpoint pending). The module takes
 * the step named for the event when it leaves the item's current state, the caller may take it
 * and it asks the caller for no record; otherwise the step stays for the caller to take in its
 * form (`actions`).
 */
export const STEP_TRIGGERS = ['first_check_in', 'all_checked_in'] as const;
export type StepTrigger = (typeof STEP_TRIGGERS)[number];

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
    /** Named hooks this step runs (see `STEP_HOOK_PARAMS`). */
    hooks: z.array(hookRefSchema).default([]),
    /** The summary this step fills on the item (see `STEP_PROJECTIONS`). */
    projects: z.enum(STEP_PROJECTIONS).optional(),
    /** The step hands the item back: whoever it was assigned to no longer holds it (a technician returns an order). */
    unassigns: z.boolean().optional(),
    /**
     * Facts the step sets on the item from then on, e.g. `paid: false` when work asked for as paid
     * turns out free: later conditions see them and the item shows them.
     */
    sets: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), factValueSchema).optional(),
    /** A module event that takes this step by itself (see `STEP_TRIGGERS`). */
    takenOn: z.enum(STEP_TRIGGERS).optional(),
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
    /**
     * The limit keeps running in states that pause the others: a limit on the pause itself (an
     * order on hold must be looked at again by the date given when it was put on hold).
     */
    runsWhilePaused: z.boolean().optional(),
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
