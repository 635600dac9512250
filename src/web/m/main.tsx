import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Notice, Spinner } from './components/ui';
import { PrefsProvider, usePrefs } from './prefs';
import { PORTAL_PAGES } from './registry';
import { Guard, useUnauthorizedRedirect } from './session';
import './portal.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } } });

function NotFound() {
  const { t } = usePrefs();
  return <Notice text={t('common.notFound')} action={{ label: t('common.home'), to: '/' }} />;
}

function PortalRoutes() {
  useUnauthorizedRedirect();
  return (
    <Suspense fallback={<Spinner />}>
      <Routes>
        {PORTAL_PAGES.map(({ path, access, component: Component }) => (
          <Route
            key={path}
            path={path}
            element={
              <Guard access={access}>
                <Component />
              </Guard>
            }
          />
        ))}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <PrefsProvider>
        <BrowserRouter basename="/m">
          <PortalRoutes />
        </BrowserRouter>
      </PrefsProvider>
    </QueryClientProvider>
  </StrictMode>,
);
