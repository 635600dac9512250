import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import antdZhCN from 'antd/locale/zh_CN';
import type { Locale as AntdLocale } from 'antd/es/locale';
import { DEFAULT_LOCALE, type Locale } from '../../common/languages';
import type { Role } from '../../common/roles';
import { setRequestLocale } from '../api/client';
import { ROLE_LABELS, formatMessage, loadMessages, messagesFor, type MessageKey } from './messages';

const STORAGE_KEY = 'wuye.locale';
const SUPPORTED: readonly Locale[] = ['zh-CN', 'en-US'];
const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

/** antd's own texts (pagination, date pickers, empty states): Chinese at hand, others on demand. */
const ANTD_LOCALES: Partial<Record<Locale, AntdLocale>> = { 'zh-CN': antdZhCN };
const ANTD_LOADERS: Record<Exclude<Locale, 'zh-CN'>, () => Promise<AntdLocale>> = {
  'en-US': async () => (await import('antd/locale/en_US')).default,
};

/**
 * Loads everything a language needs before it is shown: the shell's catalogue and antd's texts
 * (dayjs's English is built in). Only the active language is loaded; Chinese is in the first load.
 */
export async function loadLocale(locale: Locale): Promise<void> {
  await Promise.all([
    loadMessages(locale),
    ANTD_LOCALES[locale] ? undefined : ANTD_LOADERS[locale as Exclude<Locale, 'zh-CN'>]().then((l) => void (ANTD_LOCALES[locale] = l)),
  ]);
}

/** The language to start in: the browser's stored choice, else zh-CN (load it with {@link loadLocale} first). */
export function initialLocale(): Locale {
  return readStoredLocale() ?? DEFAULT_LOCALE;
}

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
  /** antd's texts in the current language, for its ConfigProvider. */
  antdLocale: AntdLocale;
  /**
   * Switches the language. `remember: true` (an explicit choice by the user) stores it in this
   * browser; adopting the account's saved language does not. A language not loaded yet is
   * loaded first and shown when it is there.
   */
  setLocale: (locale: Locale, options?: { remember?: boolean }) => void;
}

const I18nContext = createContext<I18n | null>(null);

/** Provides the UI language: the browser's stored choice, else zh-CN (main.tsx loads it before the first render). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = initialLocale();
    applyLocale(initial);
    return initial;
  });
  // The last language asked for: a slower load of an earlier choice must not win over it.
  const wanted = useRef(locale);

  const setLocale = useCallback((next: Locale, options?: { remember?: boolean }) => {
    if (options?.remember) storeLocale(next);
    wanted.current = next;
    const show = () => {
      if (wanted.current !== next) return;
      applyLocale(next);
      setLocaleState(next);
    };
    // If the language's files cannot be fetched (offline), its texts fall back to Chinese.
    loadLocale(next).then(show, show);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      t: (key, vars) => formatMessage(messagesFor(locale)[key], vars),
      roleLabel: (role) => ROLE_LABELS[locale][role],
      antdLocale: ANTD_LOCALES[locale] ?? antdZhCN,
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
