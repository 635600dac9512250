import { createUser } from '../../src/server/auth/commands/create-user';
import { systemContext } from '../../src/server/auth/context';
import type { Database } from '../../src/server/db/client';
import { DEMO_PASSWORD } from '../../src/server/seed/demo';
import { effectiveStandard } from '../../src/server/modules/standards/repository';
import { saveTemplateVersion } from '../../src/server/modules/quality/commands/save-template-version';
import { effectiveTemplate, libraryTemplateVersion } from '../../src/server/modules/quality/repository';
import { answerMap } from '../../src/server/modules/quality/inspection-step';
import type { StoredAnswer, StoredAnswers } from '../../src/server/modules/quality/tables';
import { appliesAt, itemResult, scoreInspection } from '../../src/common/quality/scoring';
import type { InspectionItem, InspectionTemplate } from '../../src/common/quality/template';
import { formatNumber } from '../../src/server/work/numbering';
import { kindPrefix } from '../../src/server/work/subjects';
import { addLocalDays, localInstant } from '../../src/server/work/plans';
import { chineseName } from '../../src/server/seed/random';
import { BulkWriter } from '../lib/bulk';
import { Prng } from '../lib/prng';
import { generateRegistry, type GeneratedCommunity } from './registry';

/** Accounts of the generated company (password: the demo password). */
export const QUALITY_LOGINS = { admin: 'bench-admin', inspector: 'bench-inspector' } as const;
export const QUALITY_PASSWORD = DEMO_PASSWORD;
/** Items of the gate template the benchmark company keeps (a company version of the library's gate post template). */
export const BENCH_GATE_ITEMS = 30;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

type StaffKind = 'guard' | 'desk' | 'cleaner';
interface Round {
  templateKey: string;
  place: string;
  kind: 'self' | 'spot';
  /** Local minutes after midnight the window opens. */
  at: number;
  windowMinutes: number;
  staff: StaffKind;
}

/**
 * What one community inspects each day (30 inspections): three gates each shift by the guard on
 * duty and before the two rush hours by the inspector, the desk twice by itself and once checked,
 * two parking posts each shift and once checked, four zones of public areas once a day.
 */
const ROUNDS: Round[] = [
  ...['东门岗', '西门岗', '南门岗'].flatMap((place): Round[] => [
    ...[7 * 60 + 30, 15 * 60 + 30, 23 * 60 + 30].map((at) => ({ templateKey: 'window_gate', place, kind: 'self' as const, at, windowMinutes: 60, staff: 'guard' as const })),
    ...[7 * 60, 17 * 60].map((at) => ({ templateKey: 'window_gate', place, kind: 'spot' as const, at, windowMinutes: 120, staff: 'guard' as const })),
  ]),
  { templateKey: 'window_desk', place: '客服中心', kind: 'self', at: 8 * 60 + 30, windowMinutes: 60, staff: 'desk' },
  { templateKey: 'window_desk', place: '客服中心', kind: 'self', at: 13 * 60 + 30, windowMinutes: 60, staff: 'desk' },
  { templateKey: 'window_desk', place: '客服中心', kind: 'spot', at: 9 * 60, windowMinutes: 120, staff: 'desk' },
  ...['地库收费岗', '地面车场岗'].flatMap((place): Round[] => [
    ...[7 * 60 + 40, 15 * 60 + 40, 23 * 60 + 40].map((at) => ({ templateKey: 'window_parking', place, kind: 'self' as const, at, windowMinutes: 60, staff: 'guard' as const })),
    { templateKey: 'window_parking', place, kind: 'spot', at: 10 * 60, windowMinutes: 120, staff: 'guard' },
  ]),
  ...['1-5栋公共区域', '6-10栋公共区域', '11-15栋公共区域', '16-20栋公共区域'].map((place): Round => ({ templateKey: 'public_areas', place, kind: 'spot', at: 14 * 60, windowMinutes: 180, staff: 'cleaner' })),
];
export const INSPECTIONS_PER_COMMUNITY_DAY = ROUNDS.length;

/**
 * The gate post template cut to its first `BENCH_GATE_ITEMS` items (categories in order), as a
 * company version saved through the product's own command: what a company that checks fewer
 * points at its gates keeps, and what a phone submits 30 answers of.
 */
