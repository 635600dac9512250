import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type {
  inspectionCategorySchema} from '../../../common/quality/template';
import {
  ANSWER_TYPES,
  POSTS,
  SEVERITIES,
  categoryLibrarySchema,
  inspectionTemplateInputSchema,
  type InspectionCategory,
  type InspectionItem,
  type InspectionTemplate,
} from '../../../common/quality/template';
import type { Locale } from '../../../common/locale';

/**
 * Inspection templates: the checks a template must pass beyond its shape, each a problem at a
 * dotted path with a text in both languages; materialising (category keys replaced by the library's
 * categories, defaults applied); loading the library directory (`standards/inspections/`).
 */

export type TemplateProblemCode =
  | 'invalid_value'
  | 'unknown_answer'
  | 'unknown_severity'
  | 'unknown_post'
  | 'duplicate_key'
  | 'unknown_category'
  | 'non_positive_points'
  | 'non_positive_weight'
  | 'bounds_inverted'
  | 'pass_outside_bounds'
  | 'pass_range_inverted'
  | 'number_fields_on_other_type'
  | 'number_needs_pass'
  | 'non_positive_duration';

export interface TemplateProblem {
  path: string;
  code: TemplateProblemCode;
  params: Record<string, string | number>;
}

const TEXTS: Record<TemplateProblemCode, Record<Locale, string>> = {
  invalid_value: { 'zh-CN': '格式不正确：{message}', 'en-US': 'Not valid: {message}' },
  unknown_answer: { 'zh-CN': '未知的答题方式“{value}”，可用：pass_fail、score、number、text', 'en-US': 'Unknown answer type "{value}"; use pass_fail, score, number or text' },
  unknown_severity: { 'zh-CN': '未知的严重程度“{value}”，可用：minor、major、critical', 'en-US': 'Unknown severity "{value}"; use minor, major or critical' },
  unknown_post: { 'zh-CN': '未知的岗位“{value}”，可用：desk、gate、parking、area、clubhouse', 'en-US': 'Unknown post "{value}"; use desk, gate, parking, area or clubhouse' },
  duplicate_key: { 'zh-CN': '键“{key}”重复', 'en-US': 'The key "{key}" is used twice' },
  unknown_category: { 'zh-CN': '分类库中没有“{key}”', 'en-US': 'The category library has no "{key}"' },
  non_positive_points: { 'zh-CN': '计分项的满分须大于 0', 'en-US': 'A scored item needs points above 0' },
  non_positive_weight: { 'zh-CN': '权重须大于 0', 'en-US': 'The weight must be above 0' },
  bounds_inverted: { 'zh-CN': '最小值 {min} 大于最大值 {max}', 'en-US': 'The minimum {min} is above the maximum {max}' },
  pass_outside_bounds: { 'zh-CN': '合格范围须在 {min} 到 {max} 之间', 'en-US': 'The pass range must lie between {min} and {max}' },
  pass_range_inverted: { 'zh-CN': '合格下限 {min} 大于上限 {max}', 'en-US': 'The pass minimum {min} is above its maximum {max}' },
  number_fields_on_other_type: { 'zh-CN': '只有数值项（number）才有 min、max、unit、pass', 'en-US': 'Only number items have min, max, unit and pass' },
  number_needs_pass: { 'zh-CN': '数值项须写明合格范围 pass（min 或 max）', 'en-US': 'A number item needs its pass range (pass.min or pass.max)' },
  non_positive_duration: { 'zh-CN': '整改期限须大于 0', 'en-US': 'The rectification deadline must be above 0' },
};

/** The text of a problem in a language. */
export function templateProblemMessage(p: TemplateProblem, locale: Locale): string {
  return TEXTS[p.code][locale].replace(/\{(\w+)\}/g, (_m, name: string) => String(p.params[name] ?? ''));
}

function zodProblems(error: z.ZodError, prefix = ''): TemplateProblem[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), code: 'invalid_value' as const, params: { message: i.message } }));
}

function checkItem(item: InspectionItem | z.output<typeof inspectionCategorySchema>['items'][number], path: string, out: TemplateProblem[]): void {
  if (!(ANSWER_TYPES as readonly string[]).includes(item.answer)) out.push({ path: `${path}.answer`, code: 'unknown_answer', params: { value: item.answer } });
  if (!(SEVERITIES as readonly string[]).includes(item.severity)) out.push({ path: `${path}.severity`, code: 'unknown_severity', params: { value: item.severity } });
  if (item.answer !== 'text' && !(item.points > 0)) out.push({ path: `${path}.points`, code: 'non_positive_points', params: {} });
  if (!(item.weight > 0)) out.push({ path: `${path}.weight`, code: 'non_positive_weight', params: {} });
  if (item.answer !== 'number') {
    for (const f of ['min', 'max', 'unit', 'pass'] as const) {
      if (item[f] !== undefined) out.push({ path: `${path}.${f}`, code: 'number_fields_on_other_type', params: {} });
    }
    return;
  }
  const lo = item.min ?? -Infinity;
  const hi = item.max ?? Infinity;
  if (lo > hi) out.push({ path: `${path}.max`, code: 'bounds_inverted', params: { min: lo, max: hi } });
  if (!item.pass || (item.pass.min === undefined && item.pass.max === undefined)) {
    out.push({ path: `${path}.pass`, code: 'number_needs_pass', params: {} });
    return;
  }
  const { min: pmin, max: pmax } = item.pass;
  if (pmin !== undefined && pmax !== undefined && pmin > pmax) out.push({ path: `${path}.pass.max`, code: 'pass_range_inverted', params: { min: pmin, max: pmax } });
  for (const [f, v] of [['min', pmin], ['max', pmax]] as const) {
    if (v !== undefined && (v < lo || v > hi)) out.push({ path: `${path}.pass.${f}`, code: 'pass_outside_bounds', params: { min: item.min ?? '-∞', max: item.max ?? '∞' } });
  }
}

