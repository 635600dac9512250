import { Select } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { COMPANY_SCOPE, type StandardsScope } from './use-standards-scope';

/** Picks the community (or, for company admins, the company) the standards pages look at. */
export function ScopeSelect({ scope }: { scope: StandardsScope }) {
  const { t } = useI18n();
  const options = [
    ...(scope.offersCompany ? [{ value: COMPANY_SCOPE, label: t('standards.companyScope') }] : []),
    ...scope.communities.map((c) => ({ value: c.id, label: c.name })),
  ];
  return (
    <Select
      data-testid="standards-scope"
      aria-label={t('standards.scopeLabel')}
      value={scope.communityId ?? COMPANY_SCOPE}
      options={options}
      onChange={(value: string) => scope.setCommunityId(value === COMPANY_SCOPE ? null : value)}
      style={{ minWidth: 180, maxWidth: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
