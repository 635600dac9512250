import { MEASURE_KPIS, type Effect } from '../../../common/appraisal/api';
import { evaluateEffect } from '../../../common/appraisal/score';
import type { DbOrTx } from '../../db/client';
import { itemFailures, scoredInspections } from '../quality';
import { endedLimits } from '../standards';
import { complaintsInCategory, WORK_ORDER_TIMER_SUBJECT } from '../work-orders';
import type { MeasureRow } from './repository';

const DAY = 86_400_000;
type Localized = { 'zh-CN': string; 'en-US': string };

/** The metric of a measure's source over `[from, to)`: a count (failures, complaints) or a KPI. */
async function metricOver(db: DbOrTx, m: MeasureRow, from: Date, to: Date): Promise<number | null> {
  const place = { organizationId: m.organizationId, communityId: m.communityId };
  if (m.source === 'inspection_item') {
    const [categoryKey, itemKey] = m.sourceKey.split('.') as [string, string];
    return itemFailures(db, { ...place, categoryKey, itemKey, from, to });
  }
  if (m.source === 'complaint_category') return complaintsInCategory(db, { ...place, category: m.sourceKey, from, to });
  const scope = { organizationId: m.organizationId, communityIds: [m.communityId], from, to };
  if (m.sourceKey === 'inspection_score') {
    const scores = (await scoredInspections(db, scope)).map((i) => i.score);
    return scores.length ? Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 10) / 10 : null;
  }
  const limits = await endedLimits(db, { ...scope, subjectType: WORK_ORDER_TIMER_SUBJECT });
  return limits.length ? Math.round((1000 * limits.filter((l) => l.met).length) / limits.length) / 10 : null;
}

/**
 * The effect of a measure: its source's metric over the period since it was raised (to its
 * closing, or now; whole days, at least one) against the same number of days just before.
 * Failures and complaints are counts (lower is better); the KPIs are a mean score and a share of
 * limits met (higher is better).
 */
export async function measureEffect(db: DbOrTx, m: MeasureRow, label: Localized, now = new Date()): Promise<Effect> {
  const start = m.raisedAt;
  const end = m.closedAt ?? now;
  const days = Math.max(1, Math.ceil((end.getTime() - start.getTime()) / DAY));
  const afterTo = new Date(start.getTime() + days * DAY);
  const beforeFrom = new Date(start.getTime() - days * DAY);
  const [before, after] = await Promise.all([metricOver(db, m, beforeFrom, start), metricOver(db, m, start, afterTo)]);
  const direction = m.source === 'kpi' ? MEASURE_KPIS[m.sourceKey as keyof typeof MEASURE_KPIS] ?? 'higher' : 'lower';
  const metric: Localized =
    m.source === 'inspection_item'
      ? { 'zh-CN': `不合格次数：${label['zh-CN']}`, 'en-US': `Failures: ${label['en-US']}` }
      : m.source === 'complaint_category'
        ? { 'zh-CN': `投诉数：${label['zh-CN']}`, 'en-US': `Complaints: ${label['en-US']}` }
        : label;
  return { metric, direction, periodDays: days, beforeFrom: beforeFrom.toISOString(), afterFrom: start.toISOString(), afterTo: afterTo.toISOString(), ...evaluateEffect(before, after, direction) };
}

