import { useMemo } from 'react';
import type { Locale } from '../../../common/locale';
import { useI18n } from '../../i18n/i18n-context';
import { formatMessage } from '../../i18n/messages';
import { WO_MESSAGES, type WoMessageKey } from './work-order-messages';

/** A text in both product languages, as the API and the standards carry it. */
export type Localized = Record<Locale, string>;

export interface WoI18n {
  locale: Locale;
  /** Translates a work-order console text. */
  t: (key: WoMessageKey, vars?: Record<string, string | number>) => string;
  /** Picks the current language from a text the server sent in both. */
  tl: (text: Localized | null | undefined, fallback?: string) => string;
}

/**
 * The work-order pages' own translator. Their texts live next to them (and load with them)
 * instead of in the shell's dictionary, so the console's first load does not carry them.
 */
export function useWoI18n(): WoI18n {
  const { locale } = useI18n();
  return useMemo<WoI18n>(
    () => ({
      locale,
      t: (key, vars) => formatMessage(WO_MESSAGES[locale][key], vars),
      tl: (text, fallback = '') => (text ? text[locale] || text['zh-CN'] : fallback),
    }),
    [locale],
  );
}
