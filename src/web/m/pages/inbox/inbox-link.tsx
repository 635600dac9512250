import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { inboxApi } from '../../inbox-api';
import { usePrefs } from '../../prefs';

/** The home page's way to the inbox, with the unread count (refreshed every minute). */
export function InboxLink() {
  const { t } = usePrefs();
  const query = useQuery({ queryKey: ['portal', 'inbox', 'unread'], queryFn: inboxApi.unread, refetchInterval: 60_000 });
  const unread = query.data?.unreadCount ?? 0;
  return (
    <Link to="/inbox" className="card inbox-link" data-testid="inbox-link">
      <strong>{t('inbox.link')}</strong>
      {unread > 0 ? (
        <span className="badge badge-red" data-testid="inbox-link-count">
          {t('inbox.unreadCount', { count: unread })}
        </span>
      ) : (
        <span className="muted small">{query.isSuccess ? t('inbox.allRead') : ''} ›</span>
      )}
    </Link>
  );
}
