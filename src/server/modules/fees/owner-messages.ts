/** Server texts of the owner's side of the fees ledger (merged into the one message table). */
export const FEE_OWNER_MESSAGES = {
  'entity.feeDisclosure': { 'zh-CN': '收费公示', 'en-US': 'fee disclosure' },
  'field.accountNo': { 'zh-CN': '账号只能包含数字、空格和短横线', 'en-US': 'An account number has only digits, spaces and dashes' },
  'field.disclosurePeriod': {
    'zh-CN': '期间格式应为 2026-03（月）、2026-Q1（季）或 2026（年），且与公示周期一致',
    'en-US': 'Write the period as 2026-03 (month), 2026-Q1 (quarter) or 2026 (year), matching the kind of period',
  },
  'field.disclosureNotEnded': { 'zh-CN': '该期间至 {date} 才结束，结束后才能公示', 'en-US': 'The period runs until {date}; it can be disclosed once it has ended' },
  'field.correctionReasonRequired': {
    'zh-CN': '该期间已公示第 {version} 版，重新公示须填写更正原因',
    'en-US': 'Version {version} of this period is already published; give the reason for the correction',
  },
  'field.correctionReasonFirst': { 'zh-CN': '首次公示无需填写更正原因', 'en-US': 'A first publication corrects nothing; leave the reason empty' },
  'field.disclosureCategory': { 'zh-CN': '支出请选择支出分类，共有部分收入和成本请选择共有部分', 'en-US': 'Spending takes a spending category; shared-part income and costs take a shared part' },
  'field.reportRange': { 'zh-CN': '报表期间最长 {days} 天', 'en-US': 'A report covers at most {days} days' },
  'notify.feeArrears': {
    'zh-CN': '{community} {unit}：您有物业费用 {amount} 元已到期未缴，请在“我的账单”查看明细和缴费方式。如有疑问请联系服务中心。',
    'en-US': '{community} {unit}: {amount} yuan of fees is due and unpaid. See “My bills” for the details and how to pay; the service desk will answer any question.',
  },
  'sms.feeArrearsSubject': { 'zh-CN': '{community} 缴费提醒', 'en-US': '{community} payment reminder' },
  'sms.feeArrears': {
    'zh-CN': '【{community}】尊敬的业主，您的房屋 {unit} 有物业费用 {amount} 元已到期未缴。明细和缴费方式请在业主服务“我的账单”中查看，如有疑问请联系服务中心。',
    'en-US': '[{community}] Dear owner, {amount} yuan of fees for {unit} is due and unpaid. See “My bills” in the resident portal for details and how to pay, or ask the service desk.',
  },
  'field.reminderCadence': { 'zh-CN': '请填写 1 至 365 之间的天数', 'en-US': 'Enter a number of days from 1 to 365' },
} as const;
