import { useFeatureI18n, type FeatureI18n, type Localized } from '../../shared/use-feature-i18n';
import { WO_MESSAGES, type WoMessageKey } from './work-order-messages';

export type { Localized };
export type WoI18n = FeatureI18n<WoMessageKey>;

/** The work-order pages' own translator (their texts load with them). */
export function useWoI18n(): WoI18n {
  return useFeatureI18n(WO_MESSAGES);
}
