import { useMemo } from 'react';
import type { Locale } from '../../../common/locale';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { SECURITY_MESSAGES, type SecurityMessageKey } from './security-messages';

export interface SecurityI18n {
  locale: Locale;
  t: (key: SecurityMessageKey, vars?: Record<string, string | number>) => string;
  tl: (text: Record<Locale, string> | null | undefined) => string;
  /** A local time 'HH:mm' of an ISO instant. */
  time: (iso: string | null | undefined) => string;
  /** A local 'MM-DD HH:mm' of an ISO instant. */
  dateTime: (iso: string | null | undefined) => string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The patrol, handover and incident pages' own translator and time formats. */
export function useSecurityI18n(): SecurityI18n {
  const base = useFeatureI18n(SECURITY_MESSAGES);
  return useMemo<SecurityI18n>(
    () => ({
      ...base,
      tl: (text) => base.tl(text),
      time: (iso) => {
        if (!iso) return '—';
        const d = new Date(iso);
        return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
      },
      dateTime: (iso) => {
        if (!iso) return '—';
        const d = new Date(iso);
        return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
      },
    }),
    [base],
  );
}
