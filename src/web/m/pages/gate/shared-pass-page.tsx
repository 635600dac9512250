import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError } from '../../api';
import { QrBlock, StateBadge, useVerdictText, useWindowText } from '../../components/gate-ui';
import { Notice, Page, Spinner } from '../../components/ui';
import { gateApi } from '../../gate-api';
import { usePrefs } from '../../prefs';

/**
 * The visitor's page from the shared link, without signing in: what the guard needs, in big
 * text. A used, expired or cancelled pass says so instead of showing a code to scan.
 */
export function SharedPassPage() {
  const { token = '' } = useParams();
  const { t } = usePrefs();
  const windowText = useWindowText();
  const verdictText = useVerdictText();
  const query = useQuery({ queryKey: ['portal', 'shared-pass', token], queryFn: () => gateApi.sharedPass(token), retry: false, refetchInterval: 60_000 });

  if (query.isPending) return <Spinner />;
  if (query.error) {
    const missing = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return (
      <Page title={t('shared.title')} back={false}>
        <Notice tone="error" text={missing ? t('shared.notFound') : query.error.message} action={missing ? undefined : { label: t('common.retry'), onClick: () => void query.refetch() }} />
      </Page>
    );
  }
  const pass = query.data;
  const usable = pass.state.type === 'open' && (pass.verdict.ok || pass.verdict.reason === 'not_yet_valid');
  const refusal = verdictText('pass', pass.verdict, pass.validFrom);
  return (
    <Page title={t('shared.title')} back={false}>
      <section className="card pass-card shared-pass">
        <p className="shared-community">{pass.communityName}</p>
        <div className="order-head">
          <span className="pass-name">
            {t('shared.visitor')} {pass.visitorName}
            {pass.partySize > 1 ? ` · ${t('shared.people', { n: pass.partySize })}` : ''}
          </span>
          <StateBadge state={pass.state} verdict={pass.verdict} />
        </div>
        {refusal && (
          <p className={`shared-verdict${usable ? '' : ' shared-refused'}`} role="status" data-testid="verdict">
            {refusal}
          </p>
        )}
        {usable && <p className="shared-show">{t('shared.show')}</p>}
        <QrBlock src={gateApi.sharedPassQr(token)} code={pass.code} codeLabel={t('gate.code')} dim={!usable} />
        <p className="muted small">{t('shared.window')}</p>
        <p className="pass-window">{windowText(pass.validFrom, pass.validUntil)}</p>
        {usable && <p className="muted small center">{t('gate.codeHint')}</p>}
      </section>
    </Page>
  );
}
