import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { initialLocale, loadLocale } from './i18n/i18n-context';
import { preloadPageFor } from './nav-registry';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const render = () =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
preloadPageFor(window.location.pathname);
// Chinese is at hand; another stored language is fetched first (and falls back to Chinese offline).
loadLocale(initialLocale()).then(render, render);
