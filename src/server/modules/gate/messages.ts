import type { Locale } from '../../../common/locale';

/**
 * Server texts of the gate module (errors, refusals, notifications), merged into the one
 * message table by `src/server/i18n/messages.ts`.
 */
export const GATE_MESSAGES = {
  'entity.gatePass': { 'zh-CN': '通行证', 'en-US': 'pass' },
  'entity.goodsSlip': { 'zh-CN': '放行条', 'en-US': 'release slip' },
  'entity.decoration': { 'zh-CN': '装修登记', 'en-US': 'decoration registration' },
  'field.licencePlate': { 'zh-CN': '车牌号格式不正确，例如 浙A12345', 'en-US': 'Not a valid licence plate, e.g. 浙A12345' },
  'field.windowOrder': { 'zh-CN': '结束时间须晚于开始时间', 'en-US': 'The end must be after the start' },
  'field.windowTooLong': { 'zh-CN': '通行时段最长 {days} 天', 'en-US': 'A pass can be valid for at most {days} days' },
  'field.windowOver': { 'zh-CN': '结束时间已过，请重新选择', 'en-US': 'This end time has already passed' },
  'field.unitNotHome': { 'zh-CN': '只能为自己家的房屋登记', 'en-US': 'You can only register for your own home' },
  'field.goodsNotChecked': { 'zh-CN': '请对照放行条逐项核对物品后确认', 'en-US': 'Check the goods against the slip item by item, then confirm' },
  'field.decorationPeriodOver': { 'zh-CN': '装修登记期已结束', 'en-US': 'The decoration period has ended' },
  'field.certificateNeeded': { 'zh-CN': '固定工人须核对并留存副证', 'en-US': 'Fixed workers leave a duplicate certificate that is checked' },
  'gate.refused.expired': { 'zh-CN': '不予通行：已过期（有效期至 {until}）', 'en-US': 'Refused: expired (valid until {until})' },
  'gate.refused.not_yet_valid': { 'zh-CN': '不予通行：尚未生效（{from} 起有效）', 'en-US': 'Refused: not valid yet (valid from {from})' },
  'gate.refused.used': { 'zh-CN': '不予通行：已使用（{at} 已离开）', 'en-US': 'Refused: already used (left at {at})' },
  'gate.refused.inside': { 'zh-CN': '访客已于 {at} 入园，请登记离开', 'en-US': 'Already inside since {at}; record the exit instead' },
  'gate.refused.cancelled': { 'zh-CN': '不予通行：已取消', 'en-US': 'Refused: cancelled' },
  'gate.slipRefused.expired': { 'zh-CN': '不予放行：放行条已过期（有效期至 {until}）', 'en-US': 'Refused: the slip expired (valid until {until})' },
  'gate.slipRefused.used': { 'zh-CN': '不予放行：放行条已于 {at} 使用，每张只能使用一次', 'en-US': 'Refused: the slip was used at {at}; a slip is used once' },
  'gate.slipRefused.cancelled': { 'zh-CN': '不予放行：放行条已作废', 'en-US': 'Refused: the slip was cancelled' },
  'gate.decorationNotRunning': {
    'zh-CN': '该装修登记已结束、未获批准或已取消，不能再登记施工人员',
    'en-US': 'This decoration registration is finished, rejected or cancelled; no more workers can be registered',
  },
} as const satisfies Record<string, Record<Locale, string>>;
