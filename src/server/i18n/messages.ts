import type { Locale } from '../../common/locale';

type Texts = Record<Locale, string>;

/**
 * Server-side texts (error messages, notifications). Every key has both languages; the type
 * checker refuses a key without them. `{name}` placeholders are filled by `t()`.
 */
export const MESSAGES = {
  'error.validation': { 'zh-CN': '提交的内容有误，请检查标出的字段', 'en-US': 'Some fields are not valid; please check them' },
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
  'error.accountDisabled': { 'zh-CN': '该账号已停用', 'en-US': 'This account is disabled' },

  'field.required': { 'zh-CN': '必填', 'en-US': 'Required' },
  'field.invalid': { 'zh-CN': '格式不正确', 'en-US': 'Invalid value' },
  'field.taken': { 'zh-CN': '已被使用', 'en-US': 'Already in use' },
  'field.phone': { 'zh-CN': '请输入 11 位手机号码', 'en-US': 'Enter an 11-digit mobile number' },
  'field.tooShort': { 'zh-CN': '至少 {min} 个字符', 'en-US': 'At least {min} characters' },

  'entity.user': { 'zh-CN': '用户', 'en-US': 'user' },
  'entity.organization': { 'zh-CN': '物业公司', 'en-US': 'property company' },
  'entity.community': { 'zh-CN': '项目', 'en-US': 'community' },
  'entity.building': { 'zh-CN': '楼栋', 'en-US': 'building' },
  'entity.unit': { 'zh-CN': '房屋', 'en-US': 'unit' },
  'entity.resident': { 'zh-CN': '住户', 'en-US': 'resident' },
  'entity.staff': { 'zh-CN': '员工', 'en-US': 'staff member' },
  'entity.record': { 'zh-CN': '记录', 'en-US': 'record' },
} as const satisfies Record<string, Texts>;

export type MessageKey = keyof typeof MESSAGES;

/** Renders a message in the given language; parameters that are message keys are translated too. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[key][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    if (typeof value === 'string' && value in MESSAGES) return MESSAGES[value as MessageKey][locale];
    return String(value);
  });
}
