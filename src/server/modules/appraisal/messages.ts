/** Server texts of appraisal, rewards and penalties and improvement measures (merged into the one message table). */
export const APPRAISAL_MESSAGES = {
  'entity.staffIncentive': { 'zh-CN': '奖惩', 'en-US': 'reward or penalty' },
  'entity.improvementMeasure': { 'zh-CN': '改进措施', 'en-US': 'improvement measure' },
  'entity.appraisalWeights': { 'zh-CN': '考核权重', 'en-US': 'appraisal weights' },
  'field.weightsSum': { 'zh-CN': '四项权重之和须为 100', 'en-US': 'The four weights must add up to 100' },
  'field.pointsOrAmount': { 'zh-CN': '请填写分值或金额', 'en-US': 'Give points or an amount' },
  'field.month': { 'zh-CN': '月份格式为 YYYY-MM', 'en-US': 'A month is written YYYY-MM' },
  'field.measureSourceUnknown': { 'zh-CN': '没有这个来源', 'en-US': 'There is no such source' },
  'field.dueInPast': { 'zh-CN': '完成期限不能早于今天', 'en-US': 'The due date cannot be before today' },
  'notify.incentiveProposed': {
    'zh-CN': '{name}的{kind}（{number}）待审批：{reason}',
    'en-US': 'A {kind} for {name} ({number}) awaits approval: {reason}',
  },
  'notify.measureOwned': {
    'zh-CN': '您负责的改进措施 {number}：{title}，请于 {dueOn} 前完成',
    'en-US': 'You own improvement measure {number}: {title}; close it by {dueOn}',
  },
} as const;
