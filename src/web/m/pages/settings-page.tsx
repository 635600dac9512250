import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Locale } from '../../../common/locale';
import { ApiError, portalApi } from '../api';
import { Choice, Field, Notice, Page } from '../components/ui';
import { usePrefs } from '../prefs';
import { useMe, useSetMe } from '../session';

/** Large text, high contrast and language (kept on the phone), a password, and sign-out. */
export function SettingsPage() {
  const { t, prefs, update } = usePrefs();
  const { data: me } = useMe();
  const setMe = useSetMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [current, setCurrent] = useState('');
  const [code, setCode] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const [pwErrors, setPwErrors] = useState<Record<string, string | undefined>>({});
  const [pwDone, setPwDone] = useState(false);
  const onOff = [
    { value: 'on' as const, label: t('settings.on') },
    { value: 'off' as const, label: t('settings.off') },
  ];

  const setLocale = (locale: Locale) => {
    update({ locale });
    // Messages the server sends (errors, notices) follow the saved language too.
    if (me) void portalApi.saveLocale(locale).catch(() => undefined);
  };
  const sendCode = async () => {
    try {
      await portalApi.sendOwnCode();
      setCodeSent(true);
      setPwErrors({});
    } catch (err) {
      setPwErrors({ code: err instanceof ApiError ? err.message : String(err) });
    }
  };
  // Proven by the current password or by a code texted to the account's own phone.
  const savePassword = async (e: FormEvent) => {
    e.preventDefault();
    setPwDone(false);
    if (password.length < 10) return setPwErrors({ password: t('settings.passwordShort') });
    if (!current && !code) return setPwErrors({ currentPassword: t('settings.proofNeeded') });
    setPwErrors({});
    try {
      await portalApi.setPassword({ password, ...(code ? { code } : { currentPassword: current }) });
      setPassword('');
      setCurrent('');
      setCode('');
      setCodeSent(false);
      setPwDone(true);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setPwErrors(err.fields);
      else setPwErrors({ password: err instanceof Error ? err.message : String(err) });
    }
  };
  const signOut = async () => {
    await portalApi.logout().catch(() => undefined);
    setMe(null);
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  };

  return (
    <Page title={t('settings.title')}>
      <section className="card form">
        <h2>{t('settings.display')}</h2>
        <Field label={t('settings.largeText')}>
          <Choice label={t('settings.largeText')} value={prefs.largeText ? 'on' : 'off'} options={onOff} onChange={(v) => update({ largeText: v === 'on' })} />
        </Field>
        <Field label={t('settings.contrast')}>
          <Choice label={t('settings.contrast')} value={prefs.contrast ? 'on' : 'off'} options={onOff} onChange={(v) => update({ contrast: v === 'on' })} />
        </Field>
        <Field label={t('settings.language')}>
          <Choice<Locale>
            label={t('settings.language')}
            value={prefs.locale}
            onChange={setLocale}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en-US', label: 'English' },
            ]}
          />
        </Field>
      </section>
      {me?.registered && (
        <form className="card form" onSubmit={savePassword} noValidate>
          <h2>{t('settings.password')}</h2>
          {me.hasPassword && (
            <Field label={t('settings.currentPassword')} error={pwErrors.currentPassword} htmlFor="current-password">
              <input id="current-password" className="input" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
            </Field>
          )}
          <Field label={me.hasPassword ? t('settings.orCode') : t('settings.code')} error={pwErrors.code ?? (me.hasPassword ? undefined : pwErrors.currentPassword)} htmlFor="password-code">
            <div className="input-row">
              <input id="password-code" className="input" inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={t('settings.code')} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
              <button type="button" className="btn btn-secondary" disabled={codeSent} onClick={() => void sendCode()}>
                {t('settings.sendCode')}
              </button>
            </div>
          </Field>
          {codeSent && <Notice tone="success" text={t('settings.codeSent')} />}
          <Field label={t('settings.newPassword')} hint={t('settings.passwordHint')} error={pwErrors.password} htmlFor="new-password">
            <input id="new-password" className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          {pwDone && <Notice tone="success" text={t('settings.othersSignedOut')} />}
          <button type="submit" className="btn btn-secondary btn-block">
            {t('settings.passwordSave')}
          </button>
        </form>
      )}
      {me?.registered && (
        <section className="card" aria-labelledby="my-data-title">
          <h2 id="my-data-title">{t('settings.myData')}</h2>
          <p className="muted">{t('settings.myDataHint')}</p>
          {/* A plain download: the session cookie goes with it, and the server audits each one. */}
          <a className="btn btn-secondary btn-block" href="/api/v1/portal/me/data?format=xlsx" download data-testid="my-data-xlsx">
            {t('settings.myDataXlsx')}
          </a>
          <a className="btn btn-secondary btn-block" href="/api/v1/portal/me/data?format=json" download data-testid="my-data-json">
            {t('settings.myDataJson')}
          </a>
        </section>
      )}
      <button type="button" className="btn btn-danger btn-block" onClick={() => void signOut()}>
        {t('settings.signOut')}
      </button>
    </Page>
  );
}
