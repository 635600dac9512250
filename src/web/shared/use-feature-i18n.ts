import { useMemo } from 'react';
import type { Locale } from '../../common/locale';
import { useI18n } from '../i18n/i18n-context';
import { formatMessage } from '../i18n/messages';

/** A text in both product languages, as the API and the standards carry it. */
export type Localized = Record<Locale, string>;

export interface FeatureI18n<K extends string> {
  locale: Locale;
  /** Translates one of the feature's own texts. */
  t: (key: K, vars?: Record<string, string | number>) => string;
  /** Picks the current language from a text the server sent in both (Chinese when the other is empty). */
  tl: (text: Localized | null | undefined, fallback?: string) => string;
}

/**
 * The translator of a feature whose texts live next to its pages (and load with them) instead of
 * in the shell's dictionary, so the console's first load does not carry them.
 */
export function useFeatureI18n<K extends string>(messages: Record<Locale, Record<K, string>>): FeatureI18n<K> {
  const { locale } = useI18n();
  return useMemo<FeatureI18n<K>>(
    () => ({
      locale,
      t: (key, vars) => formatMessage(messages[locale][key], vars),
      tl: (text, fallback = '') => (text ? text[locale] || text['zh-CN'] : fallback),
    }),
    [locale, messages],
  );
}
