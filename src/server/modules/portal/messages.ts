import type { Locale } from '../../../common/locale';

/**
 * Server texts of the owner portal (sign-in codes, registration, the desk's review). Spread into
 * the one message table (`src/server/i18n/messages.ts`) so `t()` and error keys stay typed.
 */
export const PORTAL_MESSAGES = {
  'entity.unitRequest': { 'zh-CN': '房屋认证申请', 'en-US': 'unit request' },
  'portal.privacyNoticeChanged': {
    'zh-CN': '个人信息保护告知已更新，请阅读新版本后再同意',
    'en-US': 'The privacy notice has changed; please read the new version before you accept',
  },
  'portal.privacyConsentRequired': {
    'zh-CN': '请先阅读并同意个人信息保护告知，再使用物业服务',
    'en-US': 'Please read and accept the privacy notice before using the services',
  },
  'error.otpResendTooSoon': {
    'zh-CN': '验证码已发送，请 {seconds} 秒后再重新获取',
    'en-US': 'A code was just sent; you can ask for another in {seconds} seconds',
  },
  'error.otpPhoneHourlyCap': {
    'zh-CN': '该手机号一小时内获取验证码次数过多，请稍后再试或使用密码登录',
    'en-US': 'Too many codes for this phone within an hour; please try later or sign in with your password',
  },
  'error.otpAddressHourlyCap': {
    'zh-CN': '当前网络一小时内获取验证码次数过多，请稍后再试',
    'en-US': 'Too many codes requested from this network within an hour; please try later',
  },
  'error.phoneLoginFailed': { 'zh-CN': '手机号或密码不正确', 'en-US': 'Wrong phone number or password' },
  'field.otpWrong': { 'zh-CN': '验证码不正确，还可以再试 {left} 次', 'en-US': 'Wrong code; {left} tries left' },
  'field.otpExpired': { 'zh-CN': '验证码已失效，请重新获取', 'en-US': 'This code has expired; please ask for a new one' },
  'field.otpLocked': { 'zh-CN': '错误次数过多，验证码已失效，请重新获取', 'en-US': 'Too many wrong tries; please ask for a new code' },
  'field.otpFormat': { 'zh-CN': '请输入短信中的 6 位数字验证码', 'en-US': 'Enter the 6-digit code from the text message' },
  'field.notInPast': { 'zh-CN': '不能早于现在', 'en-US': 'Cannot be in the past' },
  'field.withinDays': { 'zh-CN': '请选择 {days} 天以内的时间', 'en-US': 'Choose a time within {days} days' },
  'field.chooseCommunity': { 'zh-CN': '请先选择您所在的小区', 'en-US': 'Please choose your community first' },
  'field.unitAlreadyYours': { 'zh-CN': '您已绑定这套房屋', 'en-US': 'This unit is already yours' },
  'field.unitAlreadyRequested': { 'zh-CN': '这套房屋的申请正在审核中', 'en-US': 'Your request for this unit is already being reviewed' },
  'field.otherOrganization': {
    'zh-CN': '只能申请同一物业公司管理的小区，其他小区请联系该小区的服务中心',
    'en-US': 'You can only add units managed by the same company; for others, contact that community’s service desk',
  },
  'error.alreadyRegistered': { 'zh-CN': '您已登记为住户，可直接添加房屋', 'en-US': 'You are already registered; add a unit instead' },
  'error.requestDecided': { 'zh-CN': '该申请已处理，请刷新', 'en-US': 'This request was already handled; please reload' },
  'notify.unitRequested': {
    'zh-CN': '{name} 申请认证房屋 {unit}，请审核',
    'en-US': '{name} asks to be registered for {unit}; please review',
  },
  'outbound.otp': {
    'zh-CN': '【物业服务】您的登录验证码为 {code}，5 分钟内有效。请勿告诉他人。',
    'en-US': '[Property service] Your sign-in code is {code}, valid for 5 minutes. Do not share it.',
  },
  'outbound.otpSubject': { 'zh-CN': '登录验证码', 'en-US': 'Sign-in code' },
  'outbound.unitApproved': {
    'zh-CN': '【{community}】您申请认证的房屋 {unit} 已审核通过，现在可以在线报修、投诉了。',
    'en-US': '[{community}] Your request for {unit} was approved; you can now report repairs and complaints online.',
  },
  'outbound.unitRejected': {
    'zh-CN': '【{community}】您申请认证的房屋 {unit} 未通过审核，原因：{reason}。如有疑问请联系服务中心。',
    'en-US': '[{community}] Your request for {unit} was not approved. Reason: {reason}. Please contact the service desk with any questions.',
  },
  'outbound.unitSubject': { 'zh-CN': '{community} 房屋认证结果', 'en-US': '{community}: your unit request' },
} as const satisfies Record<string, Record<Locale, string>>;
