import { Button, Space } from 'antd';
import { StatusNotice } from '../../components/status-notice';
import { useI18n } from '../../i18n/i18n-context';

/** Shown when a page crashes. Plain links, so it works even when the router itself failed. */
export function ErrorPage() {
  const { t } = useI18n();
  return (
    <StatusNotice
      status="error"
      title={t('error.title')}
      subTitle={t('error.description')}
      extra={
        <Space wrap>
          <Button type="primary" size="large" onClick={() => window.location.reload()}>
            {t('error.reload')}
          </Button>
          <Button size="large" href="/">
            {t('common.backHome')}
          </Button>
        </Space>
      }
    />
  );
}
