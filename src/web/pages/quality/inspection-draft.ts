import type { InspectionTemplate, ItemAnswer } from '../../../common/quality/template';
import { appliesAt } from '../../../common/quality/scoring';

/** One answer as the inspector gives it on the phone. */
export interface DraftAnswer extends ItemAnswer {
  note?: string;
  photoIds?: string[];
}

/** A half-done inspection, kept on the phone per inspection so a reload or a dropped network loses nothing. */
export interface InspectionDraft {
  /** Answers keyed `category.item`. */
  answers: Record<string, DraftAnswer>;
  /** The item on screen (the summary once past the last). */
  index: number;
}

/**
 * A submission waiting for the network: the step's body (its signature as a PNG data URL until it
 * is uploaded), and the Idempotency-Key it is sent with every time, so a resend writes nothing twice.
 */
export interface OutboxEntry {
  action: string;
  body: Record<string, unknown>;
  signatureField?: string;
  signaturePng?: string;
  signatureId?: string;
  idempotencyKey: string;
}

const draftKey = (id: string) => `wuye.quality.draft.${id}`;
const outboxKey = (id: string) => `wuye.quality.outbox.${id}`;

function read<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export const loadDraft = (id: string): InspectionDraft => read<InspectionDraft>(draftKey(id)) ?? { answers: {}, index: 0 };
export const saveDraft = (id: string, draft: InspectionDraft) => window.localStorage.setItem(draftKey(id), JSON.stringify(draft));
export const hasDraft = (id: string) => window.localStorage.getItem(draftKey(id)) !== null;
export const loadOutbox = (id: string) => read<OutboxEntry>(outboxKey(id));
export const saveOutbox = (id: string, entry: OutboxEntry) => window.localStorage.setItem(outboxKey(id), JSON.stringify(entry));

/** Forgets an inspection's draft and outbox once the server took it. */
export function forget(id: string): void {
  window.localStorage.removeItem(draftKey(id));
  window.localStorage.removeItem(outboxKey(id));
}

/** The items of a template that apply at a service level, in order, with their `category.item` path. */
export function applicableItems(template: InspectionTemplate, level: string) {
  return template.categories.flatMap((category) => category.items.filter((item) => appliesAt(item, level)).map((item) => ({ category, item, path: `${category.key}.${item.key}` })));
}

/** Whether an answer gives what its item asks (or N/A). */
export function isAnswered(answer: DraftAnswer | undefined, type: string): boolean {
  if (!answer) return false;
  if (answer.result === 'na') return true;
  switch (type) {
    case 'pass_fail':
      return answer.result === 'pass' || answer.result === 'fail';
    case 'score':
      return answer.score !== undefined;
    case 'number':
      return answer.value !== undefined;
    default:
      return Boolean(answer.text?.trim());
  }
}

/** The `answers` of the submit step: `{ category: { item: {...} } }` with only the value of each item's type. */
export function answersBody(template: InspectionTemplate, level: string, draft: InspectionDraft): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const { category, item, path } of applicableItems(template, level)) {
    const a = draft.answers[path];
    if (!a) continue;
    const value: Record<string, unknown> = {};
    if (a.result === 'na') value.result = 'na';
    else if (item.answer === 'pass_fail' && a.result) value.result = a.result;
    else if (item.answer === 'score' && a.score !== undefined) value.score = a.score;
    else if (item.answer === 'number' && a.value !== undefined) value.value = a.value;
    else if (item.answer === 'text' && a.text?.trim()) value.text = a.text.trim();
    if (a.note?.trim()) value.note = a.note.trim();
    if (a.photoIds?.length && a.result !== 'na') value.photoIds = a.photoIds;
    (out[category.key] ??= {})[item.key] = value;
  }
  return out;
}

export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** A data URL back to its bytes (decoded here: the console's CSP does not let fetch read data: URLs). */
export function dataUrlToBlob(url: string): Blob {
  const [head, data = ''] = url.split(',', 2) as [string, string?];
  const type = /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}
