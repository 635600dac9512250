import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';

/**
 * Sets the browser tab title to "<title> · <product>" in the current language; the product name
 * alone when `title` is null (e.g. while a record loads).
 */
export function useDocumentTitle(title: string | null): void {
  const { t } = useI18n();
  const full = title ? `${title} · ${t('app.name')}` : t('app.name');
  useEffect(() => {
    document.title = full;
  }, [full]);
}

/** The tab title of a page whose title is a shell message key. */
export function usePageTitle(key: MessageKey | null): void {
  const { t } = useI18n();
  useDocumentTitle(key ? t(key) : null);
}
