import type { RecordType } from '../../../common/work/records';
import type { RecordRequirement } from '../../api/standards';

/** One record row of the step-records editor as the form holds it (labels split by language, money bounds in yuan). */
export interface RowValue {
  /** Position of the record in the step before editing; absent for a new row. */
  original?: number;
  name?: string;
  type?: RecordType;
  labelZh?: string;
  labelEn?: string;
  required?: boolean;
  /** Staff only: kept off what the owner reads. */
  internal?: boolean;
  minLength?: number;
  maxLength?: number;
  multiline?: boolean;
  min?: number;
  max?: number;
  decimals?: number;
  unitZh?: string;
  unitEn?: string;
  options?: { key?: string; zh?: string; en?: string }[];
  positions?: string[];
  skill?: string;
}

// Every bound a record may carry; a record whose type changes loses the old type's bounds.
const BOUNDS = ['minLength', 'maxLength', 'multiline', 'min', 'max', 'unit', 'decimals', 'options', 'positions', 'skill', 'assigns', 'appointment', 'items'] as const;
/** A record name as the standard format takes it. */
export const RECORD_NAME = /^[a-z][a-z0-9_]*$/;

/** The editor row of a stored record. */
export function rowOf(record: RecordRequirement, index: number): RowValue {
  const money = record.type === 'money';
  return {
    original: index,
    name: record.name,
    type: record.type,
    labelZh: record.label['zh-CN'],
    labelEn: record.label['en-US'],
    required: record.required,
    internal: record.internal,
    minLength: record.minLength,
    maxLength: record.maxLength,
    multiline: record.multiline,
    min: money && record.min !== undefined ? record.min / 100 : record.min,
    max: money && record.max !== undefined ? record.max / 100 : record.max,
    decimals: record.decimals,
    unitZh: record.unit?.['zh-CN'],
    unitEn: record.unit?.['en-US'],
    options: record.options?.map((o) => ({ key: o.key, zh: o.label['zh-CN'], en: o.label['en-US'] })),
    positions: record.positions,
    skill: record.skill,
  };
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v);
const txt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/**
 * The stored record from a row: what the editor does not show (who it binds, checklist items,
 * hints, the fact name, `assigns`, `appointment`) is kept from the original; a type change drops the old bounds.
 */
export function recordOf(row: RowValue, original: RecordRequirement | undefined): RecordRequirement {
  const type = row.type ?? 'text';
  const base: Record<string, unknown> = { ...original };
  if (!original || original.type !== type) for (const b of BOUNDS) delete base[b];
  const zh = row.labelZh?.trim() ?? '';
  const out: Record<string, unknown> = { ...base, name: row.name?.trim() ?? '', type, label: { 'zh-CN': zh, 'en-US': row.labelEn?.trim() || zh }, required: Boolean(row.required) };
  const set = (key: string, value: unknown) => {
    if (value === undefined) delete out[key];
    else out[key] = value;
  };
  set('internal', row.internal || undefined);
  switch (type) {
    case 'text':
      set('minLength', num(row.minLength));
      set('maxLength', num(row.maxLength));
      set('multiline', row.multiline || undefined);
      break;
    case 'number': {
      set('min', num(row.min));
      set('max', num(row.max));
      set('decimals', num(row.decimals));
      const unitZh = txt(row.unitZh);
      set('unit', unitZh ? { 'zh-CN': unitZh, 'en-US': txt(row.unitEn) ?? unitZh } : undefined);
      break;
    }
    case 'money':
      set('min', row.min === undefined || row.min === null ? undefined : Math.round(row.min * 100));
      set('max', row.max === undefined || row.max === null ? undefined : Math.round(row.max * 100));
      break;
    case 'photo':
      set('min', num(row.min));
      set('max', num(row.max));
      break;
    case 'choice':
      set(
        'options',
        (row.options ?? []).filter((o) => o?.key?.trim()).map((o) => ({ key: o.key!.trim(), label: { 'zh-CN': o.zh?.trim() ?? '', 'en-US': o.en?.trim() || o.zh?.trim() || '' } })),
      );
      break;
    case 'staff':
      set('positions', row.positions?.length ? row.positions : undefined);
      set('skill', txt(row.skill));
      break;
    default:
      break;
  }
  return out as RecordRequirement;
}
