import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { Notice, Page, Spinner } from '../../components/ui';
import { feeApi, yuan } from '../../fee-api';
import type { TextKey } from '../../i18n';
import { usePrefs } from '../../prefs';

/** One of my receipts: what it paid and how, printable or saved as PDF, with its verification link. */
export function ReceiptPage() {
  const { id = '' } = useParams();
  const { t, formatTime } = usePrefs();
  const query = useQuery({ queryKey: ['portal', 'fee-receipt', id], queryFn: () => feeApi.receipt(id) });
  if (query.isPending) return <Spinner />;
  if (query.error)
    return (
      <Page title={t('receipt.title')}>
        <Notice tone="error" text={query.error.message} action={{ label: t('common.retry'), onClick: () => void query.refetch() }} />
      </Page>
    );
  const r = query.data;
  return (
    <Page title={t('receipt.title')}>
      <section className="card" data-testid="portal-receipt">
        <div className="order-head">
          <strong>{r.receiptNo}</strong>
          {r.status === 'void' ? <span className="badge badge-grey">{t('bills.void')}</span> : <span className="badge badge-green">{t('receipt.valid')}</span>}
        </div>
        {r.status === 'void' && <p className="small warn-text">{t('receipt.voided', { reason: r.voidReason ?? '' })}</p>}
        <p className="small">{r.accountLabel}</p>
        <p className="small">
          {t('receipt.paidAt')} {formatTime(r.paidAt)} · {t('receipt.cashier')} {r.cashierName}
        </p>
      </section>
      <section className="card">
        <h2>{t('receipt.settled')}</h2>
        <ul className="quote-lines">
          {r.allocations.map((a) => (
            <li key={a.chargeId}>
              <span>
                {a.itemName ?? ''}
                {a.periodStart && <span className="muted small block">{t('bills.period', { from: a.periodStart, to: a.periodEnd ?? '' })}</span>}
              </span>
              <strong>{yuan(a.amountFen)}</strong>
            </li>
          ))}
          {r.prepaymentFen > 0 && (
            <li>
              <span>{t('receipt.prepaid')}</span>
              <strong>{yuan(r.prepaymentFen)}</strong>
            </li>
          )}
        </ul>
        <h2 style={{ marginTop: '0.8rem' }}>{t('receipt.methods')}</h2>
        <ul className="quote-lines">
          {r.lines.map((l, i) => (
            <li key={i}>
              <span>
                {t(`method.${l.method}` as TextKey)}
                {l.tenderedFen && l.changeFen ? <span className="muted small block">{t('receipt.change', { tendered: yuan(l.tenderedFen), change: yuan(l.changeFen) })}</span> : null}
              </span>
              <strong>{yuan(l.amountFen)}</strong>
            </li>
          ))}
        </ul>
        <p className="fee-total">
          <span>{t('receipt.total')}</span>
          <span data-testid="portal-receipt-total">{yuan(r.totalFen)}</span>
        </p>
      </section>
      <a className="btn btn-secondary btn-block no-print" href={`/r/${r.verifyCode}`} target="_blank" rel="noreferrer">
        {t('receipt.verify')}
      </a>
      <button type="button" className="btn btn-primary btn-block no-print" onClick={() => window.print()}>
        {t('receipt.print')}
      </button>
    </Page>
  );
}
