import { ASSET_CATEGORY_LABELS, ASSET_STATUS_LABELS, type AssetCategory, type AssetStatus } from '../../../common/assets';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { ASSET_MESSAGES } from './assets-messages';

/** The register's translator, with the category and status names of src/common. */
export function useAssetsI18n() {
  const i18n = useFeatureI18n(ASSET_MESSAGES);
  return {
    ...i18n,
    category: (c: AssetCategory) => ASSET_CATEGORY_LABELS[c][i18n.locale],
    status: (s: AssetStatus) => ASSET_STATUS_LABELS[s][i18n.locale],
  };
}

/** Tag colours of the statuses. */
export const STATUS_COLOR: Record<AssetStatus, string> = { in_use: 'green', stopped: 'default', under_repair: 'orange', retired: 'red' };
