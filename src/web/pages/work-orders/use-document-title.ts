import { useEffect } from 'react';
import { useI18n } from '../../i18n/i18n-context';

/** Sets the tab title to "<title> · <product>" for pages whose title is not a shell message key. */
export function useDocumentTitle(title: string): void {
  const { t } = useI18n();
  const full = `${title} · ${t('app.name')}`;
  useEffect(() => {
    document.title = full;
  }, [full]);
}
