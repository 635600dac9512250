import { z } from 'zod';
import type { Role } from '../../common/roles';
import { ENUM_LABELS } from '../../common/registry';
import {
  actionBodySchema,
  type ActionDescription,
  type ChecklistAnswer,
  type PriceLine,
  type RecordDescription,
} from '../../common/work/records';
import type { Actor } from '../db/scope';
import type { DbOrTx } from '../db/client';
import { fieldError, type FieldProblem } from '../errors';
import type { MessageKey } from '../i18n/messages';
import type { Condition, RecordRequirement, ServiceStandard, TransitionDefinition } from '../standards/definition';
import { availableTransitions, type WorkContext } from '../standards/engine';
import { checkLinkable } from '../modules/attachments/repository';
import { activeStaffMember, activeUnitOf } from '../modules/registry';
import { localDateToday, soloWorkRefusal } from './staff-eligibility';

/**
 * The contract of a step, built from the typed records of the pinned standard: what the caller
 * is told (`describeActions`), the request schema (`actionBodySchema` of those descriptions) and
 * the checks of values against the data (`checkRecordValues`: staff, units, uploads, price list).
 * Nothing here knows a step's name; everything follows from the record's type and bounds.
 */

/**
 * A record of a step with the outcome condition under which it applies (none for base records),
 * and the conditions of the earlier outcomes, any of which wins first and so rules it out.
 */
export interface StepRecord {
  record: RecordRequirement;
  when?: Condition;
  unless?: Condition[];
}

/** The base records of a transition, then each outcome's records with the outcome's condition. */
export function stepRecords(t: TransitionDefinition): StepRecord[] {
  const list: StepRecord[] = t.records.map((record) => ({ record }));
  (t.outcomes ?? []).forEach((o, i) => {
    const earlier = (t.outcomes ?? []).slice(0, i).map((x) => x.when);
    for (const record of o.records) {
      // The same record in several outcomes (a reason for either answer) is described once.
      const seen = list.find((x) => x.record.name === record.name);
      if (!seen) list.push({ record, when: o.when, ...(earlier.length ? { unless: earlier } : {}) });
      else if (seen.when) {
        seen.when = undefined;
        seen.unless = undefined;
      }
    }
  });
  return list;
}

/** True when the record binds an actor acting through these roles (see `requiredFor`). */
export function bindsActor(record: RecordRequirement, acting: readonly Role[]): boolean {
  if (!record.required) return false;
  return !record.requiredFor || (acting.length > 0 && acting.every((r) => record.requiredFor!.includes(r)));
}

/** One record as the client sees it, `required` computed for the caller's acting roles. */
export function describeRecord(record: RecordRequirement, acting: readonly Role[], when?: Condition, unless?: Condition[]): RecordDescription {
  return {
    name: record.name,
    type: record.type,
    label: record.label,
    hint: record.hint ?? null,
    required: bindsActor(record, acting),
    ...(when ? { when } : {}),
    ...(unless?.length ? { unless } : {}),
    ...(record.minLength !== undefined ? { minLength: record.minLength } : {}),
    ...(record.maxLength !== undefined ? { maxLength: record.maxLength } : {}),
    ...(record.multiline !== undefined ? { multiline: record.multiline } : {}),
    ...(record.min !== undefined ? { min: record.min } : {}),
    ...(record.max !== undefined ? { max: record.max } : {}),
    ...(record.unit ? { unit: record.unit } : {}),
    ...(record.decimals !== undefined ? { decimals: record.decimals } : {}),
    ...(record.options ? { options: record.options } : {}),
    ...(record.type === 'staff' ? { staffFilter: { positions: record.positions, skill: record.skill ?? null, ...(record.assigns ? { soloWork: true } : {}) } } : {}),
    ...(record.items
      ? {
          items: record.items.map((i) => ({
            key: i.key,
            text: i.text,
            answer: i.answer,
            points: i.points,
            weight: i.weight,
            critical: i.critical,
            photoOnFail: i.photoOnFail,
          })),
        }
      : {}),
  };
}

/** The description of one transition for an actor acting through `acting`. */
export function describeStep(t: TransitionDefinition, acting: readonly Role[]): ActionDescription {
  return {
    key: t.key,
    name: t.name,
    targets: t.to !== undefined ? [t.to] : [...new Set((t.outcomes ?? []).map((o) => o.to))],
    records: stepRecords(t).map(({ record, when, unless }) => describeRecord(record, acting, when, unless)),
  };
}

