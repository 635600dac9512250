import { Link } from 'react-router';
import { Alert } from 'antd';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { FEE_DESK_MESSAGES } from './fee-desk-messages';

/** On a fee post's handover: the drawer is closed first (the server refuses the handover until then). */
export function FeeCloseFirst() {
  const { t } = useFeatureI18n(FEE_DESK_MESSAGES);
  return <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('handover.feeFirst')} action={<Link to="/fees?tab=shift-close">{t('handover.goClose')}</Link>} data-testid="handover-fee-first" />;
}
