import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { GateStepPanels, QrBlock, StateBadge, useVerdictText, useWindowText } from '../../components/gate-ui';
import { Notice, Page, Spinner } from '../../components/ui';
import { gateApi, sharedLink, type GatePass } from '../../gate-api';
import { usePrefs } from '../../prefs';

/** One visitor pass: QR code and short code, window, state, send it to the visitor, cancel it. */
export function PassPage() {
  const { id = '' } = useParams();
  const { t, formatTime } = usePrefs();
  const location = useLocation();
  const queryClient = useQueryClient();
  const windowText = useWindowText();
  const verdictText = useVerdictText();
  const key = ['portal', 'pass', id];
  const query = useQuery({ queryKey: key, queryFn: () => gateApi.pass(id) });
  const [created] = useState(() => (location.state as { created?: boolean } | null)?.created === true);

  if (query.isPending) return <Spinner />;
  if (query.error)
    return (
      <Page title={t('pass.detailTitle')}>
        <Notice tone="error" text={query.error.message} action={{ label: t('common.retry'), onClick: () => void query.refetch() }} />
      </Page>
    );
  const pass = query.data;
  const usable = pass.state.type === 'open' && pass.verdict.reason !== 'expired';
  const act = async (action: string, body: Record<string, unknown>) => {
    queryClient.setQueryData<GatePass>(key, await gateApi.step<GatePass>('passes', id, action, body, pass.version));
    await queryClient.invalidateQueries({ queryKey: ['portal', 'passes'] });
  };

  return (
    <Page title={t('pass.detailTitle')}>
      {created && usable && <Notice tone="success" text={t('pass.created')} />}
      <section className="card pass-card">
        <div className="order-head">
          <strong className="pass-name">{pass.visitorName}</strong>
          <StateBadge state={pass.state} verdict={pass.verdict} />
        </div>
        <p className="pass-window">{windowText(pass.validFrom, pass.validUntil)}</p>
        {/* Entry and exit are told below; the other reasons (expired, not yet, cancelled) here. */}
        {pass.verdict.reason !== 'inside' && pass.verdict.reason !== 'used' && verdictText('pass', pass.verdict, pass.validFrom) && (
          <p className="warn-text strong-text">{verdictText('pass', pass.verdict, pass.validFrom)}</p>
        )}
        <QrBlock src={gateApi.passQr(pass.id)} code={pass.code} codeLabel={t('gate.code')} dim={!usable} />
        {usable && <p className="muted small center">{t('gate.codeHint')}</p>}
        <p className="muted small">
          {pass.communityName} {pass.unitLabel}
          {pass.visitorPhone ? ` · ${pass.visitorPhone}` : ''}
          {pass.plate && <span className="nowrap"> · {t('pass.plate', { plate: pass.plate })}</span>}
        </p>
        {pass.enteredAt && <p className="small">{t('pass.entered', { at: formatTime(pass.enteredAt) })}</p>}
        {pass.exitedAt && <p className="small">{t('pass.exited', { at: formatTime(pass.exitedAt) })}</p>}
      </section>
      {usable && pass.token && <ShareButton pass={pass} token={pass.token} />}
      <GateStepPanels actions={pass.actions} act={act} />
    </Page>
  );
}

/** Sends the visitor's link: the phone's share sheet where there is one, else the clipboard. */
function ShareButton({ pass, token }: { pass: GatePass; token: string }) {
  const { t } = usePrefs();
  const [note, setNote] = useState<'copied' | 'manual' | null>(null);
  const url = sharedLink(token);
  const share = async () => {
    const text = t('pass.shareText', { name: pass.visitorName, community: pass.communityName });
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: t('shared.title'), text, url });
        return;
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(`${text}${url}`);
      setNote('copied');
    } catch {
      setNote('manual');
    }
  };
  return (
    <div className="actions">
      <button type="button" className="btn btn-primary btn-block" onClick={() => void share()}>
        {t('pass.share')}
      </button>
      {note === 'copied' && <Notice tone="success" text={t('pass.copied')} />}
      {note && (
        <>
          {note === 'manual' && <p className="small">{t('pass.copyManually')}</p>}
          <a className="share-link" href={url} data-testid="share-link">
            {url}
          </a>
        </>
      )}
    </div>
  );
}
