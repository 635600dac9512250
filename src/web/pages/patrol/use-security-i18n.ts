import { useMemo } from 'react';
import type { Locale } from '../../../common/locale';
import { useI18n } from '../../i18n/i18n-context';
import { formatMessage } from '../../i18n/messages';
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
  const { locale } = useI18n();
  return useMemo<SecurityI18n>(
    () => ({
      locale,
      t: (key, vars) => formatMessage(SECURITY_MESSAGES[locale][key], vars),
      tl: (text) => (text ? text[locale] || text['zh-CN'] : ''),
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
    [locale],
  );
}
