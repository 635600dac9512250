import type { Locale } from '../../../common/locale';
import type { ActionDescription, ChecklistAnswer, RecordDescription } from '../../../common/work/records';

/**
 * What a step form holds and sends, without React and without zod (the owner portal uses it and
 * stays small): which records are shown (`when`), the request body from the form's values (money
 * in yuan on screen, fen on the wire; dates as ISO text) and whether a required value is missing.
 * The check against the record's schema is in `step-check.ts`.
 */

/** A price line as the form holds it: unit price in yuan as typed or taken from the price list. */
export interface PriceLineInput {
  priceItemId?: string;
  name?: string;
  quantity?: number;
  unitYuan?: number;
}

/** An item line as the form holds it. */
export interface ItemLineInput {
  name?: string;
  quantity?: number;
}

/** A drawn signature not uploaded yet: it is uploaded when the step is sent, and its id goes in the body. */
export interface PendingSignature {
  readonly kind: 'pending-signature';
  toPng: () => Promise<Blob | null>;
}

/** Something with a `toISOString`/`format` (a dayjs value) as the date pickers give it. */
interface DateLike {
  toISOString: () => string;
  format: (template: string) => string;
}

export type FormValues = Record<string, unknown>;

const isDateLike = (v: unknown): v is DateLike =>
  typeof v === 'object' && v !== null && typeof (v as DateLike).toISOString === 'function' && typeof (v as DateLike).format === 'function';

/** Yuan as typed (2 decimals) to whole fen. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** The amount of a price line in fen: unit price × quantity. */
export function lineAmountFen(line: PriceLineInput | undefined): number {
  return yuanToFen(line?.unitYuan ?? 0) * (line?.quantity ?? 1);
}

/**
 * One record's value as the API takes it, from the form's value; undefined when nothing was
 * given (an empty text, no photos, an unticked consent, no lines). Signatures stay pending here:
 * {@link resolveSignatures} uploads them.
 */
export function toBodyValue(record: RecordDescription, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (record.type) {
    case 'text':
    case 'choice':
    case 'staff':
    case 'unit': {
      if (typeof value !== 'string') return value;
      const text = value.trim();
      return text ? text : undefined;
    }
    case 'number':
    case 'boolean':
      return value;
    case 'money':
      return typeof value === 'number' ? yuanToFen(value) : value;
    case 'datetime':
      return isDateLike(value) ? value.toISOString() : value;
    case 'date':
      return isDateLike(value) ? value.format('YYYY-MM-DD') : value;
    case 'photo':
      return Array.isArray(value) && value.length === 0 ? undefined : value;
    case 'signature':
      return value;
    case 'consent':
      // An unticked box is "not given", so a required consent is reported as missing.
      return value === true ? true : undefined;
    case 'checklist': {
      const answers = Object.entries(value as Record<string, Partial<ChecklistAnswer> | undefined>).flatMap(([key, a]) => {
        if (!a || a.result === undefined || a.result === null) return [];
        const note = typeof a.note === 'string' && a.note.trim() ? a.note.trim() : undefined;
        const photoIds = a.photoIds?.length ? a.photoIds : undefined;
        return [[key, { result: a.result, ...(note ? { note } : {}), ...(photoIds ? { photoIds } : {}) }] as const];
      });
      return answers.length ? Object.fromEntries(answers) : undefined;
    }
    case 'price_lines': {
      const lines = (value as (PriceLineInput | undefined)[]).filter((l): l is PriceLineInput => Boolean(l));
      if (!lines.length) return undefined;
      return lines.map((l) => ({
        ...(l.priceItemId ? { priceItemId: l.priceItemId } : {}),
        name: l.name?.trim() ?? '',
        quantity: l.quantity ?? 1,
        amount: lineAmountFen(l),
      }));
    }
    case 'item_lines': {
      const lines = (value as (ItemLineInput | undefined)[]).filter((l): l is ItemLineInput => Boolean(l?.name?.trim()));
      if (!lines.length) return undefined;
      return lines.map((l) => ({ name: l.name!.trim(), quantity: l.quantity ?? 1 }));
    }
  }
}

const sameValue = (a: unknown, b: unknown) => a === b;

/**
 * Whether a record's `when` holds for the step's values: every entry must (equal, any of a list,
 * or `{ not }`: absent or different). A key that is not a record of the step is a fact of the work
 * item the server resolves; it is looked up in `facts` and, when unknown, does not hide the field
 * (hiding a field the server then requires would leave the user stuck).
 */
