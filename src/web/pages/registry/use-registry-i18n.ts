import { useMemo } from 'react';
import type { Locale } from '../../../common/locale';
import { ENUM_LABELS } from '../../../common/registry';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { REGISTRY_MESSAGES, type RegistryMessageKey } from './registry-messages';

/** The registry enums that have display labels (use, status, relation, idType, position, skill). */
export type EnumGroup = keyof typeof ENUM_LABELS;

export interface RegistryI18n {
  locale: Locale;
  /** Translates a registry page text. */
  t: (key: RegistryMessageKey, vars?: Record<string, string | number>) => string;
  /** The display label of an enum code (`occupied` → 已入住 / Occupied); unknown codes as they are. */
  label: (group: EnumGroup, code: string | null | undefined) => string;
}

/**
 * The registry pages' own translator. Their texts live next to them and load with them (the
 * pages are code-split), so the console's first load does not carry them. Enum labels come from
 * `src/common/registry.ts`, the same ones the importer accepts and the exports write.
 */
export function useRegistryI18n(): RegistryI18n {
  const { locale, t } = useFeatureI18n(REGISTRY_MESSAGES);
  return useMemo<RegistryI18n>(() => {
    const index = locale === 'zh-CN' ? 0 : 1;
    return {
      locale,
      t,
      label: (group, code) => {
        if (!code) return '';
        const entry = (ENUM_LABELS[group] as Record<string, readonly [string, string]>)[code];
        return entry ? entry[index] : code;
      },
    };
  }, [locale, t]);
}
