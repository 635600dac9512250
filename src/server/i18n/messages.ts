import type { Locale } from '../../common/locale';
import { AUTH_MESSAGES } from '../auth/messages';
import { PORTAL_MESSAGES } from '../modules/portal/messages';
import { INCIDENT_MESSAGES } from '../modules/incidents/messages';
import { PATROL_MESSAGES } from '../modules/patrol/messages';
import { QUALITY_MESSAGES } from '../modules/quality/messages';
import { SHIFT_MESSAGES } from '../modules/shifts/messages';
import { TRAINING_MESSAGES } from '../modules/training/messages';
import { APPRAISAL_MESSAGES } from '../modules/appraisal/messages';
import { GATE_MESSAGES } from '../modules/gate/messages';
import { PRIVACY_MESSAGES } from '../modules/privacy/messages';
import { FEE_MESSAGES } from '../modules/fees/messages';
import { FEE_OWNER_MESSAGES } from '../modules/fees/owner-messages';
import { FEE_OPS_MESSAGES } from '../modules/fees/ops-messages';
import { ASSET_MESSAGES } from '../modules/assets/messages';
import { FEE_LATE_MESSAGES } from '../modules/fees/late-fee-messages';

type Texts = Record<Locale, string>;

/**
 * Server-side texts (error messages, notifications). Every key has both languages; the type
 * checker refuses a key without them. `{name}` placeholders are filled by `t()`.
 */
