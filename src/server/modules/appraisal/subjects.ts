import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { defineKind, registerKind } from '../../work/subjects';
import { INCENTIVE_PREFIX, MEASURE_PREFIX } from './numbers';
import { incentiveSubject } from './incentive-step';
import { measureSubject } from './measure-step';
import { readsIncentive, readsMeasure } from './policy';
import { findIncentive, findMeasure } from './repository';
import { improvementMeasures, staffIncentives } from './tables';

/**
 * Registers rewards and penalties and improvement measures with the work kernel, one object each:
 * read policy (their evidence photos are readable by exactly who may read them), table, step kind
 * and number prefix. An overdue measure is escalated by the kernel's timers like every limit.
 */
export function registerAppraisalSubjects(): void {
  registerKind(
    defineKind({
      type: 'staff_incentive',
      label: { 'zh-CN': '员工奖惩', 'en-US': 'Reward or penalty' },
      table: staffIncentives,
      numberPrefix: INCENTIVE_PREFIX,
      step: incentiveSubject,
      async loadForRead(db: DbOrTx, actor: Actor, id: string) {
        const row = await findIncentive(db, actor, id);
        if (!row || !readsIncentive(actor, row)) return null;
        return { organizationId: row.organizationId, communityId: row.communityId, label: row.number, ownerView: false };
      },
    }),
  );
  registerKind(
    defineKind({
      type: 'improvement_measure',
      label: { 'zh-CN': '改进措施', 'en-US': 'Improvement measure' },
      table: improvementMeasures,
      numberPrefix: MEASURE_PREFIX,
      step: measureSubject,
      timerEventsOnTimeline: true,
      async loadForRead(db: DbOrTx, actor: Actor, id: string) {
        const row = await findMeasure(db, actor, id);
        if (!row || !readsMeasure(actor, row)) return null;
        return { organizationId: row.organizationId, communityId: row.communityId, label: row.number, ownerView: false };
      },
    }),
  );
}
