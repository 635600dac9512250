import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';

/** Sets the browser tab title to "<page> · <product>" in the current language. */
export function usePageTitle(key: MessageKey | null): void {
  const { t } = useI18n();
  const title = key ? `${t(key)} · ${t('app.name')}` : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
