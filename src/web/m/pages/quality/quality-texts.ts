import type { Locale } from '../../../../common/locale';

/** Texts of the portal's quality page (merged into PORTAL_TEXTS). */
export const QUALITY_PORTAL_TEXTS = {
  'quick.quality': { 'zh-CN': '服务品质', 'en-US': 'Service quality' },
  'quality.title': { 'zh-CN': '服务品质公示', 'en-US': 'Service quality' },
  'quality.notPublished': { 'zh-CN': '{community} 暂未公示服务品质', 'en-US': '{community} does not publish its service quality yet' },
  'quality.latest': { 'zh-CN': '{month} 品质检查平均分', 'en-US': 'Mean inspection score, {month}' },
  'quality.noScore': { 'zh-CN': '近 12 个月还没有检查得分', 'en-US': 'No inspection scores in the last 12 months' },
  'quality.inspections': { 'zh-CN': '共检查 {n} 次', 'en-US': '{n} inspections' },
  'quality.months': { 'zh-CN': '近 12 个月得分（满分 100）', 'en-US': 'Scores of the last 12 months (out of 100)' },
  'quality.explain': {
    'zh-CN': '物业公司按服务标准逐项检查门岗、服务中心、保洁、绿化等，每月平均得分如下。',
    'en-US': 'The property company checks the gates, service desk, cleaning, greening and more item by item against its service standards; these are the monthly mean scores.',
  },
  'quality.rectified': { 'zh-CN': '已完成的整改', 'en-US': 'Problems put right' },
  'quality.rectifiedNone': { 'zh-CN': '暂无已完成的整改', 'en-US': 'None yet' },
  'quality.found': { 'zh-CN': '{date} 检查发现', 'en-US': 'Found {date}' },
  'quality.done': { 'zh-CN': '{date} 复检合格', 'en-US': 'Checked again and passed {date}' },
} as const satisfies Record<string, Record<Locale, string>>;
