import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CallUs } from '../../components/call-us';
import { Notice, Page, Spinner } from '../../components/ui';
import { feeApi, yuan, type OwnerBill } from '../../fee-api';
import { usePrefs } from '../../prefs';
import type { TextKey } from '../../i18n';
import { LateFeesCard } from './late-fees-card';

/**
 * My bills: per home, the amount due with what it is made of, a reminder when something is
 * overdue, how to pay (the community's bank account and the reference to write), the receipts
 * (each opens its verification page) and the ledger history.
 */
export function BillsPage() {
  const { t } = usePrefs();
  const query = useQuery({ queryKey: ['portal', 'fee-bills'], queryFn: feeApi.bills });
  return (
    <Page title={t('bills.title')}>
      {query.isPending && <Spinner />}
      {query.error && <Notice tone="error" text={query.error.message} action={{ label: t('common.retry'), onClick: () => void query.refetch() }} />}
      {query.isSuccess && !query.data.items.length && <p className="muted empty">{t('bills.none')}</p>}
      {query.data?.items.map((bill) => <HomeBill key={bill.accountId} bill={bill} />)}
    </Page>
  );
}

function HomeBill({ bill }: { bill: OwnerBill }) {
  const { t } = usePrefs();
  const p = bill.payInfo;
  return (
    <section className="section fee-home" data-testid="fee-home">
      <section className="card">
        <div className="order-head">
          <strong>
            {bill.communityName} {bill.label}
          </strong>
        </div>
        <p className="muted small">{t('bills.dueNow')}</p>
        <p className="fee-due" data-testid="fee-due">
          {yuan(bill.dueNowFen)}
        </p>
        {bill.notYetDueFen > 0 && <p className="small">{t('bills.notYetDue', { amount: yuan(bill.notYetDueFen) })}</p>}
        {bill.prepaymentFen > 0 && <p className="small">{t('bills.prepaid', { amount: yuan(bill.prepaymentFen) })}</p>}
        {bill.dueNowFen === 0 && <p className="small">{t('bills.allPaid')}</p>}
      </section>
      {bill.arrearsFen > 0 && <CallUs tone="warning" text={t('bills.arrearsNotice', { amount: yuan(bill.arrearsFen) })} communityId={bill.communityId} />}
      {bill.open.length > 0 && (
        <section className="card">
          <h2>{t('bills.breakdown')}</h2>
          <ul className="quote-lines">
            {bill.open.map((o) => (
              <li key={o.entryId}>
                <span>
                  {o.itemName ?? o.memo ?? t(`entry.${o.kind}` as TextKey)}
                  <span className="muted small block">
                    {o.periodStart && o.periodEnd ? t('bills.period', { from: o.periodStart, to: o.periodEnd }) : null} · {t('bills.dueOn', { date: o.dueOn })}
                    {o.openFen !== o.amountFen && ` · ${t('bills.of', { amount: yuan(o.amountFen) })}`}
                  </span>
                </span>
                <span className="fee-amount">
                  <strong>{yuan(o.openFen)}</strong>
                  {o.overdue && <span className="badge badge-orange">{t('bills.overdue')}</span>}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <LateFeesCard fees={bill.lateFees} />
      <section className="card">
        <h2>{t('bills.howToPay')}</h2>
        {p.accountNo ? (
          <dl className="fee-pay">
            {p.bankName && (
              <>
                <dt>{t('bills.bank')}</dt>
                <dd>{p.bankName}</dd>
              </>
            )}
            {p.accountName && (
              <>
                <dt>{t('bills.accountName')}</dt>
                <dd>{p.accountName}</dd>
              </>
            )}
            <dt>{t('bills.accountNo')}</dt>
            <dd className="nowrap">{p.accountNo}</dd>
            {p.referenceHint && (
              <>
                <dt>{t('bills.reference')}</dt>
                <dd>{t('bills.referenceFor', { hint: p.referenceHint, label: bill.label })}</dd>
              </>
            )}
          </dl>
        ) : (
          <CallUs text={t('bills.noBank')} communityId={bill.communityId} />
        )}
        {p.payNote && <p className="small">{p.payNote}</p>}
      </section>
      <Receipts accountId={bill.accountId} />
      <History accountId={bill.accountId} />
    </section>
  );
}

function Receipts({ accountId }: { accountId: string }) {
  const { t, formatTime } = usePrefs();
  const query = useQuery({ queryKey: ['portal', 'fee-receipts', accountId], queryFn: () => feeApi.receipts(accountId) });
  return (
    <section className="card">
      <h2>{t('bills.receipts')}</h2>
      {query.isPending && <Spinner />}
      {query.error && <Notice tone="error" text={query.error.message} />}
      {query.isSuccess && !query.data.items.length && <p className="muted small">{t('bills.noReceipts')}</p>}
      <ul className="quote-lines">
        {query.data?.items.map((r) => (
          <li key={r.id} data-testid="fee-receipt">
            <span>
              {r.receiptNo}
              <span className="muted small block">{formatTime(r.paidAt)}</span>
            </span>
            <span className="fee-amount">
              <strong>{yuan(r.totalFen)}</strong>
              {r.status === 'void' ? (
                <span className="badge badge-grey">{t('bills.void')}</span>
              ) : (
                <Link className="link-button" to={`/receipts/${r.id}`}>
                  {t('bills.openReceipt')}
                </Link>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function History({ accountId }: { accountId: string }) {
  const { t } = usePrefs();
  const query = useQuery({ queryKey: ['portal', 'fee-account', accountId], queryFn: () => feeApi.account(accountId) });
  const entries = [...(query.data?.entries ?? [])].reverse();
  return (
    <details className="card">
      <summary>
        <strong>{t('bills.history')}</strong>
      </summary>
      {query.isSuccess && !entries.length && <p className="muted small">{t('bills.noHistory')}</p>}
      <ul className="quote-lines">
        {entries.map((e) => (
          <li key={e.id}>
            <span>
              {t(`entry.${e.kind}` as TextKey)} {e.itemName ?? ''}
              <span className="muted small block">
                {e.entryDate}
                {e.periodStart && e.periodEnd ? ` · ${t('bills.period', { from: e.periodStart, to: e.periodEnd })}` : ''}
              </span>
            </span>
            <strong>{e.amountFen < 0 ? `−${yuan(-e.amountFen)}` : yuan(e.amountFen)}</strong>
          </li>
        ))}
      </ul>
    </details>
  );
}
