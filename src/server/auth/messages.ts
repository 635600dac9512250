import type { Locale } from '../../common/locale';

/**
 * Server texts of accounts and passwords (password rules, the forced change, an admin's account
 * actions). Spread into the one message table (`src/server/i18n/messages.ts`).
 */
export const AUTH_MESSAGES = {
  'entity.account': { 'zh-CN': '账号', 'en-US': 'account' },
  'field.passwordTooShort': { 'zh-CN': '密码至少需要 {min} 个字符', 'en-US': 'Use at least {min} characters' },
  'field.passwordBreached': {
    'zh-CN': '这个密码出现在已泄露的常用密码库中，请换一个',
    'en-US': 'This password appears in lists of breached passwords; choose another',
  },
  'field.passwordPersonal': { 'zh-CN': '密码不能包含用户名或手机号', 'en-US': 'The password must not contain your username or phone number' },
  'field.passwordWeak': {
    'zh-CN': '密码太容易被猜到，请使用更长、更不常见的组合',
    'en-US': 'This password is too easy to guess; use a longer, less common one',
  },
  'field.passwordUnchanged': { 'zh-CN': '新密码不能与当前密码相同', 'en-US': 'The new password must differ from the current one' },
  'field.currentPasswordWrong': { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  'field.currentPasswordOrCode': {
    'zh-CN': '请输入当前密码，或获取短信验证码后输入验证码',
    'en-US': 'Enter your current password, or the code from a text message',
  },
  'error.passwordChangeRequired': {
    'zh-CN': '您正在使用管理员设置的临时密码，请先设置自己的新密码',
    'en-US': 'You are using a temporary password set by an administrator; please set your own first',
  },
  'error.ownAccount': {
    'zh-CN': '不能停用、重置自己的账号或修改自己的角色；修改密码请用“修改密码”',
    'en-US': 'You cannot disable or reset your own account or change your own roles; use "Change password" for your password',
  },
  'error.accountArchived': {
    'zh-CN': '该员工已归档，不能开通、启用或重置其账号，也不能修改角色',
    'en-US': 'This staff member is archived; the account cannot be created, enabled or reset, nor its roles changed',
  },
  'error.accountExists': { 'zh-CN': '该员工已有登录账号', 'en-US': 'This staff member already has a sign-in account' },
} as const satisfies Record<string, Record<Locale, string>>;
