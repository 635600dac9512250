import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { StateBadge } from '../../components/gate-ui';
import { Notice, Page, Spinner } from '../../components/ui';
import { gateApi, type GoodsSlip } from '../../gate-api';
import { usePrefs } from '../../prefs';

/** My goods-release slips, newest first, with a button to issue one. */
export function SlipsPage() {
  const { t } = usePrefs();
  const query = useInfiniteQuery({
    queryKey: ['portal', 'slips'],
    queryFn: ({ pageParam }) => gateApi.slips(pageParam),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title={t('slip.listTitle')}>
      <p className="muted">{t('slip.intro')}</p>
      <Link to="/slips/new" className="btn btn-primary btn-block">
        ＋ {t('slip.new')}
      </Link>
      {query.isPending && <Spinner />}
      {query.error && <Notice tone="error" text={query.error.message} action={{ label: t('common.retry'), onClick: () => void query.refetch() }} />}
      {query.isSuccess && !items.length && <p className="muted empty">{t('slip.empty')}</p>}
      {items.map((s) => (
        <SlipCard key={s.id} slip={s} />
      ))}
      {query.hasNextPage && (
        <button type="button" className="btn btn-secondary btn-block" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? t('common.loading') : t('common.more')}
        </button>
      )}
    </Page>
  );
}

function SlipCard({ slip }: { slip: GoodsSlip }) {
  const { t, formatTime } = usePrefs();
  const count = slip.items.reduce((n, i) => n + i.quantity, 0);
  return (
    <Link className="card order-card" to={`/slips/${slip.id}`} data-testid={`slip-${slip.code}`}>
      <div className="order-head">
        <strong>{slip.items.map((i) => `${i.name}×${i.quantity}`).join('、')}</strong>
        <StateBadge state={slip.state} verdict={slip.verdict} />
      </div>
      <p className="order-text">
        {t('slip.count', { n: count })} · {t('slip.carrier', { name: slip.carrierName })}
      </p>
      {slip.state.type === 'open' && slip.verdict.ok && <p className="order-promise">{t('gate.validUntil', { at: formatTime(slip.validUntil) })}</p>}
      <p className="muted small">
        {slip.code} · {slip.unitLabel} · {formatTime(slip.createdAt)}
      </p>
    </Link>
  );
}
