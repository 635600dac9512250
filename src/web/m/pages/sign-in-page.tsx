import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, portalApi, type PortalMe } from '../api';
import { Choice, Field, Notice, Page } from '../components/ui';
import { usePrefs } from '../prefs';
import { useMe, useSetMe } from '../session';

const COMMUNITY_KEY = 'wuye.portal.community';
const PHONE = /^1\d{10}$/;

/** The community the portal was opened for (`/m/?c=<id>` from a lobby QR code), remembered on the phone. */
function useCommunityHint(): string | undefined {
  const [params] = useSearchParams();
  const fromLink = params.get('c');
  if (fromLink && /^[0-9a-f-]{36}$/i.test(fromLink)) localStorage.setItem(COMMUNITY_KEY, fromLink);
  return localStorage.getItem(COMMUNITY_KEY) ?? undefined;
}

/** Sign-in with a code sent to the phone (first visit) or with phone and password. */
export function SignInPage() {
  const { t } = usePrefs();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const setMe = useSetMe();
  const { data: current } = useMe();
  const community = useCommunityHint();
  const [mode, setMode] = useState<'code' | 'password'>('code');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const done = (me: PortalMe) => {
    setMe(me);
    const next = params.get('next');
    navigate(!me.registered ? '/register' : next && next.startsWith('/') && next !== '/sign-in' ? next : '/', { replace: true });
  };
  useEffect(() => {
    if (current) navigate(current.registered ? '/' : '/register', { replace: true });
  }, [current, navigate]);

  const fail = (err: unknown) => {
    if (err instanceof ApiError) {
      setErrors(err.fields);
      // Several companies share this server and the page was not opened from a community's QR code.
      if (err.fields.communityId) setMessage({ tone: 'error', text: t('signIn.needCommunityLink') });
      else setMessage(Object.keys(err.fields).length ? null : { tone: 'error', text: err.message });
    } else setMessage({ tone: 'error', text: String(err) });
  };

  const sendCode = async () => {
    setMessage(null);
    if (!PHONE.test(phone)) return setErrors({ phone: t('signIn.phoneInvalid') });
    setErrors({});
    setBusy(true);
    try {
      const sent = await portalApi.sendCode(phone, community);
      setWait(sent.resendAfterSeconds);
      setMessage({ tone: 'success', text: t('signIn.codeSent', { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` }) });
    } catch (err) {
      fail(err);
      const retry = err instanceof ApiError && err.status === 429 ? /(\d+)/.exec(err.message)?.[1] : undefined;
      if (retry && Number(retry) < 120) setWait(Number(retry));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const problems: Record<string, string> = {};
    if (!PHONE.test(phone)) problems.phone = t('signIn.phoneInvalid');
    if (mode === 'code' && !/^\d{6}$/.test(code)) problems.code = t('signIn.codeInvalid');
    if (mode === 'password' && !password) problems.password = t('common.required');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      done(mode === 'code' ? await portalApi.verify(phone, code, community) : await portalApi.login(phone, password, community));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('signIn.title')} back={false}>
      <form className="card form" onSubmit={submit} noValidate>
        <Choice
          label={t('signIn.title')}
          value={mode}
          onChange={(m) => {
            setMode(m);
            setErrors({});
            setMessage(null);
          }}
          options={[
            { value: 'code', label: t('signIn.byCode') },
            { value: 'password', label: t('signIn.byPassword') },
          ]}
        />
        <Field label={t('signIn.phone')} error={errors.phone} htmlFor="phone">
          <input id="phone" className="input" type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} placeholder={t('signIn.phonePlaceholder')} value={phone} onChange={(e) => setPhone(e.target.value.replace(/\D/g, ''))} />
        </Field>
        {mode === 'code' ? (
          <Field label={t('signIn.code')} error={errors.code} htmlFor="code">
            <div className="input-row">
              <input id="code" className="input" inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={t('signIn.codePlaceholder')} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
              <button type="button" className="btn btn-secondary" disabled={busy || wait > 0} onClick={() => void sendCode()}>
                {wait > 0 ? t('signIn.resendIn', { seconds: wait }) : t('signIn.sendCode')}
              </button>
            </div>
          </Field>
        ) : (
          <Field label={t('signIn.password')} error={errors.password} htmlFor="password">
            <input id="password" className="input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
        )}
        {message && <Notice tone={message.tone} text={message.text} />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {t('signIn.submit')}
        </button>
        <p className="muted">{t('signIn.hint')}</p>
      </form>
    </Page>
  );
}
