import { useI18n } from '../i18n/i18n-context';
import { ShellText } from './shell-text';

/** The product mark and name. */
export function Brand({ inverted = false }: { inverted?: boolean }) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0, overflow: 'hidden' }}>
      <svg width="28" height="28" viewBox="0 0 28 28" aria-hidden="true" style={{ flex: 'none' }}>
        <rect width="28" height="28" rx="7" fill={inverted ? '#ffffff' : '#2f6f9f'} />
        <path
          d="M7 13.5 14 8l7 5.5V20a1 1 0 0 1-1 1h-4v-4.5h-4V21H8a1 1 0 0 1-1-1z"
          fill={inverted ? '#2f6f9f' : '#ffffff'}
        />
      </svg>
      <ShellText strong ellipsis style={{ fontSize: 16, color: inverted ? '#ffffff' : undefined }}>
        {t('app.shortName')}
      </ShellText>
    </div>
  );
}
