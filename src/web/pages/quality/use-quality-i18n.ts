import { useFeatureI18n, type FeatureI18n } from '../../shared/use-feature-i18n';
import { QUALITY_MESSAGES, type QualityMessageKey } from './quality-messages';

/** The quality pages' own translator. */
export function useQualityI18n(): FeatureI18n<QualityMessageKey> {
  return useFeatureI18n(QUALITY_MESSAGES);
}

const pad = (n: number) => String(n).padStart(2, '0');
/** 'MM-DD HH:mm' of an ISO instant, local time. */
export function shortDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
