import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { GateStepPanels, QrBlock, StateBadge, useVerdictText } from '../../components/gate-ui';
import { Notice, Page, Spinner } from '../../components/ui';
import { gateApi, type GoodsSlip } from '../../gate-api';
import { usePrefs } from '../../prefs';

/** One release slip: the goods, QR and short code for the guard, state, cancel while unused. */
export function SlipPage() {
  const { id = '' } = useParams();
  const { t, formatTime } = usePrefs();
  const location = useLocation();
  const queryClient = useQueryClient();
  const verdictText = useVerdictText();
  const key = ['portal', 'slip', id];
  const query = useQuery({ queryKey: key, queryFn: () => gateApi.slip(id) });
  const [created] = useState(() => (location.state as { created?: boolean } | null)?.created === true);

  if (query.isPending) return <Spinner />;
  if (query.error)
    return (
      <Page title={t('slip.detailTitle')}>
        <Notice tone="error" text={query.error.message} action={{ label: t('common.retry'), onClick: () => void query.refetch() }} />
      </Page>
    );
  const slip = query.data;
  const usable = slip.state.type === 'open' && slip.verdict.ok;
  const act = async (action: string, body: Record<string, unknown>) => {
    queryClient.setQueryData<GoodsSlip>(key, await gateApi.step<GoodsSlip>('slips', id, action, body, slip.version));
    await queryClient.invalidateQueries({ queryKey: ['portal', 'slips'] });
  };

  return (
    <Page title={t('slip.detailTitle')}>
      {created && usable && <Notice tone="success" text={t('slip.created')} />}
      <section className="card pass-card">
        <div className="order-head">
          <strong>
            {slip.communityName} {slip.unitLabel}
          </strong>
          <StateBadge state={slip.state} verdict={slip.verdict} />
        </div>
        {usable ? (
          <p className="pass-window">{t('gate.validUntil', { at: formatTime(slip.validUntil) })}</p>
        ) : (
          verdictText('slip', slip.verdict) && <p className="warn-text strong-text">{verdictText('slip', slip.verdict)}</p>
        )}
        {slip.release && <p className="small">{t('slip.released', { at: formatTime(slip.release.at), name: slip.release.by.name })}</p>}
        {usable && <p className="shared-show">{t('slip.showGuard')}</p>}
        {slip.allowedActions.includes('share') && <QrBlock src={gateApi.slipQr(slip.id)} code={slip.code} codeLabel={t('slip.code')} dim={!usable} />}
      </section>
      <section className="card">
        <h2>{t('slip.items')}</h2>
        <ul className="quote-lines">
          {slip.items.map((item, i) => (
            <li key={i}>
              <span>
                {item.name}
                {item.note && <span className="muted small block">{item.note}</span>}
              </span>
              <strong>×{item.quantity}</strong>
            </li>
          ))}
        </ul>
        <p className="small">
          {t('slip.carrier', { name: slip.carrierName })}
          {slip.carrierPhone ? ` · ${slip.carrierPhone}` : ''}
          {slip.plate && <span className="nowrap"> · {t('pass.plate', { plate: slip.plate })}</span>}
        </p>
        {slip.note && <p className="small">{slip.note}</p>}
      </section>
      <GateStepPanels actions={slip.actions} act={act} />
    </Page>
  );
}