export function gateTemplateOf(library: InspectionTemplate, items = BENCH_GATE_ITEMS): InspectionTemplate {
  let left = items;
  const categories = library.categories
    .map((c) => {
      const kept = c.items.filter((i) => appliesAt(i, '1')).slice(0, left);
      left -= kept.length;
      return { ...c, items: kept };
    })
    .filter((c) => c.items.length);
  if (left !== 0) throw new Error(`the gate template has fewer than ${items} items`);
  return { ...library, categories };
}

export interface QualityRegistry {
  organizationId: string;
  communities: (GeneratedCommunity & { guards: string[]; cleaners: string[] })[];
  staffNames: Map<string, string>;
  inspectorUserId: string;
}

/** Answers an inspector gives to a template at a level, failing the given items. */
export function answersFor(template: InspectionTemplate, level: string, fails: (categoryKey: string, item: InspectionItem) => boolean, rand: Prng): StoredAnswers {
  const answers: StoredAnswers = {};
  for (const category of template.categories) {
    for (const item of category.items) {
      if (!appliesAt(item, level)) continue;
      const failing = item.answer !== 'text' && fails(category.key, item);
      let a: StoredAnswer;
      if (!failing && item.answer !== 'text' && rand.chance(0.03)) a = { result: 'na' };
      else if (item.answer === 'pass_fail') a = { result: failing ? 'fail' : 'pass' };
      else if (item.answer === 'score') a = { score: failing ? Math.floor(item.points / 3) : Math.max(Math.ceil(item.points / 2), item.points - rand.int(0, 1)) };
      else if (item.answer === 'number') {
        const lo = item.pass?.min ?? item.min ?? 0;
        const hi = item.pass?.max ?? item.max ?? lo + 100;
        const out = item.pass?.min !== undefined ? Math.max(item.min ?? 0, item.pass.min - 1) : Math.min(item.max ?? hi + 1, hi + 1);
        a = { value: failing ? out : Math.round(lo + (hi - lo) * 0.6) };
      } else a = { text: '正常' };
      if (failing) a.note = '现场发现问题';
      (answers[category.key] ??= {})[item.key] = a;
    }
  }
  return answers;
}

/**
 * The quality dataset of a scale: one company (`generateRegistry`: scale 1 = 10 communities,
 * 20,000 units) with two cleaners per community, a quality inspector serving every community, the
 * company admin, the 30-item gate template, and `days` days of inspections before `now` (30 a
 * community a day: about 110,000 at scale 1) with their scores, missed ones and rectifications,
 * written in bulk (`json_populate_recordset`). Scores are the product's (`scoreInspection`), a
 * rectification closed after a passed re-inspection credits its item as the product does.
 * Not generated: the timeline, time limits and photos of the history (the reports do not read them).
 */
