import { useMemo } from 'react';
import type { Locale } from '../../../common/locale';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { GATE_MESSAGES, type GateMessageKey } from './gate-messages';

export interface GateI18n {
  locale: Locale;
  t: (key: GateMessageKey, vars?: Record<string, string | number>) => string;
  /** Picks the current language from a text the server sent in both. */
  tl: (text: Record<Locale, string> | null | undefined) => string;
  /** A local date and time, e.g. 11/22 18:00. */
  dt: (iso: string | null | undefined) => string;
}

/** The gate pages' own translator; their texts load with them. */
export function useGateI18n(): GateI18n {
  const base = useFeatureI18n(GATE_MESSAGES);
  return useMemo<GateI18n>(() => {
    const fmt = new Intl.DateTimeFormat(base.locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
    return { ...base, tl: (text) => base.tl(text), dt: (iso) => (iso ? fmt.format(new Date(iso)) : '—') };
  }, [base]);
}
