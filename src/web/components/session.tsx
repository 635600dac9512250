import { createContext, useContext, useEffect, useRef } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Spin } from 'antd';
import { ME_QUERY_KEY, saveLocale, useMe, type Me } from '../api/auth';
import { readStoredLocale, useI18n } from '../i18n/i18n-context';
import { StatusNotice } from './status-notice';

const SessionContext = createContext<Me | null>(null);

/** The signed-in user; only usable below {@link RequireSession}. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession must be used below <RequireSession>');
  return me;
}

/** Where the login page sends the user back to after signing in. */
export interface LoginRedirectState {
  from?: string;
}

/** A full-screen spinner for the moments before the session is known. */
export function FullPageSpin() {
  const { t } = useI18n();
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

/**
 * Renders its routes only for a signed-in user and sends everyone else to /login, remembering
 * where they were going. Also reconciles the language: an explicit choice made in this browser
 * wins and is saved to the account; without one the account's saved language is used.
 */
export function RequireSession() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  const { t, locale, setLocale } = useI18n();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const syncedFor = useRef<string | null>(null);

  useEffect(() => {
    if (!me || syncedFor.current === me.user.id) return;
    syncedFor.current = me.user.id;
    const stored = readStoredLocale();
    if (stored === null) {
      if (me.user.locale !== locale) setLocale(me.user.locale);
    } else if (stored !== me.user.locale) {
      saveLocale(stored).then(
        (updated) => queryClient.setQueryData(ME_QUERY_KEY, updated),
        (cause: Error) => message.warning(t('error.localeNotSaved', { message: cause.message })),
      );
    }
  }, [me, locale, setLocale, queryClient, message, t]);

  if (isPending) return <FullPageSpin />;
  if (error) {
    return (
      <StatusNotice
        status="warning"
        title={t('error.loadFailed')}
        subTitle={error.message}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!me) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from } satisfies LoginRedirectState} />;
  }
  // After an admin's reset nothing else answers until the user sets a new password.
  if (me.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return (
    <SessionContext.Provider value={me}>
      <Outlet />
    </SessionContext.Provider>
  );
}
