import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { StateBadge, useWindowText } from '../../components/gate-ui';
import { Notice, Page, Spinner } from '../../components/ui';
import { gateApi, type GatePass } from '../../gate-api';
import { usePrefs } from '../../prefs';

/** My visitor passes, newest window first, with a button to invite someone. */
export function PassesPage() {
  const { t } = usePrefs();
  const query = useInfiniteQuery({
    queryKey: ['portal', 'passes'],
    queryFn: ({ pageParam }) => gateApi.passes(pageParam),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title={t('pass.listTitle')}>
      <p className="muted">{t('pass.intro')}</p>
      <Link to="/passes/new" className="btn btn-primary btn-block">
        ＋ {t('pass.new')}
      </Link>
      {query.isPending && <Spinner />}
      {query.error && <Notice tone="error" text={query.error.message} action={{ label: t('common.retry'), onClick: () => void query.refetch() }} />}
      {query.isSuccess && !items.length && <p className="muted empty">{t('pass.empty')}</p>}
      {items.map((p) => (
        <PassCard key={p.id} pass={p} />
      ))}
      {query.hasNextPage && (
        <button type="button" className="btn btn-secondary btn-block" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? t('common.loading') : t('common.more')}
        </button>
      )}
    </Page>
  );
}

function PassCard({ pass }: { pass: GatePass }) {
  const { t } = usePrefs();
  const windowText = useWindowText();
  return (
    <Link className="card order-card" to={`/passes/${pass.id}`} data-testid={`pass-${pass.code}`}>
      <div className="order-head">
        <strong>{pass.visitorName}</strong>
        <StateBadge state={pass.state} verdict={pass.verdict} />
      </div>
      <p className="order-text">{windowText(pass.validFrom, pass.validUntil)}</p>
      <p className="muted small">
        {pass.code} · {pass.unitLabel}
        {pass.plate && <span className="nowrap"> · {t('pass.plate', { plate: pass.plate })}</span>}
      </p>
    </Link>
  );
}
