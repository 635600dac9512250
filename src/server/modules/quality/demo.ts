import { and, eq, inArray } from 'drizzle-orm';
import { planInputSchema } from '../../../common/quality/api';
import sharp from 'sharp';
import type { RequestContext } from '../../auth/context';
import { userContext } from '../../auth/session';
import { users } from '../../auth/tables';
import { loadConfig } from '../../config';
import type { Database } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { seededRandom } from '../../seed/random';
import type { ServiceStandard } from '../../standards/definition';
import { localInstant, addLocalDays } from '../../work/plans';
import { uploadFile } from '../attachments';
import { communityById, staffIdsServing, staffNames } from '../registry';
import { sweepTimers } from '../standards';
import { pinnedStandard } from '../standards';
import { openInspection } from './commands/open-inspection';
import { createInspectionPlan } from './commands/plans';
import { takeInspectionStep, takeRectificationStep } from './commands/take-steps';
import { appliesAt } from './scoring';
import { pinnedTemplate } from './repository';
import { rectifications } from './tables';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A photo or signature as the phone would upload it (the uploader's own, unlinked). */
async function upload(database: Database, ctx: RequestContext, kind: 'photo' | 'signature', data: Buffer): Promise<string> {
  const config = loadConfig();
  return (await uploadFile(database.db, ctx, { kind, fileName: kind === 'photo' ? 'photo.jpg' : 'signature.png', data }, config)).id;
}

const first = (standard: ServiceStandard, pick: (t: ServiceStandard['transitions'][number]) => boolean) => standard.transitions.find(pick);

/**
 * A month of quality inspections at 翠湖花园, made through the module's own commands as the
 * inspector, the manager and the staff would: each past day a spot check of the desk, the gates,
 * the parking post, the public areas or the clubhouse, with the inspected staff member and a
 * signature; up to three items fail (with their photo) and open rectifications, most
 * put right a day later and re-inspected by the inspector; three inspections were never done and
 * are missed. Also a daily plan for the service desk, so today has an inspection due.
 */
export async function seedDemoQuality(database: Database, organizationId: string): Promise<void> {
  const db = database.db;
  const inspector = await userContext(database.db, organizationId, 'demo-inspector');
  const manager = await userContext(database.db, organizationId, 'demo-manager');
  // The demo company has one community, the one its inspector serves.
  const served = inspector.actor.communityIds;
  const community = (await communityById(db, served === 'all' ? '' : served[0]!))!;
  const names = await staffNames(db, await staffIdsServing(db, organizationId, community.id));
  const people = new Map([...names].map(([id, name]) => [name, id]));
  const accounts = await db.select({ username: users.username, staffId: users.staffId }).from(users).where(and(eq(users.organizationId, organizationId), inArray(users.username, ['demo-guard', 'demo-guard2', 'demo-desk'])));
  const loginOf = new Map(accounts.map((a) => [a.staffId!, a.username]));
  const rand = seededRandom(20261101);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

  const photo = await sharp({ create: { width: 480, height: 360, channels: 3, background: '#c8c2b4' } })
    .composite([{ input: Buffer.from('<svg width="480" height="360"><rect x="60" y="200" width="360" height="120" fill="#8c8473"/><circle cx="360" cy="90" r="40" fill="#e0d8c0"/></svg>') }])
    .jpeg()
    .toBuffer();
  const signature = await sharp({ create: { width: 300, height: 120, channels: 3, background: '#ffffff' } })
    .composite([{ input: Buffer.from('<svg width="300" height="120"><path d="M20 80 C 90 10, 160 110, 280 40" stroke="#1f1f1f" stroke-width="3" fill="none"/></svg>') }])
    .png()
    .toBuffer();

  // Where, with which template, and whom it checks.
  const ROUNDS = [
    { templateKey: 'window_desk', place: '客服中心', staff: ['陈静', '刘思远'] },
    { templateKey: 'window_gate', place: '东门岗', staff: ['何勇', '罗军'] },
    { templateKey: 'window_gate', place: '西门岗', staff: ['郑鹏', '梁辉'] },
    { templateKey: 'window_parking', place: '地库收费岗', staff: ['郑鹏', '梁辉'] },
    { templateKey: 'public_areas', place: '1-5栋公共区域', staff: ['谢桂英', '宋玉兰'] },
    { templateKey: 'clubhouse', place: '会所', staff: ['刘思远'] },
  ] as const;

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: community.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const missedDays = new Set([6, 15, 24]);
  for (let back = 30; back >= 1; back--) {
    const date = addLocalDays(today, -back);
    {
      const round = pick(ROUNDS);
      const startsAt = localInstant(community.timeZone, date, (rand() < 0.5 ? 9 * 60 : 15 * 60) + Math.floor(rand() * 60));
      const opened = await inTransaction(db, (tx) =>
        openInspection(tx, { community, templateKey: round.templateKey, kind: 'spot', place: round.place, planId: null, startsAt, windowMinutes: 120, roles: ['quality_inspector'], ctx: inspector, now: startsAt }),
      );
      if (!opened) continue;
      if (missedDays.has(back)) continue; // never done: the sweeper marks it missed
      const template = await pinnedTemplate(db, opened.templateVersionId);
      const standard = (await pinnedStandard(db, opened.standardVersionId)).definition;
      const step = first(standard, (t) => t.projects === 'scorecard')!;
      // Some posts are weaker than others, so the report has something to say: up to three (west gate: five) failures.
      const scored = template.categories.flatMap((c) => c.items.filter((i) => appliesAt(i, opened.level) && i.answer !== 'text').map((i) => `${c.key}.${i.key}`));
      const failing = new Set(Array.from({ length: Math.floor(rand() * (round.place === '西门岗' ? 6 : 4)) }, () => pick(scored)));
      const answers: Record<string, Record<string, Record<string, unknown>>> = {};
      for (const category of template.categories) {
        for (const item of category.items) {
          if (!appliesAt(item, opened.level)) continue;
          const fails = failing.has(`${category.key}.${item.key}`);
          let a: Record<string, unknown>;
          if (rand() < 0.03 && !fails) a = { result: 'na' };
          else if (item.answer === 'pass_fail') a = { result: fails ? 'fail' : 'pass' };
          else if (item.answer === 'score') a = { score: fails ? Math.floor(item.points / 3) : Math.max(Math.ceil(item.points / 2), item.points - Math.floor(rand() * 2)) };
          else if (item.answer === 'number') {
            const lo = item.pass?.min ?? item.min ?? 0;
            const hi = item.pass?.max ?? item.max ?? lo + 100;
            const out = item.pass?.min !== undefined ? Math.max(item.min ?? 0, item.pass.min - 1) : Math.min(item.max ?? hi + 1, hi + 1);
            a = { value: fails ? out : Math.round(lo + (hi - lo) * 0.6) };
          } else a = { text: '正常' };
          if (fails && item.answer !== 'text') {
            a.photoIds = [await upload(database, inspector, 'photo', photo)];
            a.note = '现场拍照留存';
          }
          (answers[category.key] ??= {})[item.key] = a;
        }
      }
      const staffId = people.get(pick(round.staff))!;
      const body: Record<string, unknown> = { answers };
      for (const record of step.records ?? []) {
        if (record.type === 'staff') body[record.name] = staffId;
        if (record.type === 'signature') body[record.name] = await upload(database, inspector, 'signature', signature);
      }
      const submittedAt = new Date(startsAt.getTime() + (20 + Math.floor(rand() * 40)) * MINUTE);
      await takeInspectionStep(db, inspector, opened.id, step.key, body, { now: submittedAt });

      // Put right a day later and re-inspected the day after, except the last few days' and three in ten.
      const opens = await db.select().from(rectifications).where(eq(rectifications.inspectionId, opened.id));
      for (const rect of opens) {
        if (back <= 3 || rand() < 0.3) continue;
        const rectStandard = (await pinnedStandard(db, rect.standardVersionId)).definition;
        const waiting = new Set(rectStandard.states.filter((s) => s.type === 'waiting').map((s) => s.key));
        const rectify = first(rectStandard, (t) => t.from.some((f) => !waiting.has(f)) && waiting.has(t.to ?? ''))!;
        const reinspect = first(rectStandard, (t) => t.from.some((f) => waiting.has(f)))!;
        const login = loginOf.get(rect.responsibleStaffId ?? '');
        const doer = login ? await userContext(database.db, organizationId, login) : manager;
        const fixBody: Record<string, unknown> = {};
        for (const record of rectify.records ?? []) {
          if (record.type === 'photo') fixBody[record.name] = [await upload(database, doer, 'photo', photo)];
          if (record.type === 'text') fixBody[record.name] = '已按标准整改';
        }
        await takeRectificationStep(db, doer, rect.id, rectify.key, fixBody, { now: new Date(submittedAt.getTime() + DAY) });
        const checkBody: Record<string, unknown> = {};
        for (const record of reinspect.records ?? []) if (record.type === 'boolean') checkBody[record.name] = true;
        await takeRectificationStep(db, inspector, rect.id, reinspect.key, checkBody, { now: new Date(submittedAt.getTime() + 2 * DAY) });
      }
    }
  }
  // The windows of the inspections never done have closed: the sweeper counts them missed.
  await sweepTimers(db, new Date());

  await createInspectionPlan(db, manager, planInputSchema.parse({
    communityId: community.id,
    name: '客服中心每日检查',
    templateKey: 'window_desk',
    kind: 'spot',
    place: '客服中心',
    rule: { startDate: today, repeat: { every: 'day' }, times: { kind: 'at', at: ['08:30'] } },
    windowMinutes: 600,
  }));
}
