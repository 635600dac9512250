import type { Locale } from '../../common/locale';
import type { Role } from '../../common/roles';

/**
 * Every text the web shell shows, in Chinese (the source of truth for keys) and English.
 * Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
const zhCN = {
  'app.name': '物业服务平台',
  'app.shortName': '物业服务平台',
  'lang.switch': '切换语言',

  'login.title': '登录',
  'login.subtitle': '请使用公司为您开通的账号登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'login.help': '忘记密码或无法登录时，请联系贵公司的系统管理员。',

  'nav.home': '工作台',
  'nav.audit': '审计日志',
  'nav.openMenu': '打开菜单',
  'nav.menu': '菜单',

  'user.menu': '用户菜单',
  'user.roles': '角色：{roles}',
  'common.listSeparator': '、',
  'user.logout': '退出登录',
  'user.logoutFailed': '退出登录失败：{message}',

  'home.greeting': '{name}，您好',
  'home.intro': '这里是您的工作台。菜单中列出了您可以使用的功能。',
  'home.account': '账号：{username}',
  'home.organization': '所属公司',
  'home.noOrganization': '未关联公司',
  'home.communities': '我的小区',
  'home.noCommunities': '暂未分配小区',
  'home.roles': '我的角色',
  'home.shortcuts': '可用功能',

  'audit.description': '系统中每一次数据变更都记录在这里：谁、在什么时间、改了什么。',
  'audit.entityType': '对象类型',
  'audit.anyEntityType': '全部类型',
  'audit.action': '操作',
  'audit.anyAction': '全部操作',
  'audit.dateRange': '时间范围',
  'audit.search': '查询',
  'audit.reset': '重置',
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.entity': '对象',
  'audit.summary': '变更内容',
  'audit.system': '系统',
  'audit.before': '变更前',
  'audit.after': '变更后',
  'audit.noSummary': '无字段变更',
  'audit.moreFields': '另有 {count} 项，展开查看',
  'audit.empty': '没有符合条件的记录',
  'audit.total': '共 {total} 条',

  'notFound.title': '页面不存在',
  'notFound.description': '您访问的地址不存在，可能已被移动或输入有误。',
  'forbidden.title': '没有权限',
  'forbidden.description': '您当前的角色不能使用此页面。如需使用，请联系管理员开通。',
  'error.title': '页面出错了',
  'error.description': '页面遇到了意外错误。请刷新重试；如果问题仍然存在，请联系管理员。',
  'error.reload': '刷新页面',
  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.server': '服务器暂时无法处理请求（{status}），请稍后重试。',
  'error.loadFailed': '加载失败',
  'error.localeNotSaved': '语言已切换，但未能保存到您的账号：{message}',

  'common.backHome': '返回工作台',
  'common.retry': '重试',
  'common.loading': '加载中…',
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

const enUS: Messages = {
  'app.name': 'Wuye Property Services',
  'app.shortName': 'Wuye Property',
  'lang.switch': 'Change language',

  'login.title': 'Sign in',
  'login.subtitle': 'Use the account your company set up for you',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.usernameRequired': 'Enter your username',
  'login.passwordRequired': 'Enter your password',
  'login.submit': 'Sign in',
  'login.help': "Forgot your password or can't sign in? Contact your company's administrator.",

  'nav.home': 'Workspace',
  'nav.audit': 'Audit log',
  'nav.openMenu': 'Open menu',
  'nav.menu': 'Menu',

  'user.menu': 'User menu',
  'user.roles': 'Roles: {roles}',
  'common.listSeparator': ', ',
  'user.logout': 'Log out',
  'user.logoutFailed': 'Could not log out: {message}',

  'home.greeting': 'Hello, {name}',
  'home.intro': 'This is your workspace. The menu lists the features you can use.',
  'home.account': 'Account: {username}',
  'home.organization': 'Company',
  'home.noOrganization': 'Not linked to a company',
  'home.communities': 'My communities',
  'home.noCommunities': 'No communities assigned yet',
  'home.roles': 'My roles',
  'home.shortcuts': 'Available features',

  'audit.description': 'Every change to the data is recorded here: who made it, when, and what changed.',
  'audit.entityType': 'Entity type',
  'audit.anyEntityType': 'All types',
  'audit.action': 'Action',
  'audit.anyAction': 'All actions',
  'audit.dateRange': 'Date range',
  'audit.search': 'Search',
  'audit.reset': 'Reset',
  'audit.at': 'Time',
  'audit.actor': 'By',
  'audit.entity': 'Entity',
  'audit.summary': 'Changes',
  'audit.system': 'System',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.noSummary': 'No field changes',
  'audit.moreFields': '{count} more, expand to see all',
  'audit.empty': 'No matching records',
  'audit.total': '{total} records',

  'notFound.title': 'Page not found',
  'notFound.description': 'The address you opened does not exist. It may have moved or been mistyped.',
  'forbidden.title': 'No access',
  'forbidden.description': 'Your role cannot use this page. Ask your administrator if you need it.',
  'error.title': 'Something went wrong',
  'error.description':
    'This page ran into an unexpected error. Reload to try again; if it keeps happening, contact your administrator.',
  'error.reload': 'Reload page',
  'error.network': 'Cannot reach the server. Check your connection and try again.',
  'error.server': 'The server could not handle the request ({status}). Please try again later.',
  'error.loadFailed': 'Could not load',
  'error.localeNotSaved': 'The language changed, but it could not be saved to your account: {message}',

  'common.backHome': 'Back to workspace',
  'common.retry': 'Try again',
  'common.loading': 'Loading…',
};

/** All dictionaries by locale. */
export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Role names as people in a property company say them. */
export const ROLE_LABELS: Record<Locale, Record<Role, string>> = {
  'zh-CN': {
    platform_admin: '平台管理员',
    company_admin: '公司管理员',
    project_manager: '项目经理',
    service_desk: '客服',
    dispatcher: '调度员',
    technician: '维修工',
    guard: '秩序维护员',
    cleaner: '保洁员',
    greening: '绿化员',
    quality_inspector: '品质督导',
    resident: '业主',
  },
  'en-US': {
    platform_admin: 'Platform administrator',
    company_admin: 'Company administrator',
    project_manager: 'Project manager',
    service_desk: 'Service desk',
    dispatcher: 'Dispatcher',
    technician: 'Technician',
    guard: 'Security guard',
    cleaner: 'Cleaner',
    greening: 'Gardener',
    quality_inspector: 'Quality inspector',
    resident: 'Resident',
  },
};

/** Each language named in itself, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', 'en-US': 'English' };

/** The same, short enough for a phone's header. */
export const LOCALE_SHORT_NAMES: Record<Locale, string> = { 'zh-CN': '中', 'en-US': 'EN' };

/** Fills `{name}` placeholders; unknown placeholders are left as written. */
export function formatMessage(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Translates one key in the given locale (for code outside React, such as the API client). */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  return formatMessage(MESSAGES[locale][key], vars);
}
