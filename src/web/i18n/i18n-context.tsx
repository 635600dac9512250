import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { DEFAULT_LOCALE, type Locale } from '../../common/locale';
import type { Role } from '../../common/roles';
import { setRequestLocale } from '../api/client';
import { MESSAGES, ROLE_LABELS, formatMessage, type MessageKey } from './messages';

const STORAGE_KEY = 'wuye.locale';
const SUPPORTED: readonly Locale[] = ['zh-CN', 'en-US'];
const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

/** The language this browser chose explicitly, or null when the user never picked one here. */
export function readStoredLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return SUPPORTED.find((l) => l === value) ?? null;
  } catch {
    return null; // storage disabled (private mode): fall back to the default
  }
}

function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Without storage the choice still lives on the server for signed-in users.
  }
}

// Everything outside React that depends on the language follows it here.
function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  setRequestLocale(locale);
  dayjs.locale(DAYJS_LOCALES[locale]);
}

export interface I18n {
  locale: Locale;
  /** Translates a key, filling `{name}` placeholders from `vars`. */
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A role's name in the current language. */
  roleLabel: (role: Role) => string;
  /**
   * Switches the language. `remember: true` (an explicit choice by the user) stores it in this
   * browser; adopting the account's saved language does not.
   */
  setLocale: (locale: Locale, options?: { remember?: boolean }) => void;
}

const I18nContext = createContext<I18n | null>(null);

/** Provides the UI language: the browser's stored choice, else zh-CN. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = readStoredLocale() ?? DEFAULT_LOCALE;
    applyLocale(initial);
    return initial;
  });

  const setLocale = useCallback((next: Locale, options?: { remember?: boolean }) => {
    if (options?.remember) storeLocale(next);
    applyLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      t: (key, vars) => formatMessage(MESSAGES[locale][key], vars),
      roleLabel: (role) => ROLE_LABELS[locale][role],
      setLocale,
    }),
    [locale, setLocale],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its translator. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
