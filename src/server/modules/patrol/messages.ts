/** Server texts of patrol routes, plans, rounds and check-ins (merged into the one message table). */
export const PATROL_MESSAGES = {
  'entity.patrolRoute': { 'zh-CN': '巡更路线', 'en-US': 'patrol route' },
  'entity.patrolPlan': { 'zh-CN': '巡更计划', 'en-US': 'patrol plan' },
  'entity.patrolRound': { 'zh-CN': '巡更任务', 'en-US': 'patrol round' },
  'field.tagTaken': { 'zh-CN': '该标签编号已用于巡更点“{name}”', 'en-US': 'This tag id is already used by checkpoint "{name}"' },
  'field.tagRepeated': { 'zh-CN': '与第 {n} 个巡更点的标签编号重复', 'en-US': 'Same tag id as checkpoint {n}' },
  'field.offsetOrder': { 'zh-CN': '须不早于上一个巡更点的时间', 'en-US': 'Must not be earlier than the checkpoint before' },
  'field.tagNotOnRound': {
    'zh-CN': '标签“{tag}”不是本次巡更路线上的巡更点，请确认扫描的是正确的点位',
    'en-US': 'Tag "{tag}" is not a checkpoint of this round; please check you scanned the right point',
  },
  'field.alreadyCheckedIn': { 'zh-CN': '巡更点“{name}”已于 {at} 签到', 'en-US': 'Checkpoint "{name}" was already checked in at {at}' },
  'field.windowNotOpen': {
    'zh-CN': '本次巡更 {at} 开始，尚未到签到时间',
    'en-US': 'This round starts at {at}; check-in is not open yet',
  },
  'field.windowClosed': {
    'zh-CN': '巡更点“{name}”的签到时间已于 {at} 结束，已记为漏检',
    'en-US': 'The check-in window of "{name}" closed at {at}; it counts as missed',
  },
  'field.repairCategory': { 'zh-CN': '没有此报修类别', 'en-US': 'No such repair category' },
  'field.incidentType': { 'zh-CN': '没有此事件类型', 'en-US': 'No such incident type' },
  'error.roundNotStarted': {
    'zh-CN': '本次巡更尚未开始（{state}），请先完成待办的步骤再签到',
    'en-US': 'This round has not started ({state}); take its pending step before checking in',
  },
  'error.roundClosed': { 'zh-CN': '本次巡更已结束（{state}），不能再签到', 'en-US': 'This round has ended ({state}); no more check-ins' },
  'error.roundTakenByOther': { 'zh-CN': '本次巡更已由{name}执行', 'en-US': 'This round is being walked by {name}' },
  'error.routeEmpty': { 'zh-CN': '该巡更路线没有巡更点', 'en-US': 'This patrol route has no checkpoints' },
  'notify.checkpointMissed': {
    'zh-CN': '巡更漏检：{route} {time} 的巡更点“{checkpoint}”未按时签到',
    'en-US': 'Patrol checkpoint missed: "{checkpoint}" of {route} at {time} was not checked in',
  },
  'notify.roundEndedEarly': {
    'zh-CN': '{guard}提前结束了 {route} {time} 的巡更，{count} 个巡更点未签到：{reason}',
    'en-US': '{guard} ended the round {route} at {time} early with {count} checkpoints not checked in: {reason}',
  },
  'patrol.hazardFrom': { 'zh-CN': '巡更发现（{checkpoint}）：{description}', 'en-US': 'Found on patrol ({checkpoint}): {description}' },
} as const;
