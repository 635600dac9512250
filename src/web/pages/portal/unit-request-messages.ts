import type { Locale } from '../../../common/locale';

/** Texts of the console's review of residents' unit requests (住户认证审核). */
export const UNIT_REQUEST_MESSAGES = {
  title: { 'zh-CN': '住户认证审核', 'en-US': 'Unit requests' },
  description: {
    'zh-CN': '业主在手机上登记的房屋，核对身份后通过；不符的请驳回并说明原因，系统会短信告知业主。',
    'en-US': 'Homes residents registered on their phones. Check who they are, then approve; turn down the rest with a reason, which is sent to them by text message.',
  },
  pending: { 'zh-CN': '待审核', 'en-US': 'Waiting' },
  approved: { 'zh-CN': '已通过', 'en-US': 'Approved' },
  rejected: { 'zh-CN': '已驳回', 'en-US': 'Turned down' },
  anyCommunity: { 'zh-CN': '全部小区', 'en-US': 'All communities' },
  requestedAt: { 'zh-CN': '申请时间', 'en-US': 'Requested' },
  unit: { 'zh-CN': '房屋', 'en-US': 'Unit' },
  applicant: { 'zh-CN': '申请人', 'en-US': 'Applicant' },
  relation: { 'zh-CN': '关系', 'en-US': 'Relation' },
  occupants: { 'zh-CN': '该房屋已登记住户', 'en-US': 'Already registered there' },
  noOccupants: { 'zh-CN': '暂无', 'en-US': 'Nobody' },
  decision: { 'zh-CN': '处理', 'en-US': 'Decision' },
  decidedBy: { 'zh-CN': '{name} 于 {at}', 'en-US': '{name}, {at}' },
  approve: { 'zh-CN': '通过', 'en-US': 'Approve' },
  approveConfirm: { 'zh-CN': '确认 {name} 是 {unit} 的{relation}？', 'en-US': 'Confirm {name} as {relation} of {unit}?' },
  reject: { 'zh-CN': '驳回', 'en-US': 'Turn down' },
  rejectTitle: { 'zh-CN': '驳回 {name} 的申请', 'en-US': 'Turn down the request of {name}' },
  reason: { 'zh-CN': '驳回原因（会短信告知业主）', 'en-US': 'Reason (sent to the resident by text message)' },
  reasonRequired: { 'zh-CN': '请写明原因，至少 2 个字', 'en-US': 'Please give a reason of at least 2 characters' },
  approvedDone: { 'zh-CN': '已通过，已短信告知业主', 'en-US': 'Approved; the resident was told by text message' },
  rejectedDone: { 'zh-CN': '已驳回，已短信告知业主', 'en-US': 'Turned down; the resident was told by text message' },
  emptyPending: { 'zh-CN': '没有待审核的申请', 'en-US': 'No requests are waiting' },
  empty: { 'zh-CN': '没有记录', 'en-US': 'Nothing here' },
  total: { 'zh-CN': '共 {total} 条', 'en-US': '{total} in all' },
  cancel: { 'zh-CN': '取消', 'en-US': 'Cancel' },
} as const satisfies Record<string, Record<Locale, string>>;

export type UnitRequestMessageKey = keyof typeof UNIT_REQUEST_MESSAGES;
