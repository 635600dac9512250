import { Flex, Table, Typography } from 'antd';
import type { Handover } from '../../../common/shifts';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../common/fees';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { FEE_DESK_MESSAGES } from './fee-desk-messages';
import { yuan } from './fee-messages';
import { FEE_OPS_MESSAGES } from './fee-ops-messages';

interface MethodRow {
  method: PaymentMethod;
  expectedFen: number;
  countedFen: number;
  reason: string | null;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** The method lines of an included close (its facts are flat: `<method>.expectedFen` …). */
function methodRows(facts: Handover['included'][number]['facts']): MethodRow[] {
  const listed = String(facts.methods ?? '').split(',');
  return PAYMENT_METHODS.filter((m) => listed.includes(m)).map((m) => ({
    method: m,
    expectedFen: num(facts[`${m}.expectedFen`]),
    countedFen: num(facts[`${m}.countedFen`]),
    reason: typeof facts[`${m}.reason`] === 'string' ? (facts[`${m}.reason`] as string) : null,
  }));
}

/**
 * The cashier's drawer closes a fee post's handover includes: per close, expected against counted
 * for each method and the reason given for every difference. Nothing for other posts.
 */
export function HandoverCloses({ included }: { included: Handover['included'] }) {
  const ops = useFeatureI18n(FEE_OPS_MESSAGES).t;
  const { t } = useFeatureI18n(FEE_DESK_MESSAGES);
  const closes = included.filter((i) => i.type === 'fee_shift_close');
  if (!closes.length) return null;
  return (
    <Flex vertical gap={8} data-testid="handover-closes">
      {closes.map((c) => {
        const f = c.facts;
        const diff = num(f.differenceFen);
        return (
          <Flex key={c.id} vertical gap={4}>
            <Typography.Text strong>
              {t('handover.close', { cashier: String(f.cashierName ?? ''), at: new Date(String(f.closedAt)).toLocaleString(), count: num(f.paymentCount), voids: num(f.voidCount) })}
            </Typography.Text>
            <Table<MethodRow>
              rowKey="method"
              size="small"
              pagination={false}
              dataSource={methodRows(f)}
              columns={[
                { title: t('handover.method'), render: (_, r) => ops(`method.${r.method}`) },
                { title: ops('close.expected'), align: 'right', render: (_, r) => yuan(r.expectedFen) },
                { title: ops('close.counted'), align: 'right', render: (_, r) => yuan(r.countedFen) },
                { title: ops('close.difference'), align: 'right', render: (_, r) => <Typography.Text type={r.countedFen === r.expectedFen ? undefined : 'danger'}>{yuan(r.countedFen - r.expectedFen)}</Typography.Text> },
                { title: ops('close.reason'), render: (_, r) => r.reason ?? '' },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('handover.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{yuan(num(f.expectedFen))}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{yuan(num(f.countedFen))}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <Typography.Text type={diff ? 'danger' : undefined}>{yuan(diff)}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} />
                </Table.Summary.Row>
              )}
            />
          </Flex>
        );
      })}
    </Flex>
  );
}