/**
 * The steps the caller may take now with the records each asks for: the engine's available
 * transitions (state, roles, facts) minus the ones the system takes by itself.
 */
export function describeActions(ctx: WorkContext, excluded: ReadonlySet<string> = new Set()): ActionDescription[] {
  return availableTransitions(ctx)
    .filter((a) => !excluded.has(a.key))
    .map((a) => {
      const t = ctx.standard.transitions.find((x) => x.key === a.key)!;
      return describeStep(t, ctx.roles.filter((r) => t.roles.includes(r)));
    });
}

/** Roles of `roles` through which a transition may be taken. */
export function actingRoles(t: TransitionDefinition, roles: readonly Role[]): Role[] {
  return roles.filter((r) => t.roles.includes(r));
}

const LENGTH_KEYS = { string: ['field.minLength', 'field.maxLength'], array: ['field.minItems', 'field.maxItems'] } as const;

/** A zod issue as a field problem worded in both languages (the error handler picks the caller's). */
function issueProblem(issue: z.core.$ZodIssue, input: unknown): FieldProblem {
  const missing = input === undefined || input === null || (typeof input === 'string' && input.trim() === '');
  if (missing && (issue.code === 'invalid_type' || issue.code === 'too_small')) return { key: 'field.required' };
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const small = issue.code === 'too_small';
    const n = Number(small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum);
    const origin = (issue as { origin?: string }).origin;
    if (origin === 'string' || origin === 'array') return { key: LENGTH_KEYS[origin][small ? 0 : 1] as MessageKey, params: { n } };
    if (origin === 'number') return { key: small ? 'field.min' : 'field.max', params: { n } };
  }
  if (issue.message === 'field.badCharacters') return { key: 'field.invalid' };
  const zh = z.locales.zhCN().localeError(issue as never);
  const en = z.locales.en().localeError(issue as never);
  const text = (v: unknown) => (typeof v === 'string' ? v : ((v as { message?: string } | undefined)?.message ?? ''));
  return text(en) ? { text: { 'zh-CN': text(zh) || text(en), 'en-US': text(en) } } : { key: 'field.invalid' };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

const UNKNOWN_RECORD: FieldProblem = {
  text: { 'zh-CN': '此步骤没有这一项', 'en-US': 'This step has no such record' },
};

/**
 * Parses a step's body against the records of the pinned standard: unknown keys and values of
 * the wrong type or out of bounds are a 400 naming each field. Presence is the engine's to check
 * (it depends on the caller's roles and on the step's own values).
 */
export function parseStepBody(t: TransitionDefinition, body: unknown): Record<string, unknown> {
  const described = stepRecords(t).map(({ record }) => describeRecord(record, []));
  const raw = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const problems: Record<string, FieldProblem> = {};
  for (const key of Object.keys(raw)) if (!described.some((d) => d.name === key)) problems[key] = UNKNOWN_RECORD;
  if (Object.keys(problems).length) throw fieldError(problems);
  const parsed = actionBodySchema(described).safeParse(raw);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.') || 'body';
    problems[field] ??= issueProblem(issue, valueAt(raw, issue.path));
  }
  throw fieldError(problems);
}

/** What the data checks need to know about the item a step is taken on. */
export interface ContractSubject {
  /** Id of the item; uploads already linked to it may be sent again. */
  id: string;
  organizationId: string;
  communityId: string;
  /** Skill of the item's category, for staff records with `skill: category`. */
  categorySkill: string | null;
  /** Of these price-list item ids, the ones on the community's published list (the module owns the list). */
  knownPriceItems(tx: DbOrTx, ids: string[]): Promise<Set<string>>;
}

const text = (zh: string, en: string): FieldProblem => ({ text: { 'zh-CN': zh, 'en-US': en } });

/** A photo or signature record: the attachment kinds it accepts. */
const UPLOAD_KINDS = { photo: ['photo', 'document'], signature: ['signature'] } as const;

/**
 * Checks each value against the data: a staff member must be active in the item's organization,
 * serve its community and hold the position and skill the record asks for, and for a record that
 * assigns the work, pass every registered solo-work check (`staff-eligibility.ts`); a unit must belong
 * to the community; photos and signatures must be unlinked uploads of the caller's organization
 * of the right kind; price lines from the list must be items of the community's price list;
 * checklist answers must name the record's items within their points. Returns problems keyed by
 * record name (or `name.index.field` inside lists).
 */
