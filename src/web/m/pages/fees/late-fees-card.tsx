import type { LateFeeBasis, OwnerLateFee } from '../../../../common/fee-late';
import { yuan } from '../../fee-api';
import { usePrefs } from '../../prefs';

/** The basis of a late fee in one sentence: “自 2026-03-17 起按每日 0.5‰ 计收（到期后宽限 15 天），封顶为本金的 10%”. */
export function useBasisText(): (b: LateFeeBasis) => string {
  const { t } = usePrefs();
  return (b) => {
    const rule =
      b.mode === 'daily_rate'
        ? t('late.daily', { from: b.startsOn, rate: String(b.dailyRatePermille ?? '') })
        : t('late.fixed', { from: b.startsOn, days: b.periodDays ?? 0, amount: yuan(b.fixedFen ?? 0) });
    const cap =
      b.capPercent !== null && b.capFen !== null
        ? t('late.capBoth', { percent: b.capPercent, amount: yuan(b.capFen) })
        : b.capPercent !== null
          ? t('late.capPercent', { percent: b.capPercent })
          : b.capFen !== null
            ? t('late.capFen', { amount: yuan(b.capFen) })
            : '';
    return `${rule}${t('late.grace', { days: b.graceDays })}${cap}`;
  };
}

/** Every late fee of a home with the charge it belongs to and its basis (paid, open or waived). */
export function LateFeesCard({ fees }: { fees: OwnerLateFee[] }) {
  const { t } = usePrefs();
  const basisText = useBasisText();
  if (!fees.length) return null;
  return (
    <section className="card" data-testid="late-fees">
      <h2>{t('late.title')}</h2>
      <p className="muted small">{t('late.note')}</p>
      <ul className="quote-lines">
        {fees.map((f) => (
          <li key={f.entryId} data-testid="late-fee">
            <span>
              {t('late.of', {
                item: f.charge.itemName ?? t('entry.charge'),
                period: f.charge.periodStart && f.charge.periodEnd ? ` ${t('bills.period', { from: f.charge.periodStart, to: f.charge.periodEnd })}` : '',
                amount: yuan(f.charge.amountFen),
                due: f.charge.dueOn,
              })}
              <span className="small block" data-testid="late-fee-basis">
                {basisText(f.basis)}
              </span>
              <span className="muted small block">{t('late.days', { from: f.fromDay, to: f.throughDay })}</span>
            </span>
            <span className="fee-amount">
              <strong className={f.waived ? 'struck' : undefined}>{yuan(f.amountFen)}</strong>
              {f.waived ? (
                <span className="badge badge-grey">{t('late.waived')}</span>
              ) : f.openFen > 0 ? (
                <span className="badge badge-orange">{t('late.open')}</span>
              ) : (
                <span className="badge badge-green">{t('late.paid')}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
