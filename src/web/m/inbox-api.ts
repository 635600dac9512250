import type { InboxNotification as PortalNotification, InboxPage as NotificationPage } from '../../common/notifications';
import { api } from './api';

export type { InboxNotification as PortalNotification, InboxPage as NotificationPage } from '../../common/notifications';

/** The owner's inbox: the notifications API every signed-in person reads (reminders, and more as modules add them). */
export const inboxApi = {
  page: (page: number, pageSize = 20) => api<NotificationPage>(`/api/v1/notifications?page=${page}&pageSize=${pageSize}`),
  unread: () => api<NotificationPage>('/api/v1/notifications?unread=true&pageSize=1'),
  markRead: (id: string) => api<void>(`/api/v1/notifications/${id}/read`, { method: 'POST' }),
  markAllRead: () => api<{ updated: number }>('/api/v1/notifications/read-all', { method: 'POST' }),
};

/**
 * Where a notification leads in the portal, by what it is about; null when the portal has no
 * page for it (it is then only marked read).
 */
export function targetOf(n: Pick<PortalNotification, 'entityType' | 'entityId'>): string | null {
  if (!n.entityType) return null;
  switch (n.entityType) {
    case 'fee_account':
      return '/bills';
    case 'work_order':
      return n.entityId ? `/requests/${n.entityId}` : '/requests';
    default:
      return null;
  }
}
