import type { MEASURE_KPIS } from '../../../common/appraisal/api';
import type { DbOrTx } from '../../db/client';
import { failedItemText } from '../quality';
import type { Community } from '../registry';
import { effectiveStandard } from '../standards';

type Localized = { 'zh-CN': string; 'en-US': string };

const KPI_LABELS: Record<keyof typeof MEASURE_KPIS, Localized> = {
  inspection_score: { 'zh-CN': '品质检查平均分', 'en-US': 'Mean inspection score' },
  sla_compliance: { 'zh-CN': '工单时限达成率', 'en-US': 'Work-order time limits met' },
};

/** The complaint categories of the community's complaint standard. */
async function complaintCategories(db: DbOrTx, community: Community) {
  const pinned = await effectiveStandard(db, 'complaint', community.organizationId, community.id);
  return pinned?.definition.categories ?? [];
}

/**
 * What a measure's source is called, or null when the community has no such source: a failed
 * item (named as its last failure named it; an item that never failed there is no recurring
 * failure), a category of the complaint standard, or one of the KPIs.
 */
export async function sourceLabel(db: DbOrTx, community: Community, source: string, key: string): Promise<Localized | null> {
  if (source === 'kpi') return key in KPI_LABELS ? KPI_LABELS[key as keyof typeof KPI_LABELS] : null;
  if (source === 'complaint_category') return (await complaintCategories(db, community)).find((c) => c.key === key)?.name ?? null;
  const [categoryKey, itemKey] = key.split('.');
  if (!categoryKey || !itemKey) return null;
  const text = await failedItemText(db, { organizationId: community.organizationId, communityId: community.id, categoryKey, itemKey });
  return text ? { 'zh-CN': text['zh-CN'], 'en-US': text['en-US'] } : null;
}