export const MESSAGES = {
  'error.validation': { 'zh-CN': '提交的内容有误，请检查标出的字段', 'en-US': 'Some fields are not valid; please check them' },
  'error.exportTooLarge': {
    'zh-CN': '符合条件的记录有 {total} 条，超过单次导出上限 {max} 条，请缩小筛选范围（如日期）后再导出',
    'en-US': '{total} records match, more than the {max} one export may hold; narrow the filters (such as the dates) and export again',
  },
  'error.badRequest': { 'zh-CN': '请求格式不正确', 'en-US': 'The request is malformed' },
  'error.unauthenticated': { 'zh-CN': '请先登录', 'en-US': 'Please sign in first' },
  'error.loginFailed': { 'zh-CN': '用户名或密码不正确', 'en-US': 'Wrong username or password' },
  'error.tooManyAttempts': {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试',
    'en-US': 'Too many failed sign-ins; please try again in {minutes} minutes',
  },
  'error.rateLimited': { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests; please slow down' },
  'error.forbidden': { 'zh-CN': '您没有执行此操作的权限', 'en-US': 'You are not allowed to do this' },
  'error.csrf': {
    'zh-CN': '请求缺少安全校验，请刷新页面后重试',
    'en-US': 'The request failed a security check; please reload the page and try again',
  },
  'error.notFound': { 'zh-CN': '找不到该{entity}', 'en-US': 'This {entity} was not found' },
  'error.routeNotFound': { 'zh-CN': '接口不存在', 'en-US': 'No such API endpoint' },
  'error.conflict': { 'zh-CN': '数据已被修改或存在冲突，请刷新后重试', 'en-US': 'The data changed or conflicts; please reload and retry' },
  'error.payloadTooLarge': { 'zh-CN': '提交的内容过大', 'en-US': 'The request body is too large' },
  'error.unsupportedMediaType': { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  'error.internal': { 'zh-CN': '服务器出错了，请稍后再试', 'en-US': 'Something went wrong on the server; please try again later' },
  'error.unavailable': { 'zh-CN': '服务暂时不可用', 'en-US': 'The service is temporarily unavailable' },
  'error.standardUnchanged': {
    'zh-CN': '内容与当前版本相同，未保存新版本',
    'en-US': 'Nothing differs from the current version; no new version was saved',
  },
  'error.accountDisabled': { 'zh-CN': '该账号已停用', 'en-US': 'This account is disabled' },

  'error.archived': { 'zh-CN': '该{entity}已归档，不能再修改', 'en-US': 'This {entity} is archived and can no longer be changed' },
  'error.fileRequired': { 'zh-CN': '请上传一个 xlsx 或 csv 文件', 'en-US': 'Please upload one xlsx or csv file' },
  'error.fileUnreadable': {
    'zh-CN': '无法读取该文件，请使用下载的模板，保存为 xlsx 或 csv 后再上传',
    'en-US': 'The file could not be read; please use the template and save it as xlsx or csv',
  },

  'field.staleCursor': {
    'zh-CN': '翻页位置无效或已过期，请从第一页重新查看',
    'en-US': 'This page position is not valid (or belongs to another sort); start again from the first page',
  },
  'field.timeZone': { 'zh-CN': '不是有效的时区', 'en-US': 'Not a valid time zone' },
  'field.periodTooLong': { 'zh-CN': '统计区间最长 {days} 天', 'en-US': 'The period may be at most {days} days' },
  'field.endBeforeStart': { 'zh-CN': '结束日期须晚于开始日期', 'en-US': 'The end date must be after the start date' },
  'field.floorRange': { 'zh-CN': '楼层须在 {min} 到 {max} 之间', 'en-US': 'The floor must be between {min} and {max}' },
  'field.basementUse': {
    'zh-CN': '地下楼层只能登记车位或储藏室',
    'en-US': 'Below-ground floors can only hold parking spaces or storage rooms',
  },
  'field.unitsAboveFloors': {
    'zh-CN': '第 {floor} 层仍有房屋，不能减少层数',
    'en-US': 'Units still exist on floor {floor}; the building cannot have fewer floors',
  },
  'field.trainingNotStarted': { 'zh-CN': '尚未登记岗前培训开始日期', 'en-US': 'No pre-job training start is recorded' },
  'field.trainingTooShort': {
    'zh-CN': '岗前培训须满 {days} 天，最早可在 {date} 确认完成',
    'en-US': 'Pre-job training takes at least {days} days; it can be completed on {date} at the earliest',
  },
  'field.inFuture': { 'zh-CN': '不能晚于今天', 'en-US': 'Cannot be later than today' },
  'field.notANumber': { 'zh-CN': '请填写数字', 'en-US': 'Enter a number' },
  'field.notAnInteger': { 'zh-CN': '请填写整数', 'en-US': 'Enter a whole number' },
  'field.range': { 'zh-CN': '须在 {min} 到 {max} 之间', 'en-US': 'Must be between {min} and {max}' },
  'field.positive': { 'zh-CN': '须大于 0', 'en-US': 'Must be greater than 0' },
  'field.tooLong': { 'zh-CN': '最多 {max} 个字符', 'en-US': 'At most {max} characters' },
  'field.notADate': { 'zh-CN': '请填写日期，如 2024-06-01', 'en-US': 'Enter a date such as 2024-06-01' },
  'field.unknownValue': { 'zh-CN': '无法识别“{value}”，可填：{allowed}', 'en-US': 'Unknown value "{value}"; use one of: {allowed}' },
  'field.duplicateRow': { 'zh-CN': '与第 {row} 行重复', 'en-US': 'Duplicates row {row}' },
  'field.duplicate': { 'zh-CN': '有重复项', 'en-US': 'Lists the same value twice' },
  'field.phoneOtherName': {
    'zh-CN': '该手机号在第 {row} 行对应了另一个姓名',
    'en-US': 'This phone number belongs to another name in row {row}',
  },
  'field.buildingUnknown': { 'zh-CN': '本项目没有楼栋“{name}”', 'en-US': 'This community has no building "{name}"' },
  'field.unitUnknown': { 'zh-CN': '楼栋“{building}”没有房号“{number}”', 'en-US': 'Building "{building}" has no unit "{number}"' },
  'field.plate': { 'zh-CN': '车牌号应为 5 到 10 个字符', 'en-US': 'A plate number has 5 to 10 characters' },

  'import.missingColumn': { 'zh-CN': '缺少列“{column}”', 'en-US': 'Missing column "{column}"' },
  'import.noRows': { 'zh-CN': '文件中没有数据行', 'en-US': 'The file has no data rows' },
  'import.tooManyRows': { 'zh-CN': '一次最多导入 {max} 行', 'en-US': 'At most {max} rows can be imported at once' },
  'import.tooManyColumns': { 'zh-CN': '表格最多 {max} 列，请使用下载的模板', 'en-US': 'A sheet has at most {max} columns; please use the downloaded template' },
  'import.fileTooComplex': {
    'zh-CN': '文件过大或结构异常，无法导入。请使用下载的模板，每次不超过规定行数',
    'en-US': 'The file is too large or malformed to import. Please use the downloaded template within the row limit',
  },

  'field.required': { 'zh-CN': '必填', 'en-US': 'Required' },
  'field.samePerson': { 'zh-CN': '不能由上一步的办理人本人办理（如复检须由整改人以外的人进行）', 'en-US': 'The person who took the previous step may not take this one (a re-inspection needs someone other than who rectified)' },
  'field.invalid': { 'zh-CN': '格式不正确', 'en-US': 'Invalid value' },
  'field.badCharacters': {
    'zh-CN': '含有无法保存的字符（空字符或不完整的表情符号），请删除后重试',
    'en-US': 'Contains characters that cannot be stored (a NUL or a broken emoji); remove them and try again',
  },
  'field.yearOutOfRange': { 'zh-CN': '日期的年份应在 {min} 到 {max} 之间', 'en-US': 'The year must be between {min} and {max}' },
  'field.taken': { 'zh-CN': '已被使用', 'en-US': 'Already in use' },
  'field.phone': { 'zh-CN': '请输入 11 位手机号码', 'en-US': 'Enter an 11-digit mobile number' },
  'field.hotline': { 'zh-CN': '请输入电话号码，如 0571-88886666 或 400-800-1234', 'en-US': 'Enter a phone number, e.g. 0571-88886666 or 400-800-1234' },
  'field.weeklyHoursOnCommunity': {
    'zh-CN': '项目的每周营业时间请在项目资料的“前台营业时间”中设置',
    'en-US': "A community's weekly hours are its desk hours; set them on the community",
  },
  'field.weeklyHoursEmpty': {
    'zh-CN': '每周至少要有一天设置营业时间',
    'en-US': 'Give opening hours on at least one day of the week',
  },
  'field.minLength': { 'zh-CN': '至少 {n} 个字', 'en-US': 'At least {n} characters' },
  'field.maxLength': { 'zh-CN': '最多 {n} 个字', 'en-US': 'At most {n} characters' },
  'field.minItems': { 'zh-CN': '至少 {n} 项', 'en-US': 'At least {n} items' },
  'field.maxItems': { 'zh-CN': '最多 {n} 项', 'en-US': 'At most {n} items' },
  'field.min': { 'zh-CN': '不能小于 {n}', 'en-US': 'Must be at least {n}' },
  'field.max': { 'zh-CN': '不能大于 {n}', 'en-US': 'Must be at most {n}' },
  'field.above': { 'zh-CN': '必须大于 {n}', 'en-US': 'Must be more than {n}' },
  'field.below': { 'zh-CN': '必须小于 {n}', 'en-US': 'Must be less than {n}' },

  'notify.slaWarning': { 'zh-CN': '{subject}：“{limit}”即将到期', 'en-US': '{subject}: "{limit}" is due soon' },
  'notify.slaBreached': { 'zh-CN': '{subject}：“{limit}”已超时', 'en-US': '{subject}: "{limit}" is overdue' },
  'notify.slaEscalated': {
    'zh-CN': '{subject}：“{limit}”超时仍未处理，已升级给您',
    'en-US': '{subject}: "{limit}" is still overdue and has been escalated to you',
  },

  'entity.user': { 'zh-CN': '用户', 'en-US': 'user' },
  'entity.organization': { 'zh-CN': '物业公司', 'en-US': 'property company' },
  'entity.community': { 'zh-CN': '项目', 'en-US': 'community' },
  'entity.building': { 'zh-CN': '楼栋', 'en-US': 'building' },
  'entity.unit': { 'zh-CN': '房屋', 'en-US': 'unit' },
  'entity.resident': { 'zh-CN': '住户', 'en-US': 'resident' },
  'entity.staff': { 'zh-CN': '员工', 'en-US': 'staff member' },
  'entity.notification': { 'zh-CN': '通知', 'en-US': 'notification' },
  'entity.standard': { 'zh-CN': '服务标准', 'en-US': 'service standard' },
  'entity.standardVersion': { 'zh-CN': '标准版本', 'en-US': 'standard version' },
  'entity.record': { 'zh-CN': '记录', 'en-US': 'record' },

  // Work orders, attachments, price list, outbound messages.
  'entity.workOrder': { 'zh-CN': '工单', 'en-US': 'work order' },
  'entity.attachment': { 'zh-CN': '附件', 'en-US': 'attachment' },
  'entity.priceItem': { 'zh-CN': '价目', 'en-US': 'price-list item' },
  'error.invalidTransition': {
    'zh-CN': '工单当前为“{state}”，不能执行“{action}”',
    'en-US': 'The work order is "{state}"; "{action}" cannot be taken now',
  },
  'error.stale': {
    'zh-CN': '已有他人先处理了这一项，当前为“{state}”；请刷新后再操作',
    'en-US': 'Someone else acted on this first; it is now "{state}". Reload and try again',
  },
  'error.actionNotAllowed': { 'zh-CN': '您不能对此工单执行“{action}”', 'en-US': 'You may not take "{action}" on this work order' },
  'error.idempotencyMismatch': {
    'zh-CN': '该幂等键已用于另一份不同的请求',
    'en-US': 'This Idempotency-Key was already used for a different request',
  },
  'error.idempotencyInFlight': {
    'zh-CN': '相同幂等键的请求正在处理中，请稍后重试',
    'en-US': 'A request with this Idempotency-Key is still being processed; retry shortly',
  },
  'field.unknownCategory': { 'zh-CN': '没有此分类，可选：{allowed}', 'en-US': 'No such category; use one of: {allowed}' },
  'field.unitNotYours': { 'zh-CN': '只能为自己的房屋提交', 'en-US': 'You can only report for your own unit' },
  'field.notTechnician': { 'zh-CN': '不是本项目的维修人员', 'en-US': 'Not a technician of this community' },
  'field.reasonForChange': { 'zh-CN': '更改预约须说明原因', 'en-US': 'Changing an appointment needs a reason' },
  'field.priceItemUnknown': { 'zh-CN': '不在本项目公示的价目表中', 'en-US': "Not on this community's published price list" },
  'field.fileType': { 'zh-CN': '文件类型不符，可上传：{allowed}', 'en-US': 'Wrong file type; allowed: {allowed}' },
  'field.fileUnreadable': { 'zh-CN': '文件已损坏，无法读取', 'en-US': 'The file is damaged and cannot be read' },
  'field.fileTooLarge': { 'zh-CN': '文件不能超过 {mb} MB', 'en-US': 'The file may be at most {mb} MB' },
  'field.attachmentKind': { 'zh-CN': '附件类型不符', 'en-US': 'This attachment is of the wrong kind' },
  'field.attachmentLinked': { 'zh-CN': '该附件已属于其他工单', 'en-US': 'This attachment belongs to another work order' },
  'notify.workAssigned': { 'zh-CN': '新派给您的工单：{number}', 'en-US': 'Work order {number} was assigned to you' },
  'notify.newWork': { 'zh-CN': '新工单待处理：{number}（{kind}）', 'en-US': 'New work order waiting: {number} ({kind})' },
  // The step's own name often starts with 业主 (业主确认报价): the text names the state it led to instead.
  'notify.ownerReplied': { 'zh-CN': '{number}：业主已回复，工单现为“{state}”', 'en-US': '{number}: the owner replied; the order is now "{state}"' },
  'notify.ownerCommented': { 'zh-CN': '{number}：业主有新留言', 'en-US': '{number}: a new message from the owner' },
  'notify.workTakenOver': { 'zh-CN': '工单 {number} 已改派给其他人员', 'en-US': 'Work order {number} was reassigned to someone else' },
  'notify.stateEntered': { 'zh-CN': '工单 {number}：{state}', 'en-US': 'Work order {number}: {state}' },
  'notify.rectificationOpened': { 'zh-CN': '整改单 {number}：{item}，请于 {due} 前完成整改', 'en-US': 'Rectification {number}: {item}; put it right by {due}' },
  'notify.workReturned': { 'zh-CN': '工单 {number} 被退回，请重新派单', 'en-US': 'Work order {number} was handed back and needs dispatching' },
  'outbound.appointmentChanged': {
    'zh-CN': '【{community}】您的报修 {number} 上门时间已改为 {at}，原因：{reason}。如有不便敬请谅解。',
    'en-US': '[{community}] The visit for your repair {number} is now {at}. Reason: {reason}. We apologise for any inconvenience.',
  },
  'outbound.appointmentSet': {
    'zh-CN': '【{community}】您的报修 {number} 已预约上门时间：{at}。',
    'en-US': '[{community}] The visit for your repair {number} is booked for {at}.',
  },
  'outbound.quoteAwaitsConsent': {
    'zh-CN': '【{community}】您的报修 {number} 为有偿服务，报价 {amount} 元，请确认后我们再施工。',
    'en-US': '[{community}] Your repair {number} is chargeable: the quote is CNY {amount}. We start once you agree.',
  },
  'outbound.workCompleted': {
    'zh-CN': '【{community}】您的报修 {number} 已完工，请验收。如有问题请联系服务中心。',
    'en-US': '[{community}] The work on your request {number} is done; please check and accept it.',
  },
  'outbound.subject': { 'zh-CN': '{community} 服务通知：{number}', 'en-US': '{community} service notice: {number}' },
  'kind.repair': { 'zh-CN': '报修', 'en-US': 'repair' },
  'kind.complaint': { 'zh-CN': '投诉', 'en-US': 'complaint' },
  'kind.inquiry': { 'zh-CN': '咨询', 'en-US': 'inquiry' },
  ...AUTH_MESSAGES,
  ...PORTAL_MESSAGES,
  // Module-local tables: patrol, shift handover, incidents.
  ...PATROL_MESSAGES,
  ...QUALITY_MESSAGES,
  ...SHIFT_MESSAGES,
  ...TRAINING_MESSAGES,
  ...APPRAISAL_MESSAGES,
  ...INCIDENT_MESSAGES,
  ...GATE_MESSAGES,
  ...PRIVACY_MESSAGES,
  ...FEE_MESSAGES,
  ...FEE_OWNER_MESSAGES,
  ...FEE_OPS_MESSAGES,
  ...ASSET_MESSAGES,
  ...FEE_LATE_MESSAGES,
} as const satisfies Record<string, Texts>;

export type MessageKey = keyof typeof MESSAGES;

/** A message parameter: plain text or number, a message key, or a text in both languages. */
export type MessageParam = string | number | Readonly<Record<Locale, string>>;

/**
 * Renders a message in the given language. Parameters that are message keys, or texts in both
 * languages (such as names from a service standard), are rendered in that language too.
 */
export function t(locale: Locale, key: MessageKey, params: Readonly<Record<string, MessageParam>> = {}): string {
  const template = MESSAGES[key][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    if (typeof value === 'object') return value[locale];
    if (typeof value === 'string' && value in MESSAGES) return MESSAGES[value as MessageKey][locale];
    return String(value);
  });
}
