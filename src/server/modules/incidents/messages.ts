/** Server texts of incidents, emergency plans and drills (merged into the one message table). */
export const INCIDENT_MESSAGES = {
  'entity.incident': { 'zh-CN': '事件', 'en-US': 'incident' },
  'entity.emergencyPlan': { 'zh-CN': '应急预案', 'en-US': 'emergency plan' },
  'error.planTypeTaken': { 'zh-CN': '本项目已有该类型的应急预案', 'en-US': 'This community already has a plan of this type' },
  'error.incidentClosed': { 'zh-CN': '该事件已结案，不能再修改', 'en-US': 'This incident is closed and can no longer be changed' },
  'field.stepUnknown': { 'zh-CN': '预案没有第 {n} 步', 'en-US': 'The plan has no step {n}' },
  'field.outcomeToClose': { 'zh-CN': '结案前请填写处理结果', 'en-US': 'Record the outcome before closing' },
  'field.planOtherCommunity': { 'zh-CN': '不是本项目的应急预案', 'en-US': 'Not an emergency plan of this community' },
  'notify.incidentReported': {
    'zh-CN': '新事件：{type}（{place}），报告人 {name}',
    'en-US': 'New incident: {type} ({place}), reported by {name}',
  },
  'incident.fire': { 'zh-CN': '火警火灾', 'en-US': 'fire' },
  'incident.flood': { 'zh-CN': '水浸漏水', 'en-US': 'flooding' },
  'incident.power_loss': { 'zh-CN': '停电', 'en-US': 'power loss' },
  'incident.lift_entrapment': { 'zh-CN': '电梯困人', 'en-US': 'lift entrapment' },
  'incident.theft': { 'zh-CN': '盗窃', 'en-US': 'theft' },
  'incident.gas_leak': { 'zh-CN': '燃气泄漏', 'en-US': 'gas leak' },
  'incident.injury': { 'zh-CN': '人员受伤', 'en-US': 'injury' },
  'incident.other': { 'zh-CN': '其他', 'en-US': 'other' },
} as const;
