import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { portalApi } from '../api';
import { OrderCard } from '../components/order-card';
import { Choice, Notice, Page, Spinner } from '../components/ui';
import { usePrefs } from '../prefs';

/** My requests, in progress or finished, newest first, 20 at a time. */
export function RequestsPage() {
  const { t } = usePrefs();
  const [active, setActive] = useState<'true' | 'false'>('true');
  const query = useInfiniteQuery({
    queryKey: ['portal', 'orders', 'list', active],
    queryFn: ({ pageParam }) => portalApi.orders({ active, page: pageParam }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title={t('req.listTitle')}>
      <Choice
        label={t('req.listTitle')}
        value={active}
        onChange={setActive}
        options={[
          { value: 'true', label: t('req.active') },
          { value: 'false', label: t('req.finished') },
        ]}
      />
      {query.isPending && <Spinner />}
      {query.error && <Notice tone="error" text={query.error.message} action={{ label: t('common.retry'), onClick: () => void query.refetch() }} />}
      {query.isSuccess && !items.length && <p className="muted empty">{t('req.empty')}</p>}
      {items.map((o) => (
        <OrderCard key={o.id} order={o} />
      ))}
      {query.hasNextPage && (
        <button type="button" className="btn btn-secondary btn-block" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? t('common.loading') : t('common.more')}
        </button>
      )}
    </Page>
  );
}
