/** Server texts of duty posts and shift handovers (merged into the one message table). */
export const SHIFT_MESSAGES = {
  'entity.dutyPost': { 'zh-CN': '岗位', 'en-US': 'duty post' },
  'entity.handover': { 'zh-CN': '交接班记录', 'en-US': 'handover' },
  'error.postHeld': {
    'zh-CN': '{name}正在该岗位值班，须由其完成交接班后才能接岗',
    'en-US': '{name} is on duty at this post; the post can only be taken over through a handover',
  },
  'error.mayNotHoldPost': { 'zh-CN': '不能上岗：{reason}', 'en-US': 'You cannot take up this post: {reason}' },
  'error.notOnDuty': { 'zh-CN': '您不是该岗位的当班人员，不能发起交接', 'en-US': 'You are not on duty at this post, so you cannot hand it over' },
  'error.handoverOpen': { 'zh-CN': '该岗位已有一份待接班的交接记录', 'en-US': 'This post already has a handover waiting for the incoming guard' },
  'error.handoverDone': { 'zh-CN': '该交接班已完成', 'en-US': 'This handover is already complete' },
  'error.selfTakeOver': { 'zh-CN': '交班人和接班人不能是同一人', 'en-US': 'The outgoing and incoming guard cannot be the same person' },
  'field.countsMissing': { 'zh-CN': '请清点“{name}”', 'en-US': 'Count "{name}"' },
  'field.countUnknownItem': { 'zh-CN': '该岗位没有此清点项', 'en-US': 'This post has no such item' },
  'field.differenceNote': {
    'zh-CN': '“{name}”与交班清点数 {other} 不一致，请说明原因',
    'en-US': '"{name}" differs from the outgoing count {other}; explain why',
  },
  'field.shortNote': {
    'zh-CN': '“{name}”少于应有数量 {expected}，请说明原因',
    'en-US': '"{name}" is below the expected {expected}; explain why',
  },
  'field.signatureRequired': { 'zh-CN': '请签名', 'en-US': 'Please sign' },
  'field.itemKeyRepeated': { 'zh-CN': '清点项重复', 'en-US': 'Repeated item' },
} as const;
