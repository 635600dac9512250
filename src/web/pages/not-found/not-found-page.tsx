import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../../shared/use-document-title';
import { useI18n } from '../../i18n/i18n-context';

/** Any address the console does not know. */
export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  usePageTitle('notFound.title');
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.description')}
      extra={
        <Button type="primary" size="large" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