export async function checkRecordValues(
  tx: DbOrTx,
  actor: Actor,
  subject: ContractSubject,
  records: readonly RecordRequirement[],
  values: Readonly<Record<string, unknown>>,
): Promise<Record<string, FieldProblem>> {
  const problems: Record<string, FieldProblem> = {};
  for (const r of records) {
    const value = values[r.name];
    if (value === undefined || value === null) continue;
    switch (r.type) {
      case 'staff': {
        const member = await activeStaffMember(tx, subject.organizationId, value as string);
        const skill = r.skill === 'category' ? subject.categorySkill : (r.skill ?? null);
        if (!member || !member.communityIds.includes(subject.communityId)) {
          problems[r.name] = text('不是本项目在职的员工', 'Not an active staff member of this community');
        } else if (r.positions && !r.positions.includes(member.position)) {
          problems[r.name] = r.positions.includes('technician') ? { key: 'field.notTechnician' } : text('岗位不符合要求', 'Does not hold the required position');
        } else if (skill && !member.skills.includes(skill)) {
          const [zh, en] = (ENUM_LABELS.skill as Record<string, readonly [string, string]>)[skill] ?? [skill, skill];
          problems[r.name] = text(`不具备所需技能“${zh}”`, `Does not have the required skill "${en}"`);
        } else if (r.assigns) {
          // Work handed to one person: every registered eligibility rule (pre-job training …) may refuse.
          const refusal = await soloWorkRefusal(tx, { organizationId: subject.organizationId, staffId: member.id, on: localDateToday() });
          if (refusal) problems[r.name] = { text: refusal.text };
        }
        break;
      }
      case 'unit': {
        const unit = await activeUnitOf(tx, subject.communityId, value as string);
        if (!unit) problems[r.name] = { key: 'error.notFound', params: { entity: 'entity.unit' } };
        break;
      }
      case 'photo':
      case 'signature': {
        const ids = r.type === 'photo' ? (value as string[]) : [value as string];
        const request = { ids, field: r.name, purpose: r.name, kinds: [...UPLOAD_KINDS[r.type]] };
        Object.assign(problems, await checkLinkable(tx, actor, subject.id, request, r.type === 'signature'));
        break;
      }
      case 'price_lines': {
        const lines = value as PriceLine[];
        const listed = lines.map((l) => l.priceItemId).filter((x): x is string => !!x);
        const known = listed.length ? await subject.knownPriceItems(tx, listed) : new Set<string>();
        lines.forEach((line, i) => {
          if (line.priceItemId && !known.has(line.priceItemId)) problems[`${r.name}.${i}.priceItemId`] = { key: 'field.priceItemUnknown' };
        });
        break;
      }
      case 'checklist': {
        const answers = value as Record<string, ChecklistAnswer>;
        for (const [key, answer] of Object.entries(answers)) {
          const item = r.items?.find((i) => i.key === key);
          const field = `${r.name}.${key}`;
          if (!item) problems[field] = UNKNOWN_RECORD;
          else if (typeof answer.result === 'number' && item.answer === 'score' && answer.result > item.points) problems[field] = { key: 'field.max', params: { n: item.points } };
          else if (answer.result === 'fail' && item.photoOnFail && !answer.photoIds?.length) problems[field] = text('不合格项须附照片', 'A failed item needs a photo');
          else if (answer.photoIds?.length) {
            Object.assign(problems, await checkLinkable(tx, actor, subject.id, { ids: answer.photoIds, field: `${field}.photoIds`, purpose: r.name, kinds: ['photo'] }));
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return problems;
}

/** The scalar the engine sees for a record's value (conditions, outcomes, deadlines, presence). */
export function factOf(record: RecordRequirement, value: unknown): string | number | boolean | undefined {
  if (value === undefined || value === null) return undefined;
  switch (record.type) {
    case 'price_lines':
      return (value as PriceLine[]).reduce((sum, l) => sum + l.amount, 0);
    case 'item_lines':
      return (value as unknown[]).length;
    case 'checklist':
      return Object.keys(value as object).length || undefined;
    case 'photo':
    case 'signature':
    case 'consent':
      return undefined;
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
  }
}

/** Every record of every step of a standard, for callers that list record names. */
export function allRecordNames(standard: ServiceStandard): string[] {
  return [...new Set(standard.transitions.flatMap((t) => stepRecords(t).map((s) => s.record.name)))];
}
