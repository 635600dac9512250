import type { Locale } from '../../../../common/locale';

/** Texts of the owner's inbox (merged into the portal's one table). */
export const INBOX_PORTAL_TEXTS = {
  'inbox.title': { 'zh-CN': '消息', 'en-US': 'Messages' },
  'inbox.link': { 'zh-CN': '我的消息', 'en-US': 'My messages' },
  'inbox.unreadCount': { 'zh-CN': '{count} 条未读', 'en-US': '{count} unread' },
  'inbox.allRead': { 'zh-CN': '没有未读消息', 'en-US': 'Nothing unread' },
  'inbox.unread': { 'zh-CN': '未读', 'en-US': 'Unread' },
  'inbox.empty': { 'zh-CN': '还没有消息', 'en-US': 'No messages yet' },
  'inbox.markAll': { 'zh-CN': '全部标为已读', 'en-US': 'Mark all read' },
  'inbox.open': { 'zh-CN': '查看', 'en-US': 'Open' },
  'inbox.kind.fee_arrears': { 'zh-CN': '缴费提醒', 'en-US': 'Payment reminder' },
  'inbox.kind.fee_late_fee': { 'zh-CN': '滞纳金', 'en-US': 'Late fee' },
  'inbox.kind.other': { 'zh-CN': '通知', 'en-US': 'Notice' },
} as const satisfies Record<string, Record<Locale, string>>;
