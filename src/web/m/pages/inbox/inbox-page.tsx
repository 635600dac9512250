import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Notice, Page, Spinner } from '../../components/ui';
import { inboxApi, targetOf, type PortalNotification } from '../../inbox-api';
import { usePrefs } from '../../prefs';
import { PORTAL_TEXTS, type TextKey } from '../../i18n';

const KEY = ['portal', 'inbox'] as const;

/**
 * My messages: the reminders and other notices sent to me, newest first, 20 at a time. Unread
 * ones are marked; opening one marks it read and goes to what it is about (my bills, a request).
 */
export function InboxPage() {
  const { t } = usePrefs();
  const client = useQueryClient();
  const navigate = useNavigate();
  const query = useInfiniteQuery({
    queryKey: [...KEY, 'list'],
    queryFn: ({ pageParam }) => inboxApi.page(pageParam),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const markAll = useMutation({ mutationFn: inboxApi.markAllRead, onSuccess: refresh });
  const open = useMutation({
    mutationFn: async (n: PortalNotification) => {
      if (!n.read) await inboxApi.markRead(n.id);
      return n;
    },
    onSuccess: async (n) => {
      await refresh();
      const to = targetOf(n);
      if (to) void navigate(to);
    },
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = query.data?.pages[0]?.unreadCount ?? 0;
  return (
    <Page title={t('inbox.title')}>
      <div className="section-head">
        <p className="muted small" data-testid="inbox-unread">
          {unread ? t('inbox.unreadCount', { count: unread }) : t('inbox.allRead')}
        </p>
        {unread > 0 && (
          <button type="button" className="link-button inbox-mark-all" disabled={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('inbox.markAll')}
          </button>
        )}
      </div>
      {query.isPending && <Spinner />}
      {query.error && <Notice tone="error" text={query.error.message} action={{ label: t('common.retry'), onClick: () => void query.refetch() }} />}
      {(open.error ?? markAll.error) && <Notice tone="error" text={(open.error ?? markAll.error)!.message} />}
      {query.isSuccess && !items.length && <p className="muted empty">{t('inbox.empty')}</p>}
      <ul className="inbox-list">
        {items.map((n) => (
          <li key={n.id}>
            <InboxItem n={n} busy={open.isPending && open.variables?.id === n.id} onOpen={() => open.mutate(n)} />
          </li>
        ))}
      </ul>
      {query.hasNextPage && (
        <button type="button" className="btn btn-secondary btn-block" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? t('common.loading') : t('common.more')}
        </button>
      )}
    </Page>
  );
}

function InboxItem({ n, busy, onOpen }: { n: PortalNotification; busy: boolean; onOpen: () => void }) {
  const { t, formatTime } = usePrefs();
  const kindKey = `inbox.kind.${n.kind}` as TextKey;
  const kind = t(kindKey in PORTAL_TEXTS ? kindKey : 'inbox.kind.other');
  return (
    <button type="button" className={`card inbox-item${n.read ? '' : ' inbox-unread'}`} onClick={onOpen} disabled={busy} data-testid="inbox-item" data-read={n.read}>
      <span className="inbox-head">
        <strong>
          {!n.read && <span className="inbox-dot" aria-hidden="true" />}
          {kind}
        </strong>
        {!n.read && <span className="badge badge-blue">{t('inbox.unread')}</span>}
      </span>
      <span className="inbox-message">{n.message}</span>
      <span className="muted small block">
        {formatTime(n.createdAt)}
        {targetOf(n) ? ` · ${t('inbox.open')} ›` : ''}
      </span>
    </button>
  );
}
