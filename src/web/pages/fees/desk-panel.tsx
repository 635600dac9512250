import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { PAYMENT_METHODS, type LedgerEntry, type PaymentMethod } from '../../../common/fees';
import { ApiError } from '../../api/client';
import { useAccountPayments, useFeeActions, useUnitAccount, type FeeAccount, type FeePayment } from '../../api/fees';
import { useUnits } from '../../api/registry';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { useDebounced } from '../../shared/use-debounced';
import { FEE_MESSAGES, yuan, type FeeMessageKey } from './fee-messages';

const AGES = ['d0_30', 'd31_90', 'd91_180', 'd181_365', 'over_365'] as const;

interface Line {
  method: PaymentMethod;
  amount: number | null;
  reference?: string;
  tendered?: number | null;
}

const toFen = (v: number | null | undefined) => Math.round((v ?? 0) * 100);

/** Takes a payment in one or more methods, for the chosen charges (or the oldest first). */
function PaymentModal({ account, chosen, replaces, onClose }: { account: FeeAccount; chosen: LedgerEntry[]; replaces?: FeePayment; onClose: () => void }) {
  const { t } = useFeatureI18n(FEE_MESSAGES);
  const { message } = App.useApp();
  const { pay } = useFeeActions();
  const due = replaces ? replaces.totalFen : chosen.reduce((s, e) => s + e.openFen, 0);
  const [lines, setLines] = useState<Line[]>([{ method: 'cash', amount: due ? due / 100 : null, tendered: null }]);
  const [payer, setPayer] = useState(replaces?.payerName ?? '');
  const [key] = useState(() => crypto.randomUUID());
  const [fields, setFields] = useState<Record<string, string>>({});
  const total = lines.reduce((s, l) => s + toFen(l.amount), 0);
  const set = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, n) => (n === i ? { ...l, ...patch } : l)));
  const submit = () =>
    pay.mutate(
      {
        key,
        input: {
          accountId: account.id,
          lines: lines.map((l) => ({
            method: l.method,
            amountFen: toFen(l.amount),
            ...(l.reference ? { reference: l.reference } : {}),
            ...(l.method === 'cash' && l.tendered ? { tenderedFen: toFen(l.tendered) } : {}),
          })),
          ...(chosen.length ? { chargeIds: chosen.map((e) => e.id) } : {}),
          ...(payer.trim() ? { payerName: payer.trim() } : {}),
          ...(replaces ? { replacesPaymentId: replaces.id } : {}),
        },
      },
      {
        onSuccess: (p) => {
          message.success(t('pay.done', { no: p.receiptNo }));
          onClose();
        },
        onError: (e) => {
          setFields(e instanceof ApiError ? e.fields : {});
          message.error(e.message);
        },
      },
    );
  return (
    <Modal open width={720} title={t('pay.title', { unit: account.label })} onCancel={onClose} okText={t('pay.confirm')} onOk={submit} confirmLoading={pay.isPending} okButtonProps={{ disabled: total <= 0, ...({ 'data-testid': 'pay-confirm' } as Record<string, string>) }} destroyOnHidden>
      <Flex vertical gap={12}>
        {replaces ? <Typography.Text strong>{t('pay.reissueOf', { no: replaces.receiptNo })}</Typography.Text> : null}
        <Typography.Text type="secondary">
          {chosen.length ? t('pay.chosen', { list: chosen.map((e) => `${e.itemName ?? ''} ${e.periodStart ?? ''}`).join('，') }) : t('pay.oldestFirst')}
        </Typography.Text>
        {lines.map((l, i) => {
          const change = l.method === 'cash' && l.tendered ? toFen(l.tendered) - toFen(l.amount) : null;
          return (
            <Flex key={i} gap={8} align="start" wrap data-testid={`pay-line-${i}`}>
              <Form.Item layout="vertical" label={t('pay.method')} style={{ margin: 0 }} validateStatus={fields[`lines.${i}.method`] ? 'error' : undefined}>
                <Select style={{ width: 130 }} value={l.method} onChange={(m) => set(i, { method: m, tendered: null })} options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`method.${m}` as FeeMessageKey) }))} data-testid={`pay-method-${i}`} />
              </Form.Item>
              <Form.Item layout="vertical" label={t('pay.amount')} style={{ margin: 0 }} validateStatus={fields[`lines.${i}.amountFen`] ? 'error' : undefined} help={fields[`lines.${i}.amountFen`]}>
                <InputNumber style={{ width: 150 }} min={0.01} precision={2} placeholder={t('pay.amount')} value={l.amount} onChange={(v) => set(i, { amount: v })} data-testid={`pay-amount-${i}`} />
              </Form.Item>
              {l.method === 'cash' ? (
                <Form.Item layout="vertical" label={t('pay.tendered')} style={{ margin: 0 }} validateStatus={fields[`lines.${i}.tenderedFen`] ? 'error' : undefined} help={fields[`lines.${i}.tenderedFen`] ?? (change !== null && change >= 0 ? t('pay.change', { amount: yuan(change) }) : undefined)}>
                  <InputNumber style={{ width: 170 }} min={0.01} precision={2} placeholder={t('pay.tendered')} value={l.tendered} onChange={(v) => set(i, { tendered: v })} data-testid={`pay-tendered-${i}`} />
                </Form.Item>
              ) : (
                <Form.Item layout="vertical" label={t('pay.reference')} style={{ margin: 0 }} validateStatus={fields[`lines.${i}.reference`] ? 'error' : undefined} help={fields[`lines.${i}.reference`]}>
                  <Input style={{ width: 240 }} maxLength={64} placeholder={t('pay.reference')} value={l.reference} onChange={(e) => set(i, { reference: e.target.value })} data-testid={`pay-reference-${i}`} />
                </Form.Item>
              )}
              {lines.length > 1 ? <Button icon={<DeleteOutlined />} aria-label={t('pay.removeLine')} style={{ marginTop: 30 }} onClick={() => setLines((ls) => ls.filter((_, n) => n !== i))} /> : null}
            </Flex>
          );
        })}
        {lines.length < 5 ? (
          <Button icon={<PlusOutlined />} onClick={() => setLines((ls) => [...ls, { method: 'transfer', amount: null }])} style={{ alignSelf: 'start' }} data-testid="pay-add-line">
            {t('pay.addLine')}
          </Button>
        ) : null}
        <Form.Item layout="vertical" label={t('pay.payer')} style={{ margin: 0 }}>
          <Input placeholder={t('pay.payerHint')} maxLength={40} value={payer} onChange={(e) => setPayer(e.target.value)} style={{ width: 240 }} />
        </Form.Item>
        <Typography.Text strong data-testid="pay-total">
          {t('pay.total', { amount: yuan(total) })}
        </Typography.Text>
      </Flex>
    </Modal>
  );
}

