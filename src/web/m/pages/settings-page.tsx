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
  const [pwError, setPwError] = useState<string | undefined>();
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
  const savePassword = async (e: FormEvent) => {
    e.preventDefault();
    setPwDone(false);
    if (password.length < 8) return setPwError(t('settings.passwordShort'));
    setPwError(undefined);
    try {
      await portalApi.setPassword(password);
      setPassword('');
      setPwDone(true);
    } catch (err) {
      setPwError(err instanceof ApiError ? (err.fields.password ?? err.message) : String(err));
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
          <Field label={t('settings.newPassword')} hint={t('settings.passwordHint')} error={pwError} htmlFor="new-password">
            <input id="new-password" className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          {pwDone && <Notice tone="success" text={t('settings.passwordSaved')} />}
          <button type="submit" className="btn btn-secondary btn-block">
            {t('settings.passwordSave')}
          </button>
        </form>
      )}
      <button type="button" className="btn btn-danger btn-block" onClick={() => void signOut()}>
        {t('settings.signOut')}
      </button>
    </Page>
  );
}
