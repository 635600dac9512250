import { useEffect } from 'react';
import { useI18n } from '../../i18n/i18n-context';

/** Sets the tab title to "<title> · <product>" for a record's own page. */
export function useDocumentTitle(title: string): void {
  const { t } = useI18n();
  const full = `${title} · ${t('app.name')}`;
  useEffect(() => {
    document.title = full;
  }, [full]);
}
