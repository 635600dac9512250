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
 * A submission waiting for the network: the step's record values, the answers as they were
 * submitted (photos taken offline still as `local:` ids), the signature as a PNG blob until it is
 * uploaded, and the Idempotency-Key it is sent with every time, so a resend writes nothing twice.
 */
export interface OutboxEntry {
  action: string;
  body: Record<string, unknown>;
  answers: Record<string, Record<string, Record<string, unknown>>>;
  signatureField?: string;
  signature?: Blob;
  signatureId?: string;
  /** Server ids of the photos uploaded so far, by their local id (a resend does not upload them again). */
  uploaded: Record<string, string>;
  idempotencyKey: string;
}

// Everything is kept in IndexedDB (photos as blobs), per inspection: a reload, a closed tab or a
// dropped network loses nothing. A localStorage marker per draft lets lists tell at once which
// inspections have one.
const DB_NAME = 'wuye-quality';
const DRAFTS = 'drafts';
const OUTBOX = 'outbox';
const PHOTOS = 'photos';
const marker = (id: string) => `wuye.quality.draft.${id}`;
const LOCAL = 'local:';

let opening: Promise<IDBDatabase> | null = null;
function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(DRAFTS);
      db.createObjectStore(OUTBOX);
      db.createObjectStore(PHOTOS).createIndex('inspection', 'inspectionId');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = fn(tx.objectStore(store));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

export const loadDraft = async (id: string): Promise<InspectionDraft> => ((await run<InspectionDraft>(DRAFTS, 'readonly', (s) => s.get(id))) ?? { answers: {}, index: 0 });
export async function saveDraft(id: string, draft: InspectionDraft): Promise<void> {
  await run(DRAFTS, 'readwrite', (s) => s.put(draft, id));
  window.localStorage.setItem(marker(id), '1');
}
export const hasDraft = (id: string) => window.localStorage.getItem(marker(id)) !== null;
export const loadOutbox = async (id: string): Promise<OutboxEntry | null> => (await run<OutboxEntry>(OUTBOX, 'readonly', (s) => s.get(id))) ?? null;
export const saveOutbox = async (id: string, entry: OutboxEntry) => void (await run(OUTBOX, 'readwrite', (s) => s.put(entry, id)));
export const dropOutbox = async (id: string) => void (await run(OUTBOX, 'readwrite', (s) => s.delete(id)));

/** Keeps a photo taken during an inspection on the phone; its id (`local:…`) stands in the draft until it is uploaded. */
export async function keepPhoto(inspectionId: string, blob: Blob): Promise<string> {
  const id = `${LOCAL}${crypto.randomUUID()}`;
  await run(PHOTOS, 'readwrite', (s) => s.put({ inspectionId, blob }, id));
  return id;
}
export const isLocalPhoto = (id: string) => id.startsWith(LOCAL);
export const localPhoto = async (id: string): Promise<Blob | null> => (await run<{ blob: Blob }>(PHOTOS, 'readonly', (s) => s.get(id)))?.blob ?? null;
export const dropPhoto = async (id: string) => void (await run(PHOTOS, 'readwrite', (s) => s.delete(id)));

/** Forgets an inspection's draft, outbox and photos once the server took it. */
export async function forget(id: string): Promise<void> {
  window.localStorage.removeItem(marker(id));
  await run(DRAFTS, 'readwrite', (s) => s.delete(id));
  await run(OUTBOX, 'readwrite', (s) => s.delete(id));
  await run(PHOTOS, 'readwrite', (s) => {
    const cursor = s.index('inspection').openKeyCursor(IDBKeyRange.only(id));
    cursor.onsuccess = () => {
      if (!cursor.result) return;
      s.delete(cursor.result.primaryKey);
      cursor.result.continue();
    };
  });
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
