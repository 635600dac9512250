import { useQueries, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Notice, Page, Spinner } from '../../components/ui';
import { feeApi, yuan, type Disclosure } from '../../fee-api';
import type { TextKey } from '../../i18n';
import { usePrefs } from '../../prefs';
import { useMe } from '../../session';

const rate = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The published fee disclosures of the communities the owner lives in, newest period first. */
export function DisclosuresPage() {
  const { t } = usePrefs();
  const { data: me } = useMe();
  const communities = [...new Map((me?.units ?? []).filter((u) => u.state === 'approved').map((u) => [u.communityId, u.communityName])).entries()];
  const lists = useQueries({ queries: communities.map(([id]) => ({ queryKey: ['portal', 'disclosures', id], queryFn: () => feeApi.disclosures(id) })) });
  const items = lists.flatMap((q) => q.data?.items ?? []);
  const pending = lists.some((q) => q.isPending);
  const error = lists.find((q) => q.error)?.error;
  return (
    <Page title={t('disc.title')}>
      {pending && <Spinner />}
      {error && <Notice tone="error" text={error.message} />}
      {!pending && !error && !items.length && <p className="muted empty">{t('disc.none')}</p>}
      {items.map((d) => (
        <Link key={d.id} to={`/disclosures/${d.id}`} className="card order-card" data-testid="disclosure-card">
          <div className="order-head">
            <strong>
              {d.period} {t(`disc.${d.periodKind}` as TextKey)}
            </strong>
            {d.latest ? <span className="badge badge-blue">{t('disc.version', { version: d.version })}</span> : <span className="badge badge-grey">{t('disc.corrected')}</span>}
          </div>
          <p className="small">
            {communities.length > 1 ? `${d.communityName} · ` : ''}
            {t('disc.rate', { rate: rate(d.figures.collectionRate) })} · {t('disc.published', { date: d.publishedOn })}
          </p>
        </Link>
      ))}
    </Page>
  );
}

/** One disclosure version: income from the ledger, spending, shared parts; printable for the notice board. */
export function DisclosurePage() {
  const { id = '' } = useParams();
  const { t } = usePrefs();
  const query = useQuery({ queryKey: ['portal', 'disclosure', id], queryFn: () => feeApi.disclosure(id) });
  if (query.isPending) return <Spinner />;
  if (query.error)
    return (
      <Page title={t('disc.title')}>
        <Notice tone="error" text={query.error.message} action={{ label: t('common.retry'), onClick: () => void query.refetch() }} />
      </Page>
    );
  return (
    <Page title={t('disc.title')}>
      <DisclosureBody d={query.data} />
      <button type="button" className="btn btn-secondary btn-block no-print" onClick={() => window.print()}>
        {t('disc.print')}
      </button>
    </Page>
  );
}

function DisclosureBody({ d }: { d: Disclosure }) {
  const { t } = usePrefs();
  const f = d.figures;
  const label = (l: Disclosure['lines'][number]) => l.label || t(`cat.${l.category}` as TextKey);
  const spending = d.lines.filter((l) => l.kind === 'spending');
  const shared = d.lines.filter((l) => l.kind !== 'spending');
  return (
    <>
      <section className="card" data-testid="disclosure">
        <div className="order-head">
          <strong>
            {d.communityName} {d.period} {t(`disc.${d.periodKind}` as TextKey)}
          </strong>
          {d.latest ? <span className="badge badge-blue">{t('disc.version', { version: d.version })}</span> : <span className="badge badge-grey">{t('disc.corrected')}</span>}
        </div>
        <p className="small">
          {d.periodStart} – {d.periodEnd} · {t('disc.published', { date: d.publishedOn })}
        </p>
        {d.correctionReason && <p className="small warn-text">{t('disc.correction', { reason: d.correctionReason })}</p>}
      </section>
      <section className="card">
        <h2>{t('disc.income')}</h2>
        <ul className="quote-lines">
          {f.byItem.map((i) => (
            <li key={i.itemId ?? 'other'}>
              <span>
                {i.itemName || t('disc.other')}
                <span className="muted small block">
                  {t('disc.billed')} {yuan(i.billedFen)}
                </span>
              </span>
              <strong>
                {t('disc.collected')} {yuan(i.collectedFen)}
              </strong>
            </li>
          ))}
        </ul>
        <p className="fee-total">
          <span>{t('disc.rate', { rate: rate(f.collectionRate) })}</span>
          <strong>
            {yuan(f.collectedFen)} / {yuan(f.billedFen)}
          </strong>
        </p>
        <p className="small">{t('disc.households', { billed: f.households.billed, paid: f.households.paidInFull })}</p>
        <p className="small">{t('disc.received', { amount: yuan(f.receivedFen), recovered: yuan(f.arrearsRecoveredFen) })}</p>
      </section>
      <section className="card">
        <h2>{t('disc.spending')}</h2>
        <ul className="quote-lines">
          {spending.map((l, i) => (
            <li key={i}>
              <span>{label(l)}</span>
              <strong>{yuan(l.amountFen)}</strong>
            </li>
          ))}
        </ul>
        <p className="fee-total">
          <span>{t('disc.total')}</span>
          <strong>{yuan(d.spendingFen)}</strong>
        </p>
      </section>
      <section className="card">
        <h2>{t('disc.shared')}</h2>
        <ul className="quote-lines">
          {shared.map((l, i) => (
            <li key={i}>
              <span>
                {label(l)}
                <span className="muted small block">{t(l.kind === 'shared_income' ? 'disc.sharedIncome' : 'disc.sharedCost')}</span>
              </span>
              <strong>{l.kind === 'shared_cost' ? `−${yuan(l.amountFen)}` : yuan(l.amountFen)}</strong>
            </li>
          ))}
        </ul>
        <p className="fee-total">
          <span>{t('disc.sharedNet')}</span>
          <strong data-testid="disclosure-shared-net">{yuan(d.sharedNetFen)}</strong>
        </p>
      </section>
      {d.note && (
        <section className="card">
          <p className="small">{d.note}</p>
        </section>
      )}
    </>
  );
}
