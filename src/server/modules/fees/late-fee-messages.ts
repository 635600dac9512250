/** Server texts of late fees (merged into the one message table). */
export const FEE_LATE_MESSAGES = {
  'field.lateFeeFromToday': {
    'zh-CN': '滞纳金规则只能从今天（{today}）或以后生效，不能追溯',
    'en-US': 'A late-fee rule can only apply from today ({today}) or later, never backwards',
  },
  'field.lateFeeRateRequired': { 'zh-CN': '请填写每日费率（‰）', 'en-US': 'Enter the daily rate (‰)' },
  'field.lateFeeRateDecimals': { 'zh-CN': '每日费率最多两位小数，如 0.5', 'en-US': 'The daily rate has at most two decimals, e.g. 0.5' },
  'field.lateFeeFixedRequired': { 'zh-CN': '请填写每期固定金额', 'en-US': 'Enter the fixed amount per period' },
  'field.lateFeePeriodRequired': { 'zh-CN': '请填写每期天数', 'en-US': 'Enter the length of a period in days' },
  'field.lateFeeGraceRequired': { 'zh-CN': '请填写宽限天数（到期后多少天内不计滞纳金）', 'en-US': 'Enter the grace period (days after the due date before anything accrues)' },
  'field.lateFeeCapRequired': {
    'zh-CN': '请至少设置一种封顶：不超过本金的百分比，或封顶金额',
    'en-US': 'Set at least one cap: a percentage of the charge, or an amount',
  },
  'notify.feeLateFee': {
    'zh-CN': '{community} {unit}：因费用逾期未缴，本期计入滞纳金 {amount} 元，计算依据可在“我的账单”中查看。如有疑问请联系服务中心。',
    'en-US': '{community} {unit}: {amount} yuan of late fees were added for overdue charges. “My bills” shows how they were worked out; the service desk will answer any question.',
  },
} as const;