export function conditionHolds(
  when: RecordDescription['when'],
  action: ActionDescription,
  values: FormValues,
  facts: Readonly<Record<string, unknown>> = {},
): boolean {
  if (!when) return true;
  for (const [key, expected] of Object.entries(when)) {
    const record = action.records.find((r) => r.name === key);
    let actual: unknown;
    if (record) actual = toBodyValue(record, values[key]);
    else if (key in facts) actual = facts[key];
    else continue;
    const negate = typeof expected === 'object' && expected !== null && !Array.isArray(expected);
    const want = negate ? (expected as { not: unknown }).not : expected;
    const matches = Array.isArray(want) ? want.some((w) => sameValue(actual, w)) : actual !== undefined && sameValue(actual, want);
    if (negate ? matches : !matches) return false;
  }
  return true;
}

/** Like `conditionHolds`, but an entry the form cannot evaluate does not hold (an earlier outcome rules a record out only when it surely applies). */
function strictlyHolds(when: NonNullable<RecordDescription['when']>, action: ActionDescription, values: FormValues, facts: Readonly<Record<string, unknown>> = {}): boolean {
  return Object.keys(when).every((key) => action.records.some((r) => r.name === key) || key in facts) && conditionHolds(when, action, values, facts);
}

/** The records of the step the form shows now, in the standard's order. */
export function shownRecords(action: ActionDescription, values: FormValues, facts?: Readonly<Record<string, unknown>>): RecordDescription[] {
  return action.records.filter((r) => conditionHolds(r.when, action, values, facts) && !(r.unless ?? []).some((u) => strictlyHolds(u, action, values, facts)));
}

/**
 * The request body of the step: the values of the shown records that were given, keyed by record
 * name. A field hidden by `when` is not sent, even if it was filled before it was hidden.
 */
export function stepBody(action: ActionDescription, values: FormValues, facts?: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const record of shownRecords(action, values, facts)) {
    const value = toBodyValue(record, values[record.name]);
    if (value !== undefined) body[record.name] = value;
  }
  return body;
}

/** Uploads the body's pending signatures (see {@link PendingSignature}) and puts their ids in their place. */
export async function resolveSignatures(body: Record<string, unknown>, upload: (png: Blob) => Promise<string>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...body };
  for (const [name, value] of Object.entries(body)) {
    if (isPendingSignature(value)) {
      const png = await value.toPng();
      if (png) out[name] = await upload(png);
      else delete out[name];
    }
  }
  return out;
}

export function isPendingSignature(value: unknown): value is PendingSignature {
  return typeof value === 'object' && value !== null && (value as PendingSignature).kind === 'pending-signature';
}

/** Why a record's value is refused, as a key of the step form's texts with its variables. */
export type RecordProblem = { key: 'required' | 'consent' | 'checklistIncomplete' | 'invalid' } | { key: 'range' | 'length' | 'count'; min?: number; max?: number };

/** Whether a record's form value is missing when the record is required (null when fine). */
export function presenceProblem(record: RecordDescription, formValue: unknown): RecordProblem | null {
  if (record.type === 'signature' && isPendingSignature(formValue)) return null;
  const value = toBodyValue(record, formValue);
  if (value === undefined) return record.required ? { key: record.type === 'consent' ? 'consent' : 'required' } : null;
  if (record.type === 'checklist' && record.required) {
    const answered = value as Record<string, unknown>;
    if ((record.items ?? []).some((item) => !(item.key in answered))) return { key: 'checklistIncomplete' };
  }
  return null;
}

/** Why a value the record's schema refuses is wrong, in the terms of the record's bounds (money in yuan). */
export function boundsProblem(record: RecordDescription): RecordProblem {
  switch (record.type) {
    case 'text':
      return { key: 'length', min: record.minLength || undefined, max: record.maxLength };
    case 'number':
      return { key: 'range', min: record.min, max: record.max };
    case 'money':
      return { key: 'range', min: record.min === undefined ? undefined : record.min / 100, max: record.max === undefined ? undefined : record.max / 100 };
    case 'photo':
      return { key: 'count', min: record.min, max: record.max };
    default:
      return { key: 'invalid' };
  }
}

/** The API value of a form value for the schema check (a pending signature is not checked: its id comes at sending). */
export function checkedValue(record: RecordDescription, formValue: unknown): unknown {
  return isPendingSignature(formValue) ? undefined : toBodyValue(record, formValue);
}

/** Picks the UI language's text of a description, Chinese when the other is empty. */
export function localText(text: Record<Locale, string> | null | undefined, locale: Locale): string {
  return text ? text[locale] || text['zh-CN'] : '';
}