export async function generateQualityDataset(database: Database, scale: number, seed: number, now: Date, days: number, log: (s: string) => void): Promise<{ seconds: number; rows: Record<string, number>; registry: QualityRegistry }> {
  const started = performance.now();
  const rand = new Prng(seed);
  const w = new BulkWriter(database, ['organizations', 'communities', 'buildings', 'units', 'residents', 'resident_units', 'staff', 'inspections', 'rectifications', 'work_counters']);
  const base = await generateRegistry(w, rand, scale, now);
  const at = now.toISOString();
  const staffNames = new Map(base.staffNames);
  const communities: QualityRegistry['communities'] = [];
  const guards = new Map<string, string[]>();
  // The registry does not say which staff are guards: read them back after the flush.
  await w.flush();
  const rows = await database.query<{ id: string; position: string; community_id: string }>(
    `select id, position, community_ids[1] as community_id from staff where organization_id = $1 and position = 'guard'`,
    [base.organizationId],
  );
  for (const r of rows) guards.set(r.community_id, [...(guards.get(r.community_id) ?? []), r.id]);
  let phone = 0;
  const addStaff = async (position: string, communityIds: string[]) => {
    const id = rand.uuid();
    const name = chineseName(rand.next);
    staffNames.set(id, name);
    await w.add('staff', {
      id, organization_id: base.organizationId, name, phone: `136${String(phone++).padStart(8, '0')}`, position, skills: [], community_ids: communityIds,
      hire_date: '2024-03-01', training_started_on: '2024-03-01', training_completed_on: '2024-03-31', created_at: at, updated_at: at,
    });
    return id;
  };
  for (const c of base.communities) communities.push({ ...c, guards: (guards.get(c.id) ?? []).sort(), cleaners: [await addStaff('cleaner', [c.id]), await addStaff('cleaner', [c.id])] });
  const inspectorStaffId = await addStaff('quality_inspector', base.communities.map((c) => c.id));
  await w.flush();

  const organizationId = base.organizationId;
  const ctx = systemContext(organizationId);
  const users = await database.db.transaction(async (tx) => {
    const admin = await createUser(tx, ctx, { organizationId, username: QUALITY_LOGINS.admin, displayName: '基准管理员', password: QUALITY_PASSWORD, roles: ['company_admin'] });
    const inspector = await createUser(tx, ctx, { organizationId, username: QUALITY_LOGINS.inspector, displayName: '基准品质专员', password: QUALITY_PASSWORD, roles: ['quality_inspector'], staffId: inspectorStaffId });
    const library = await libraryTemplateVersion(tx, 'window_gate');
    await saveTemplateVersion(tx, systemContext(organizationId), { organizationId, communityId: null, key: 'window_gate', reason: `基准测试：门岗检查${BENCH_GATE_ITEMS}项`, definition: gateTemplateOf(library!.definition) });
    return { admin, inspector };
  });

  const first = communities[0]!;
  const templates = new Map<string, { id: string; definition: InspectionTemplate }>();
  for (const key of new Set(ROUNDS.map((r) => r.templateKey))) {
    const v = await effectiveTemplate(database.db, key, organizationId, first.id);
    templates.set(key, { id: v!.id, definition: v!.definition });
  }
  const inspectionStandard = (await effectiveStandard(database.db, 'inspection', organizationId, first.id))!;
  const rectificationStandard = (await effectiveStandard(database.db, 'rectification', organizationId, first.id))!;
  const stateOf = (standard: typeof inspectionStandard, type: string) => standard.definition.states.find((s) => s.type === type)!.key;
  const submittedState = inspectionStandard.definition.transitions.find((t) => t.projects === 'scorecard')!.to!;
  const missedState = inspectionStandard.definition.states.find((s) => s.type === 'closed' && s.key !== submittedState)!.key;
  const rectOpen = stateOf(rectificationStandard, 'open');
  const rectWaiting = stateOf(rectificationStandard, 'waiting');
  const rectClosed = stateOf(rectificationStandard, 'closed');
  const inspectionPrefix = kindPrefix('inspection');
  const rectificationPrefix = kindPrefix('rectification');

  // How likely an item fails: most rarely, a few often (so the worst items say something).
  const itemRisk = new Map<string, number>();
  for (const [key, t] of templates) for (const c of t.definition.categories) for (const i of c.items) itemRisk.set(`${key}.${c.key}.${i.key}`, rand.chance(0.1) ? 0.04 + rand.next() * 0.06 : 0.002 + rand.next() * 0.01);
  const SEVERITY_MS = { minor: 3 * DAY, major: DAY, critical: 60 * MINUTE } as const;

  const zone = 'Asia/Shanghai';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  for (const [ci, community] of communities.entries()) {
    const weakness = 0.5 + rand.next(); // some communities do worse than others
    const level = String(community.serviceLevel);
    for (let back = days; back >= 1; back--) {
      const date = addLocalDays(today, -back);
      const dayKey = date;
      let seq = 0;
      let rectSeq = 0;
      for (const round of ROUNDS) {
        const template = templates.get(round.templateKey)!;
        const startsAt = localInstant(zone, date, round.at);
        const dueAt = new Date(startsAt.getTime() + round.windowMinutes * MINUTE);
        const id = rand.uuid();
        const number = formatNumber(inspectionPrefix, dayKey, ++seq, 4);
        const pool = round.staff === 'guard' ? community.guards : round.staff === 'desk' ? community.desk : community.cleaners;
        const staffId = rand.pick(pool);
        const missed = rand.chance(round.kind === 'self' ? 0.02 : 0.04);
        const row: Record<string, unknown> = {
          id, organization_id: organizationId, community_id: community.id, number, plan_id: null, kind: round.kind, place: round.place,
          template_version_id: template.id, template_key: round.templateKey, template_name: template.definition.name, level,
          standard_version_id: inspectionStandard.id, facts: { due_at: dueAt.toISOString() }, starts_at: startsAt.toISOString(), due_at: dueAt.toISOString(),
          version: 1, created_at: startsAt.toISOString(),
        };
        if (missed) {
          await w.add('inspections', { ...row, state: missedState, state_type: 'closed', state_entered_at: dueAt.toISOString(), answers: {}, category_scores: {}, failed_count: 0 });
          continue;
        }
        const submittedAt = new Date(startsAt.getTime() + rand.int(5, round.windowMinutes - 5) * MINUTE);
        const lenience = round.kind === 'self' ? 0.6 : 1.3;
        const answers = answersFor(template.definition, level, (c, i) => rand.chance(itemRisk.get(`${round.templateKey}.${c}.${i.key}`)! * weakness * lenience), rand);
        const original = scoreInspection(template.definition, answerMap(answers), level);
        const failed = original.categories.flatMap((c) => c.failedItems.map((itemKey) => ({ categoryKey: c.key, itemKey })));
        for (const f of failed) {
          const item = template.definition.categories.find((c) => c.key === f.categoryKey)!.items.find((i) => i.key === f.itemKey)!;
          const rid = rand.uuid();
          const rectDue = new Date(submittedAt.getTime() + SEVERITY_MS[item.severity]);
          const rectified = back > 3 && !rand.chance(0.1) ? new Date(submittedAt.getTime() + rand.int(2, 30) * 60 * MINUTE) : null;
          const closed = rectified && back > 5 && rand.chance(0.95) ? new Date(rectified.getTime() + rand.int(1, 24) * 60 * MINUTE) : null;
          await w.add('rectifications', {
            id: rid, organization_id: organizationId, community_id: community.id, number: formatNumber(rectificationPrefix, dayKey, ++rectSeq, 4), inspection_id: id,
            category_key: f.categoryKey, item_key: f.itemKey, item_text: item.text, severity: item.severity, place: round.place, responsible_staff_id: staffId,
            standard_version_id: rectificationStandard.id, state: closed ? rectClosed : rectified ? rectWaiting : rectOpen, state_type: closed ? 'closed' : rectified ? 'waiting' : 'open',
            state_entered_at: (closed ?? rectified ?? submittedAt).toISOString(), version: closed ? 2 : rectified ? 1 : 0, facts: { due_at: rectDue.toISOString() }, due_at: rectDue.toISOString(),
            rectified_by_user_id: null, rectified_at: rectified?.toISOString() ?? null, closed_at: closed?.toISOString() ?? null, created_at: submittedAt.toISOString(),
          });
          // A passed re-inspection credits the item, as the product does (`rectified`, the rectification's id).
          if (closed) answers[f.categoryKey]![f.itemKey] = { ...answers[f.categoryKey]![f.itemKey]!, rectified: true, rectificationId: rid } as StoredAnswer;
        }
        const score = failed.length ? scoreInspection(template.definition, answerMap(answers), level) : original;
        const spot = round.kind === 'spot';
        await w.add('inspections', {
          ...row, state: submittedState, state_type: 'closed', state_entered_at: submittedAt.toISOString(), answers, score: score.total,
          category_scores: Object.fromEntries(score.categories.map((c) => [c.key, c.score])), failed_count: failed.length, submitted_at: submittedAt.toISOString(),
          inspector_user_id: spot ? users.inspector.id : null, inspector_name: spot ? users.inspector.displayName : staffNames.get(staffId), inspected_staff_id: staffId,
        });
      }
      await w.add('work_counters', { organization_id: organizationId, scope_id: community.id, period_key: dayKey, prefix: inspectionPrefix, value: seq });
      if (rectSeq) await w.add('work_counters', { organization_id: organizationId, scope_id: community.id, period_key: dayKey, prefix: rectificationPrefix, value: rectSeq });
    }
    log(`inspections: community ${ci + 1} of ${communities.length}, ${w.counts.get('inspections')} inspections, ${w.counts.get('rectifications') ?? 0} rectifications`);
  }
  await w.flush();
  await database.query('analyze');
  return {
    seconds: (performance.now() - started) / 1000,
    rows: Object.fromEntries(w.counts),
    registry: { organizationId, communities, staffNames, inspectorUserId: users.inspector.id },
  };
}

/** Whether an answer fails its item (for the benchmark's bookkeeping). */
export const fails = (item: InspectionItem, a: StoredAnswer) => itemResult(item, a).outcome === 'fail';
