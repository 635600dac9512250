import { Alert, Table, Tag } from 'antd';
import type { Pricing } from '../../../common/fees';
import { useFeeItems, type FeeItem } from '../../api/fees';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { FEE_DESK_MESSAGES } from './fee-desk-messages';
import { FEE_MESSAGES, yuan, type FeeMessageKey } from './fee-messages';

/** One price in the product's words. */
export function usePriceText() {
  const { t } = useFeatureI18n(FEE_MESSAGES);
  return (p: Pricing): string => {
    if (p.kind === 'area')
      return Object.entries(p.pricesByType)
        .filter(([, v]) => v !== undefined)
        .map(([type, v]) => t('price.area', { type: t(`type.${type}` as FeeMessageKey), price: yuan(v!) }))
        .join('；');
    if (p.kind === 'fixed') return t('price.fixed', { price: yuan(p.monthlyFen) });
    if (p.kind === 'one_off') return t('price.oneOff', { price: yuan(p.amountFen) });
    return p.tiers.map((tier) => (tier.upTo === null ? t('price.tierLast', { price: yuan(tier.priceFen), unit: p.unitName }) : t('price.tier', { upTo: tier.upTo, unit: p.unitName, price: yuan(tier.priceFen) }))).join('；');
  };
}

/** The community's fee items with the price in force and every version. */
export function FeeItemsPanel({ communityId }: { communityId: string }) {
  const { t } = useFeatureI18n(FEE_MESSAGES);
  const desk = useFeatureI18n(FEE_DESK_MESSAGES).t;
  const priceText = usePriceText();
  const { data, error, isPending } = useFeeItems(communityId);
  if (error) return <Alert type="error" title={error.message} />;
  return (
    <Table<FeeItem>
      rowKey="id"
      loading={isPending}
      dataSource={data?.items ?? []}
      pagination={false}
      data-testid="fee-items"
      columns={[
        { title: t('items.name'), render: (_, i) => (i.purpose ? <>{i.name} <Tag color="blue">{desk(`purpose.${i.purpose}`)}</Tag></> : i.name) },
        { title: t('items.kind'), render: (_, i) => <Tag>{t(`itemKind.${i.kind}` as FeeMessageKey)}{i.cycle ? ` · ${t(`cycle.${i.cycle}` as FeeMessageKey)}` : ''}</Tag> },
        { title: t('items.price'), render: (_, i) => (i.current ? priceText(i.current.pricing) : t('common.none')) },
        { title: t('items.rounding'), render: (_, i) => t(`rounding.${i.rounding}` as FeeMessageKey) },
        { title: t('items.versions'), render: (_, i) => i.versions.map((v) => v.effectiveFrom).join('，') },
      ]}
    />
  );
}
