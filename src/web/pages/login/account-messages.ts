import { useMemo } from 'react';
import type { Locale } from '../../../common/locale';
import { useI18n } from '../../i18n/i18n-context';
import { formatMessage } from '../../i18n/messages';

/**
 * Texts of the console's account pages: changing one's own password (also when an admin's reset
 * forces it) and an admin's account card on the staff page, in Chinese (source of keys) and English.
 */
const zhCN = {
  'password.title': '修改密码',
  'password.forcedTitle': '请设置新密码',
  'password.forcedHint': '您正在使用管理员设置的临时密码。设置自己的新密码后才能继续使用系统。',
  'password.hint': '新密码至少 {min} 个字符，不能是常见或已泄露的密码，也不能包含用户名或手机号。修改后，您在其他设备上的登录会失效。',
  'password.current': '当前密码',
  'password.currentForced': '临时密码',
  'password.new': '新密码',
  'password.confirm': '再次输入新密码',
  'password.required': '请输入密码',
  'password.tooShort': '密码至少需要 {min} 个字符',
  'password.mismatch': '两次输入的新密码不一致',
  'password.submit': '保存新密码',
  'password.cancel': '返回',
  'password.saved': '密码已修改，其他设备上的登录已退出',
  'password.signOut': '退出登录',
  'account.title': '登录账号',
  'account.none': '该员工没有登录账号',
  'account.username': '用户名',
  'account.state': '状态',
  'account.active': '正常',
  'account.disabled': '已停用',
  'account.mustChange': '待修改临时密码',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.reset': '重置密码',
  'account.disableConfirm': '停用 {username}？该账号的所有登录会立即失效。',
  'account.enableConfirm': '启用 {username}？',
  'account.resetConfirm': '重置 {username} 的密码？该账号的所有登录会立即失效，并生成一个临时密码。',
  'account.ok': '确定',
  'account.cancel': '取消',
  'account.disabledDone': '账号已停用',
  'account.enabledDone': '账号已启用',
  'account.tempTitle': '临时密码',
  'account.tempHint': '请将临时密码告知 {username} 本人。它只显示这一次；对方登录后必须立即设置新密码。',
  'account.tempClose': '我已记下',
  'account.create': '开通登录账号',
  'account.editRoles': '修改角色',
  'account.roles': '角色',
  'account.save': '保存',
  'account.rolesSaved': '角色已保存，对方下一次操作起生效',
  'account.usernameHint': '3–50 位字母、数字、点、短横线或下划线，例如手机号',
  'account.usernameRequired': '请输入用户名',
  'account.rolesRequired': '请至少选择一个角色',
} as const;

export type AccountMessageKey = keyof typeof zhCN;

const enUS: Record<AccountMessageKey, string> = {
  'password.title': 'Change password',
  'password.forcedTitle': 'Set a new password',
  'password.forcedHint': 'You are signed in with a temporary password set by an administrator. Set your own to continue.',
  'password.hint': 'At least {min} characters, not a common or breached password, and not containing your username or phone. Your sign-ins on other devices end when you change it.',
  'password.current': 'Current password',
  'password.currentForced': 'Temporary password',
  'password.new': 'New password',
  'password.confirm': 'New password again',
  'password.required': 'Enter a password',
  'password.tooShort': 'Use at least {min} characters',
  'password.mismatch': 'The two new passwords differ',
  'password.submit': 'Save new password',
  'password.cancel': 'Back',
  'password.saved': 'Password changed; other devices were signed out',
  'password.signOut': 'Sign out',
  'account.title': 'Sign-in account',
  'account.none': 'This staff member has no sign-in account',
  'account.username': 'Username',
  'account.state': 'State',
  'account.active': 'Active',
  'account.disabled': 'Disabled',
  'account.mustChange': 'Temporary password not yet changed',
  'account.disable': 'Disable account',
  'account.enable': 'Enable account',
  'account.reset': 'Reset password',
  'account.disableConfirm': 'Disable {username}? Every sign-in of the account ends at once.',
  'account.enableConfirm': 'Enable {username}?',
  'account.resetConfirm': "Reset {username}'s password? Every sign-in of the account ends at once and a temporary password is made.",
  'account.ok': 'OK',
  'account.cancel': 'Cancel',
  'account.disabledDone': 'Account disabled',
  'account.enabledDone': 'Account enabled',
  'account.tempTitle': 'Temporary password',
  'account.tempHint': 'Give the temporary password to {username} in person. It is shown only this once; they must set a new password when they sign in.',
  'account.tempClose': 'I have noted it',
  'account.create': 'Create sign-in account',
  'account.editRoles': 'Change roles',
  'account.roles': 'Roles',
  'account.save': 'Save',
  'account.rolesSaved': 'Roles saved; they apply from the person\'s next action',
  'account.usernameHint': '3–50 letters, digits, dots, dashes or underscores, e.g. the phone number',
  'account.usernameRequired': 'Enter a username',
  'account.rolesRequired': 'Choose at least one role',
};

export const ACCOUNT_MESSAGES: Record<Locale, Record<AccountMessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** The account pages' translator. */
export function useAccountI18n(): (key: AccountMessageKey, vars?: Record<string, string | number>) => string {
  const { locale } = useI18n();
  return useMemo(() => (key: AccountMessageKey, vars?: Record<string, string | number>) => formatMessage(ACCOUNT_MESSAGES[locale][key], vars), [locale]);
}
