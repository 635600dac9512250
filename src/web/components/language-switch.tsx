import { App, Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { Locale } from '../../common/locale';
import { ME_QUERY_KEY, saveLocale, type Me } from '../api/auth';
import { useI18n } from '../i18n/i18n-context';
import { LOCALE_NAMES, LOCALE_SHORT_NAMES } from '../i18n/messages';

const CHOICES: readonly Locale[] = ['zh-CN', 'en-US'];

/**
 * 中文 / English. The choice is kept in this browser and, when signed in, on the account, so it
 * follows the user to other devices.
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const choose = (next: Locale) => {
    if (next === locale) return;
    setLocale(next, { remember: true });
    const me = queryClient.getQueryData<Me | null>(ME_QUERY_KEY);
    if (!me) return;
    saveLocale(next).then(
      (updated) => queryClient.setQueryData(ME_QUERY_KEY, updated),
      (cause: Error) => message.warning(t('error.localeNotSaved', { message: cause.message })),
    );
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: CHOICES.map((choice) => ({ key: choice, label: LOCALE_NAMES[choice], lang: choice })),
        onClick: ({ key }) => choose(key as Locale),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('lang.switch')} data-testid="language-switch">
        {compact ? LOCALE_SHORT_NAMES[locale] : LOCALE_NAMES[locale]}
      </Button>
    </Dropdown>
  );
}
