import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PRIVACY_NOTICE } from '../../../common/privacy-notice';
import { ApiError, portalApi } from '../api';
import { Notice, Page } from '../components/ui';
import { usePrefs } from '../prefs';
import { useMe, useSetMe } from '../session';

/** The privacy notice's text, as read before signing in and when asked to accept it. */
function NoticeText() {
  const { locale } = usePrefs().prefs;
  return (
    <article className="card privacy-text" data-testid="privacy-notice">
      {PRIVACY_NOTICE.sections.map((s) => (
        <section key={s.heading['zh-CN']}>
          <h2>{s.heading[locale]}</h2>
          <p>{s.body[locale]}</p>
        </section>
      ))}
      <p className="muted small">{`${PRIVACY_NOTICE.title[locale]} · ${PRIVACY_NOTICE.version}`}</p>
    </article>
  );
}

/** `/privacy`: the notice, open to anyone (also while it waits to be accepted). */
export function PrivacyPage() {
  const { locale } = usePrefs().prefs;
  return (
    <Page title={PRIVACY_NOTICE.title[locale]}>
      <NoticeText />
    </Page>
  );
}

/**
 * Shown instead of any page until the signed-in person accepts the notice in force (at the first
 * sign-in, and again after the notice changed). Declining signs out: the portal cannot be used
 * without it, the desk and the hotline still serve the person.
 */
export function PrivacyConsent() {
  const { t, prefs } = usePrefs();
  const { locale } = prefs;
  const { data: me } = useMe();
  const setMe = useSetMe();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const again = !!me?.privacy.acceptedVersion;

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      setMe(await portalApi.acceptPrivacy(PRIVACY_NOTICE.version));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const decline = async () => {
    await portalApi.logout().catch(() => undefined);
    setMe(null);
    void navigate('/sign-in', { replace: true });
  };

  return (
    <Page title={PRIVACY_NOTICE.title[locale]} back={false}>
      <p className="hello">{again ? t('privacy.changed') : t('privacy.intro')}</p>
      <NoticeText />
      {error && <Notice tone="error" text={error} />}
      <button type="button" className="btn btn-primary btn-block" disabled={busy} onClick={() => void accept()} data-testid="privacy-accept">
        {busy ? t('common.submitting') : t('privacy.accept')}
      </button>
      <button type="button" className="btn btn-link btn-block" onClick={() => void decline()} data-testid="privacy-decline">
        {t('privacy.decline')}
      </button>
    </Page>
  );
}
