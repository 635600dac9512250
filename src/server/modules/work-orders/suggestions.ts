import { isClearedForSoloWork } from '../../../common/registry';
import type { DbOrTx } from '../../db/client';
import type { ServiceStandard } from '../../standards/definition';
import { localDateToday, soloWorkRefusal, type SoloWorkRefusal } from '../../work/staff-eligibility';
import { techniciansServing } from '../registry';
import { openLoadOf, type WorkOrderRow } from './repository';

/**
 * Technicians of the order's community ranked for dispatch: the skill the standard names for the
 * category first, then on duty, cleared for solo work (pre-job training done), then the lightest
 * current load. Each comes with the reasons for its place.
 */
export async function suggestAssignees(db: DbOrTx, order: WorkOrderRow, standard: ServiceStandard) {
  const skill = standard.categories.find((c) => c.key === order.category)?.skill ?? null;
  const people = await techniciansServing(db, order.organizationId, order.communityId);
  const load = await openLoadOf(db, people.map((p) => p.id));
  // The same kernel question the dispatch step asks, so the picker shows the refusal before it is sent.
  const today = localDateToday();
  const held = new Map<string, SoloWorkRefusal['text']>();
  for (const p of people) {
    const refusal = await soloWorkRefusal(db, { organizationId: order.organizationId, staffId: p.id, on: today });
    if (refusal) held.set(p.id, refusal.text);
  }
  return people
    .map((p) => {
      const skillMatch = skill !== null && p.skills.includes(skill);
      const cleared = isClearedForSoloWork(p.trainingStartedOn, p.trainingCompletedOn);
      const openLoad = load.get(p.id) ?? 0;
      const score = (skillMatch ? 100 : p.skills.includes('general') ? 40 : 0) + (p.onDuty ? 50 : 0) + (cleared ? 20 : 0) - openLoad * 5;
      const reasons = [
        skillMatch ? 'skill_match' : 'no_skill_match',
        p.onDuty ? 'on_duty' : 'off_duty',
        cleared ? 'cleared' : 'in_training',
        `load:${openLoad}`,
      ];
      return { staffId: p.id, name: p.name, skills: p.skills, skillMatch, onDuty: p.onDuty, clearedForSoloWork: cleared, openLoad, heldFromSoloWork: held.get(p.id) ?? null, score, reasons };
    })
    .sort((a, b) => b.score - a.score || a.openLoad - b.openLoad || a.name.localeCompare(b.name, 'zh-CN'));
}
