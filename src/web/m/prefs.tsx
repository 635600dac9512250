import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../../common/locale';
import { setLanguage } from './api';
import { translate, type TextKey } from './i18n';

/** Display preferences of the portal, kept on the phone (localStorage) across visits. */
export interface Prefs {
  locale: Locale;
  largeText: boolean;
  contrast: boolean;
}

const STORAGE_KEY = 'wuye.portal.prefs';
const DEFAULTS: Prefs = { locale: 'zh-CN', largeText: false, contrast: false };

function load(): Prefs {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Prefs>;
    return {
      locale: saved.locale === 'en-US' ? 'en-US' : 'zh-CN',
      largeText: saved.largeText === true,
      contrast: saved.contrast === true,
    };
  } catch {
    return DEFAULTS;
  }
}

interface PrefsContext {
  prefs: Prefs;
  update: (patch: Partial<Prefs>) => void;
  t: (key: TextKey, params?: Record<string, string | number>) => string;
  /** Short local date and time, e.g. 11月22日 14:00. */
  formatTime: (iso: string) => string;
}

const Ctx = createContext<PrefsContext | null>(null);

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [prefs, setPrefs] = useState<Prefs>(load);
  setLanguage(prefs.locale);
  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(prefs));
    const root = document.documentElement;
    root.lang = prefs.locale;
    root.classList.toggle('large-text', prefs.largeText);
    root.classList.toggle('high-contrast', prefs.contrast);
  }, [prefs]);
  const update = useCallback((patch: Partial<Prefs>) => setPrefs((p) => ({ ...p, ...patch })), []);
  const value = useMemo<PrefsContext>(() => {
    const fmt = new Intl.DateTimeFormat(prefs.locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
    return {
      prefs,
      update,
      t: (key, params) => translate(prefs.locale, key, params),
      formatTime: (iso) => fmt.format(new Date(iso)),
    };
  }, [prefs, update]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The portal's preferences, texts and formatting. */
export function usePrefs(): PrefsContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('usePrefs outside PrefsProvider');
  return ctx;
}
