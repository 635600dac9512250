import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../../shared/use-document-title';
import { useI18n } from '../../i18n/i18n-context';

/** A page the user's roles may not open (typed in or followed from an old link). */
export function ForbiddenPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  usePageTitle('forbidden.title');
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.description')}
      extra={
        <Button type="primary" size="large" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
