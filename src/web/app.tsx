import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import { ME_QUERY_KEY } from './api/auth';
import { ApiError, setUnauthorizedHandler } from './api/client';
import { ConsoleLayout } from './components/console-layout';
import { ErrorBoundary } from './components/error-boundary';
import { FullPageSpin, RequireSession, useSession } from './components/session';
import { usePageTitle } from './shared/use-document-title';
import { I18nProvider, useI18n } from './i18n/i18n-context';
import { NAV_ENTRIES, canOpen, lazyPage, type NavEntry } from './nav-registry';

// Pages a signed-in user rarely sees load on demand, like the console's own pages: the sign-in
// form (antd's Form, Card, Input) and the 403/404 illustrations stay out of the first load.
const LoginPage = lazyPage(() => import('./pages/login/login-page'), 'LoginPage');
const ChangePasswordPage = lazyPage(() => import('./pages/login/change-password-page'), 'ChangePasswordPage');
const ForbiddenPage = lazyPage(() => import('./pages/forbidden/forbidden-page'), 'ForbiddenPage');
const NotFoundPage = lazyPage(() => import('./pages/not-found/not-found-page'), 'NotFoundPage');

/** Calm blue primary, slightly larger controls than antd's default for easier tapping. */
const THEME = {
  token: { colorPrimary: '#2f6f9f', borderRadius: 6, controlHeight: 36, fontSize: 14 },
  components: { Menu: { itemHeight: 44 }, Layout: { siderBg: '#ffffff' } },
};

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // 4xx answers will not change on retry; network and 5xx errors get one more try.
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 1,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** One registry entry as a route: checks the roles, sets the title, renders the page. */
function EntryRoute({ entry }: { entry: NavEntry }) {
  const me = useSession();
  const allowed = canOpen(entry, me.roles);
  usePageTitle(allowed ? entry.labelKey : 'forbidden.title');
  if (!allowed) return <ForbiddenPage />;
  const Page = entry.page;
  return <Page />;
}

function Themed({ children }: { children: ReactNode }) {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider locale={antdLocale} theme={THEME}>
      <AntdApp>
        <ErrorBoundary>{children}</ErrorBoundary>
      </AntdApp>
    </ConfigProvider>
  );
}

/** The whole web app: providers, then the login page and the console routes. */
export function App() {
  const [queryClient] = useState(createQueryClient);

  // Any 401 means the session ended: drop it, and RequireSession sends the user to /login.
  useEffect(() => {
    setUnauthorizedHandler(() => queryClient.setQueryData(ME_QUERY_KEY, null));
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed>
          <BrowserRouter>
            <Suspense fallback={<FullPageSpin />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route element={<RequireSession />}>
                  <Route path="/password" element={<ChangePasswordPage />} />
                  <Route element={<ConsoleLayout />}>
                    {NAV_ENTRIES.map((entry) =>
                      entry.path === '/' ? (
                        <Route key={entry.path} index element={<EntryRoute entry={entry} />} />
                      ) : (
                        <Route key={entry.path} path={`${entry.path}/*`} element={<EntryRoute entry={entry} />} />
                      ),
                    )}
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </Themed>
      </I18nProvider>
    </QueryClientProvider>
  );
}
