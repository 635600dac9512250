/** Server texts of meters, readings and the cashier's shift close (merged into the one message table). */
export const FEE_OPS_MESSAGES = {
  'entity.meter': { 'zh-CN': '水电气表', 'en-US': 'meter' },
  'entity.meterReading': { 'zh-CN': '抄表记录', 'en-US': 'meter reading' },
  'error.meterReplaced': { 'zh-CN': '该表已更换，请在新表上抄表', 'en-US': 'This meter has been replaced; read the new one' },
  'error.readingHeld': {
    'zh-CN': '该表上次读数正在等待审核，审核后才能再次抄表',
    'en-US': 'The last reading of this meter is waiting for review; read it again once it is reviewed',
  },
  'error.readingNotHeld': { 'zh-CN': '该读数不在待审核状态', 'en-US': 'This reading is not waiting for review' },
  'error.lowerNotAcceptable': {
    'zh-CN': '低于上次读数的记录只能驳回；如已换表，请登记换表',
    'en-US': 'A reading lower than the last can only be rejected; if the meter was changed, record a replacement',
  },
  'error.shiftCloseEmpty': { 'zh-CN': '自上次交班结账以来没有收款，无需结账', 'en-US': 'No payments since your last close; there is nothing to close' },
  'error.drawerOpen': {
    'zh-CN': '您还有未结账的收款，请先完成收银交班结账再交接班',
    'en-US': 'You hold payments not yet closed; close your drawer before handing over the post',
  },
  'field.noPriceOn': { 'zh-CN': '该收费项目在 {date} 没有有效价格', 'en-US': 'The fee item has no price in force on {date}' },
  'field.readingFuture': { 'zh-CN': '日期不能晚于今天（{today}）', 'en-US': 'The date cannot be after today ({today})' },
  'field.readingSameDay': { 'zh-CN': '该表当天已抄表，读数为 {reading}', 'en-US': 'This meter was already read that day: {reading}' },
  'field.readingBeforeLast': { 'zh-CN': '抄表日期不能早于上次抄表日期 {date}', 'en-US': 'The reading cannot be dated before the last one, {date}' },
  'field.rejectNote': { 'zh-CN': '驳回请填写原因', 'en-US': 'Give the reason for rejecting' },
  'field.itemNotMetered': { 'zh-CN': '只有抄表类收费项目可以装表', 'en-US': 'Only metered fee items have meters' },
  'field.meterExists': { 'zh-CN': '该房屋已有此项目的在用表，换表请使用“换表”', 'en-US': 'This unit already has an active meter for this item; use “replace” to change it' },
  'field.countMissing': { 'zh-CN': '应收 {amount} 元，请填写实点金额', 'en-US': '{amount} yuan is expected; enter what you counted' },
  'field.countUnexpected': { 'zh-CN': '该方式本班没有收款', 'en-US': 'No payments by this method in this shift' },
  'field.countRepeated': { 'zh-CN': '收款方式重复', 'en-US': 'Repeated method' },
  'field.differenceReason': { 'zh-CN': '实点与应收（{amount} 元）不符，请说明原因', 'en-US': 'The count differs from the expected {amount} yuan; explain why' },
} as const;
