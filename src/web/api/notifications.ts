import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxNotification, InboxPage } from '../../common/notifications';
import { apiRequest } from './client';

export type { InboxNotification, InboxPage } from '../../common/notifications';

const INBOX_KEY = ['notifications'] as const;
// New work and timer alerts should show up without a reload, but polling stays cheap.
const POLL_MS = 60_000;

/** The newest notifications and the unread count, refreshed every minute. */
export function useInbox(pageSize: number) {
  return useQuery({
    queryKey: [...INBOX_KEY, pageSize],
    queryFn: ({ signal }) => apiRequest<InboxPage>('/api/v1/notifications', { query: { page: 1, pageSize }, signal }),
    refetchInterval: POLL_MS,
  });
}

/** Marks one notification read. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/api/v1/notifications/${id}/read`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

/** Marks every notification read. */
export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<{ updated: number }>('/api/v1/notifications/read-all', { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

/** Console page of the entity a notification is about, when there is one. */
export function notificationLink(n: Pick<InboxNotification, 'entityType' | 'entityId'>): string | null {
  if (!n.entityId) return null;
  if (n.entityType === 'work_order') return `/work-orders/${n.entityId}`;
  if (n.entityType === 'unit_request') return '/unit-requests';
  return null;
}
