import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, portalApi, setOnConsentRequired, setCsrf, setOnUnauthorized, type PortalMe } from './api';
import { Notice, Spinner } from './components/ui';
import { usePrefs } from './prefs';
import { PrivacyConsent } from './pages/privacy-page';
import { allows, type PageAccess } from './registry';

export const ME_KEY = ['portal', 'me'] as const;

/** The signed-in person (null when nobody is), loaded once and refreshed after changes. */
export function useMe() {
  const query = useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<PortalMe | null> => {
      try {
        const me = await portalApi.me();
        setCsrf(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return null;
        throw err;
      }
    },
    staleTime: 30_000,
  });
  return query;
}

/** Stores a fresh PortalMe (after sign-in or registration) without another round trip. */
export function useSetMe() {
  const client = useQueryClient();
  return (me: PortalMe | null) => {
    setCsrf(me?.csrfToken ?? null);
    client.setQueryData(ME_KEY, me);
  };
}

/**
 * Any 401 (an expired session) sends the person back to sign-in; a refusal for want of consent (a
 * new privacy notice came into force) reloads the person, so the guard shows the notice.
 */
export function useUnauthorizedRedirect() {
  const client = useQueryClient();
  useEffect(() => {
    setOnUnauthorized(() => client.setQueryData(ME_KEY, null));
    setOnConsentRequired(() => void client.invalidateQueries({ queryKey: ME_KEY }));
    return () => {
      setOnUnauthorized(null);
      setOnConsentRequired(null);
    };
  }, [client]);
}

/** Shows the page when the person may open it; otherwise sends them where they can go on. */
export function Guard({ access, children }: { access: PageAccess; children: ReactNode }) {
  const { t } = usePrefs();
  const location = useLocation();
  const { data: me, isPending, error, refetch } = useMe();
  if (access === 'public') return <>{children}</>;
  if (isPending) return <Spinner />;
  if (error) return <Notice tone="error" text={error.message} action={{ label: t('common.retry'), onClick: () => void refetch() }} />;
  if (!me) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (me.privacy.required) return <PrivacyConsent />;
  if (!me.registered && access !== 'signedIn') return <Navigate to="/register" replace />;
  if (!allows(access, me)) return <Notice tone="info" text={t('new.noHome')} action={{ label: t('common.home'), to: '/' }} />;
  return <>{children}</>;
}