/** Problems of one category (its weight, its items' keys and each item), at `path`. */
function checkCategory(category: z.output<typeof inspectionCategorySchema>, path: string, out: TemplateProblem[]): void {
  if (!(category.weight > 0)) out.push({ path: `${path}.weight`, code: 'non_positive_weight', params: {} });
  const seen = new Set<string>();
  category.items.forEach((item, i) => {
    if (seen.has(item.key)) out.push({ path: `${path}.items.${i}.key`, code: 'duplicate_key', params: { key: item.key } });
    seen.add(item.key);
    checkItem(item, `${path}.items.${i}`, out);
  });
}

/** Checks the category library (`categories.yaml`); returns its categories by key or the problems. */
export function checkCategoryLibrary(input: unknown): { ok: true; categories: Map<string, InspectionCategory> } | { ok: false; problems: TemplateProblem[] } {
  const parsed = categoryLibrarySchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const problems: TemplateProblem[] = [];
  const categories = new Map<string, InspectionCategory>();
  parsed.data.categories.forEach((c, i) => {
    if (categories.has(c.key)) problems.push({ path: `categories.${i}.key`, code: 'duplicate_key', params: { key: c.key } });
    checkCategory(c, `categories.${i}`, problems);
    categories.set(c.key, c as InspectionCategory);
  });
  return problems.length ? { ok: false, problems } : { ok: true, categories };
}

/**
 * Checks a template and materialises it: category keys are looked up in `library` (a stored
 * version holds its categories inline), defaults are applied. Problems name the field
 * (`categories.2.items.0.pass.min`) and carry a text in both languages.
 */
export function checkTemplate(input: unknown, library: ReadonlyMap<string, InspectionCategory>): { ok: true; template: InspectionTemplate } | { ok: false; problems: TemplateProblem[] } {
  const parsed = inspectionTemplateInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const t = parsed.data;
  const problems: TemplateProblem[] = [];
  if (!(POSTS as readonly string[]).includes(t.post)) problems.push({ path: 'post', code: 'unknown_post', params: { value: t.post } });
  for (const s of SEVERITIES) {
    const d = t.rectification[s];
    if (('minutes' in d ? d.minutes : d.workingDays) <= 0) problems.push({ path: `rectification.${s}`, code: 'non_positive_duration', params: {} });
  }
  const categories: InspectionCategory[] = [];
  const seen = new Set<string>();
  t.categories.forEach((ref, i) => {
    const key = typeof ref === 'string' ? ref : ref.key;
    if (seen.has(key)) problems.push({ path: `categories.${i}`, code: 'duplicate_key', params: { key } });
    seen.add(key);
    if (typeof ref === 'string') {
      const found = library.get(ref);
      if (!found) problems.push({ path: `categories.${i}`, code: 'unknown_category', params: { key: ref } });
      else categories.push(found);
    } else {
      checkCategory(ref, `categories.${i}`, problems);
      categories.push(ref as InspectionCategory);
    }
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, template: { ...t, post: t.post as InspectionTemplate['post'], categories: structuredClone(categories) } };
}

/** The inspection library: its categories and its materialised templates by key. */
export interface InspectionLibrary {
  categories: Map<string, InspectionCategory>;
  templates: Map<string, InspectionTemplate>;
}

/** A library file that failed its checks: the file, and each problem with its text. */
export class InspectionLibraryError extends Error {
  constructor(readonly problems: Array<{ file: string } & TemplateProblem>) {
    super(`inspection library: ${problems.map((p) => `${p.file}${p.path ? `#${p.path}` : ''}: ${templateProblemMessage(p, 'en-US')}`).join('; ')}`);
  }
}

/**
 * Loads an inspection library directory: `categories.yaml` and one template per other YAML file,
 * named after its key. Throws `InspectionLibraryError` naming every problem of every file.
 */
export function loadInspectionLibrary(dir: string): InspectionLibrary {
  const files = readdirSync(dir).filter((f) => ['.yaml', '.yml'].includes(extname(f))).sort();
  const problems: Array<{ file: string } & TemplateProblem> = [];
  const read = (f: string): unknown => parseYaml(readFileSync(join(dir, f), 'utf8'));
  const catFile = files.find((f) => basename(f, extname(f)) === 'categories');
  let categories = new Map<string, InspectionCategory>();
  if (!catFile) problems.push({ file: 'categories.yaml', path: '', code: 'invalid_value', params: { message: 'missing' } });
  else {
    const checked = checkCategoryLibrary(read(catFile));
    if (checked.ok) categories = checked.categories;
    else problems.push(...checked.problems.map((p) => ({ file: catFile, ...p })));
  }
  const templates = new Map<string, InspectionTemplate>();
  for (const f of files) {
    if (f === catFile) continue;
    const checked = checkTemplate(read(f), categories);
    if (!checked.ok) problems.push(...checked.problems.map((p) => ({ file: f, ...p })));
    else if (checked.template.key !== basename(f, extname(f))) problems.push({ file: f, path: 'key', code: 'invalid_value', params: { message: `the file must be named ${checked.template.key}.yaml` } });
    else templates.set(checked.template.key, checked.template);
  }
  if (problems.length) throw new InspectionLibraryError(problems);
  return { categories, templates };
}