function VoidModal({ payment, onClose }: { payment: FeePayment; onClose: () => void }) {
  const { t } = useFeatureI18n(FEE_MESSAGES);
  const { message } = App.useApp();
  const { voidPayment } = useFeeActions();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <Modal
      open
      title={t('receipts.void.title', { no: payment.receiptNo })}
      onCancel={onClose}
      confirmLoading={voidPayment.isPending}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'void-confirm' } as Record<string, string>) }}
      onOk={() =>
        voidPayment.mutate(
          { id: payment.id, reason },
          {
            onSuccess: () => {
              message.success(t('receipts.void.done'));
              onClose();
            },
            onError: (e) => setError(e instanceof ApiError ? (e.fields.reason ?? e.message) : e.message),
          },
        )
      }
    >
      <Form.Item label={t('receipts.void.reason')} validateStatus={error ? 'error' : undefined} help={error}>
        <Input.TextArea maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="void-reason" />
      </Form.Item>
    </Modal>
  );
}

function Account({ unitId }: { unitId: string }) {
  const { t } = useFeatureI18n(FEE_MESSAGES);
  const { data: account, error } = useUnitAccount(unitId);
  const { data: payments } = useAccountPayments(account?.id);
  const [selected, setSelected] = useState<string[]>([]);
  const [paying, setPaying] = useState(false);
  const [reissuing, setReissuing] = useState<FeePayment | undefined>();
  const [voiding, setVoiding] = useState<FeePayment | null>(null);
  if (error) return <Alert type="error" title={error.message} />;
  if (!account) return null;
  const chosen = account.entries.filter((e) => selected.includes(e.id)).sort((a, b) => (a.periodStart ?? '').localeCompare(b.periodStart ?? ''));
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex gap={32} wrap align="center">
          <Statistic title={t('acct.balance')} value={yuan(account.balanceFen)} data-testid="acct-balance" />
          <Statistic title={t('acct.arrears')} value={yuan(account.arrearsFen)} valueStyle={account.arrearsFen ? { color: '#cf1322' } : undefined} />
          <Statistic title={t('acct.notYetDue')} value={yuan(account.notYetDueFen)} />
          <Statistic title={t('acct.prepayment')} value={yuan(account.prepaymentFen)} />
          <Flex vertical gap={4} style={{ marginLeft: 'auto' }}>
            {account.paidThrough.map((p) => (
              <Typography.Text key={p.itemId}>{p.date ? t('acct.paidThrough', { item: p.itemName, date: p.date }) : t('acct.notPaid', { item: p.itemName })}</Typography.Text>
            ))}
            {account.closedThrough ? <Typography.Text type="secondary">{t('acct.closed', { date: account.closedThrough })}</Typography.Text> : null}
          </Flex>
        </Flex>
        <Descriptions size="small" style={{ marginTop: 12 }} title={t('acct.ageing')} column={5} items={AGES.map((a) => ({ key: a, label: t(`age.${a}` as FeeMessageKey), children: yuan(account.ageing[a]) }))} />
      </Card>
      <Flex justify="space-between" align="center">
        <Typography.Text>{selected.length ? t('pay.selected', { count: selected.length, amount: yuan(chosen.reduce((s, e) => s + e.openFen, 0)) }) : null}</Typography.Text>
        {account.allowedActions.includes('pay') ? (
          <Button type="primary" size="large" onClick={() => setPaying(true)} data-testid="pay-open">
            {t('pay.button')}
          </Button>
        ) : null}
      </Flex>
      <Table<LedgerEntry>
        rowKey="id"
        size="small"
        data-testid="ledger"
        dataSource={[...account.entries].reverse()}
        pagination={{ pageSize: 12 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (e) => ({ disabled: !(e.amountFen > 0 && e.openFen > 0) }) }}
        columns={[
          { title: t('col.date'), dataIndex: 'entryDate', width: 110 },
          { title: t('col.kind'), render: (_, e) => <Tag color={e.amountFen > 0 ? 'orange' : 'green'}>{t(`kind.${e.kind}` as FeeMessageKey)}</Tag>, width: 90 },
          { title: t('col.item'), dataIndex: 'itemName' },
          { title: t('col.period'), render: (_, e) => (e.periodStart ? `${e.periodStart} ~ ${e.periodEnd ?? ''}` : '') },
          { title: t('col.amount'), align: 'right', render: (_, e) => yuan(e.amountFen) },
          { title: t('col.open'), align: 'right', render: (_, e) => (e.openFen ? yuan(e.openFen) : '') },
          { title: t('col.memo'), dataIndex: 'memo' },
        ]}
      />
      <Typography.Title level={5}>{t('receipts.title')}</Typography.Title>
      <Table<FeePayment>
        rowKey="id"
        size="small"
        data-testid="receipts"
        dataSource={payments?.items ?? []}
        pagination={false}
        columns={[
          { title: t('receipts.no'), dataIndex: 'receiptNo' },
          { title: t('receipts.paidAt'), render: (_, p) => new Date(p.paidAt).toLocaleString() },
          { title: t('receipts.total'), align: 'right', render: (_, p) => yuan(p.totalFen) },
          { title: t('receipts.status'), render: (_, p) => (p.status === 'void' ? <Tag color="red">{t('receipts.void')}</Tag> : <Tag color="green">{t('receipts.valid')}</Tag>) },
          {
            title: '',
            render: (_, p) => (
              <Space>
                <Link to={`/fees/receipts/${p.id}`} data-testid={`receipt-open-${p.receiptNo}`}>
                  {t('receipts.print')}
                </Link>
                {p.status === 'void' && account.allowedActions.includes('pay') && !payments?.items.some((x) => x.replacesPaymentId === p.id) ? (
                  <Button size="small" onClick={() => { setReissuing(p); setPaying(true); }} data-testid={`receipt-reissue-${p.receiptNo}`}>
                    {t('receipts.reissue')}
                  </Button>
                ) : null}
                {p.allowedActions.includes('void') ? (
                  <Button size="small" danger onClick={() => setVoiding(p)} data-testid={`receipt-void-${p.receiptNo}`}>
                    {t('receipts.void.button')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {paying ? (
        <PaymentModal
          account={account}
          chosen={chosen}
          replaces={reissuing}
          onClose={() => {
            setPaying(false);
            setReissuing(undefined);
            setSelected([]);
          }}
        />
      ) : null}
      {voiding ? <VoidModal payment={voiding} onClose={() => setVoiding(null)} /> : null}
    </Flex>
  );
}

/** The cashier desk: find a unit, read its account, take a payment, void and reprint receipts. */
export function DeskPanel({ communityId }: { communityId: string }) {
  const { t } = useFeatureI18n(FEE_MESSAGES);
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const [unitId, setUnitId] = useState<string | undefined>();
  const { data: units, isFetching } = useUnits({ page: 1, pageSize: 20, communityId, q: q || undefined });
  return (
    <Flex vertical gap={16}>
      <Select
        showSearch={{ filterOption: false, onSearch: setSearch }}
        style={{ width: 360 }}
        size="large"
        placeholder={t('desk.unitSearch')}
        loading={isFetching}
        value={unitId}
        onChange={setUnitId}
        options={(units?.items ?? []).map((u) => ({ value: u.id, label: u.label }))}
        data-testid="desk-unit"
      />
      {unitId ? <Account unitId={unitId} /> : <Empty description={t('desk.pickUnit')} />}
    </Flex>
  );
}
