import type { z } from 'zod';
import { answersInputSchema, type InspectionTemplate } from '../../../common/quality/template';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { fieldError, type FieldProblem } from '../../errors';
import { checkAttachments } from '../../work/attachment-links';
import { appliesAt, itemResult } from './scoring';
import { INSPECTION_SUBJECT } from './repository';
import type { StoredAnswers } from './tables';

const EXPECTED: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  pass_fail: { 'zh-CN': '合格 / 不合格 / 不适用（result）', 'en-US': 'pass / fail / not applicable (result)' },
  score: { 'zh-CN': '得分（score）或不适用', 'en-US': 'a score (score) or not applicable' },
  number: { 'zh-CN': '读数（value）或不适用', 'en-US': 'a reading (value) or not applicable' },
  text: { 'zh-CN': '文字（text）或不适用', 'en-US': 'text (text) or not applicable' },
};

/**
 * Checks an inspection's answers against the template version it pinned, at the community's
 * level: every applicable item answered with the value of its type within its bounds, nothing
 * outside the template, a photo on each failure that needs one, photos that are the caller's
 * organization's unlinked uploads. Problems are keyed `answers.<category>.<item>[.field]`; throws
 * one 400 naming them all. Returns the answers as stored.
 */
export async function checkAnswers(tx: DbOrTx, actor: Actor, inspection: { id: string; level: string }, template: InspectionTemplate, raw: unknown): Promise<StoredAnswers> {
  const problems: Record<string, FieldProblem> = {};
  const parsed = answersInputSchema.safeParse(raw ?? undefined);
  if (raw === undefined || raw === null) throw fieldError({ answers: { key: 'field.required' } });
  if (!parsed.success) {
    for (const issue of (parsed.error as z.ZodError).issues) problems[['answers', ...issue.path.map(String)].join('.')] ??= { key: 'field.invalid' };
    throw fieldError(problems);
  }
  const answers = parsed.data;
  for (const [cat, items] of Object.entries(answers)) {
    const category = template.categories.find((c) => c.key === cat);
    for (const key of Object.keys(items)) {
      const item = category?.items.find((i) => i.key === key);
      if (!item) problems[`answers.${cat}.${key}`] = { key: 'field.notInTemplate' };
      else if (!appliesAt(item, inspection.level)) problems[`answers.${cat}.${key}`] = { key: 'field.notAtLevel' };
    }
  }
  const photos: { field: string; ids: string[] }[] = [];
  for (const category of template.categories) {
    for (const item of category.items) {
      if (!appliesAt(item, inspection.level)) continue;
      const field = `answers.${category.key}.${item.key}`;
      const a = answers[category.key]?.[item.key];
      if (!a) {
        problems[field] ??= { key: 'field.required' };
        continue;
      }
      const given = (['result', 'score', 'value', 'text'] as const).filter((f) => a[f] !== undefined);
      const na = a.result === 'na';
      const wanted = { pass_fail: 'result', score: 'score', number: 'value', text: 'text' }[item.answer];
      if (given.length !== 1 || (!na && given[0] !== wanted)) {
        const expected = EXPECTED[item.answer]!;
        problems[field] ??= { text: { 'zh-CN': `这一项须答：${expected['zh-CN']}`, 'en-US': `This item is answered with ${expected['en-US']}` } };
        continue;
      }
      if (a.score !== undefined && a.score > item.points) problems[`${field}.score`] = { key: 'field.max', params: { n: item.points } };
      if (a.value !== undefined && ((item.min !== undefined && a.value < item.min) || (item.max !== undefined && a.value > item.max))) {
        problems[`${field}.value`] = { key: 'field.range', params: { min: item.min ?? '-∞', max: item.max ?? '∞' } };
      }
      if (itemResult(item, a).outcome === 'fail' && item.photoOnFail && !a.photoIds?.length) problems[`${field}.photoIds`] = { key: 'field.failNeedsPhoto' };
      if (a.photoIds?.length) photos.push({ field: `${field}.photoIds`, ids: a.photoIds });
    }
  }
  for (const p of photos) {
    Object.assign(problems, await checkAttachments(tx, actor, { ids: p.ids, field: p.field, kinds: ['photo'], subject: { type: INSPECTION_SUBJECT, id: inspection.id } }));
  }
  if (Object.keys(problems).length) throw fieldError(problems);
  return answers as StoredAnswers;
}
