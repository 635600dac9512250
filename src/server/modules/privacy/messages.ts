/**
 * Server texts of personal-data handling (storage quota, retention, erasure, a resident's own
 * data download), merged into the one message table by `src/server/i18n/messages.ts`.
 */
export const PRIVACY_MESSAGES = {
  'error.storageQuota': {
    'zh-CN': '本公司的文件存储空间已满（配额 {quota}，已用 {used}），请联系公司管理员调整配额',
    'en-US': "Your company's file storage is full (quota {quota}, {used} used); ask a company admin to raise the quota",
  },
  'field.retentionDays': { 'zh-CN': '保存期须在 {min} 到 {max} 天之间', 'en-US': 'The retention period must be between {min} and {max} days' },
  'resident.erasedName': { 'zh-CN': '已注销住户', 'en-US': 'Erased resident' },
  'error.residentErased': { 'zh-CN': '该住户的个人信息已清除', 'en-US': "This resident's personal data has already been erased" },
} as const;
