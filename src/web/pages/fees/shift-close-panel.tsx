import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Input, InputNumber, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { PaymentMethod } from '../../../common/fees';
import { useDrawer, useFeeOpsActions, useShiftCloses, type CloseDay, type ShiftClose } from '../../api/fee-ops';
import { downloadFile } from '../../api/registry';
import { useSession } from '../../components/session';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { FEE_DESK_MESSAGES } from './fee-desk-messages';
import { yuan } from './fee-messages';
import { FEE_OPS_MESSAGES } from './fee-ops-messages';

/** The cashier's drawer: expected per method since their last close, counted, differences explained. */
function MyDrawer({ communityId }: { communityId: string }) {
  const { t } = useFeatureI18n(FEE_OPS_MESSAGES);
  const { message } = App.useApp();
  const { data: drawer } = useDrawer(communityId);
  const { close } = useFeeOpsActions();
  const [counted, setCounted] = useState<Partial<Record<PaymentMethod, number | null>>>({});
  const [reasons, setReasons] = useState<Partial<Record<PaymentMethod, string>>>({});
  const [fields, setFields] = useState<Record<string, string>>({});
  useEffect(() => {
    setCounted({});
    setReasons({});
    setFields({});
  }, [drawer?.since]);
  if (!drawer) return null;
  const empty = drawer.paymentCount === 0 && drawer.voidCount === 0;
  const submit = () => {
    const counts = drawer.expected.map((e, i) => ({ method: e.method, countedFen: Math.round((counted[e.method] ?? 0) * 100), reason: reasons[e.method]?.trim() || undefined, i }));
    close.mutate(
      { communityId, counts: counts.map(({ method, countedFen, reason }) => ({ method, countedFen, reason })) },
      {
        onSuccess: (r) => message.success(t('close.done', { expected: yuan(r.expectedFen), counted: yuan(r.countedFen) })),
        onError: (e) => {
          const f = (e as { fields?: Record<string, string> }).fields ?? {};
          setFields(f);
          if (!Object.keys(f).length) message.error(e.message);
        },
      },
    );
  };
  return (
    <Card title={t('close.title')} size="small" data-testid="my-drawer">
      <Flex vertical gap={10}>
        <Typography.Text type="secondary">
          {drawer.since ? t('close.since', { since: new Date(drawer.since).toLocaleString() }) : t('close.sinceNever')} · {t('close.payments', { count: drawer.paymentCount, voids: drawer.voidCount })}
        </Typography.Text>
        {empty ? <Alert type="info" title={t('close.nothing')} /> : null}
        {drawer.expected.map((e, i) => {
          const c = counted[e.method];
          const differs = c !== undefined && c !== null && Math.round(c * 100) !== e.expectedFen;
          const problem = fields[`counts.${i}.reason`] ?? fields[`counts.${e.method}`];
          return (
            <Flex key={e.method} gap={8} align="center" wrap>
              <Typography.Text strong style={{ width: 80 }}>
                {t(`method.${e.method}`)}
              </Typography.Text>
              <Typography.Text style={{ width: 150 }}>
                {t('close.expected')} {yuan(e.expectedFen)}
              </Typography.Text>
              <InputNumber min={0} precision={2} placeholder={t('close.counted')} value={c ?? null} onChange={(v) => setCounted({ ...counted, [e.method]: typeof v === 'number' ? v : null })} data-testid={`count-${e.method}`} />
              {differs || problem ? <Input style={{ width: 240 }} status={problem ? 'error' : undefined} placeholder={t('close.reason')} value={reasons[e.method] ?? ''} onChange={(x) => setReasons({ ...reasons, [e.method]: x.target.value })} /> : null}
              {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
            </Flex>
          );
        })}
        <Button type="primary" disabled={empty || drawer.expected.some((e) => counted[e.method] === undefined || counted[e.method] === null)} loading={close.isPending} onClick={submit} data-testid="close-submit" style={{ alignSelf: 'flex-start' }}>
          {t('close.submit')}
        </Button>
      </Flex>
    </Card>
  );
}

/** 收银交班: the caller's own close, and every close of the community by day (with the Excel export). */
export function ShiftClosePanel({ communityId }: { communityId: string }) {
  const { t, locale } = useFeatureI18n(FEE_OPS_MESSAGES);
  const { message } = App.useApp();
  const me = useSession();
  const desk = useFeatureI18n(FEE_DESK_MESSAGES).t;
  const [page, setPage] = useState(1);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const dates = range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {};
  const { data, isFetching } = useShiftCloses(communityId, page, dates);
  const manages = me.roles.some((r) => r === 'company_admin' || r === 'project_manager');
  const methods = (lines: { method: PaymentMethod; expectedFen: number; countedFen: number }[]) =>
    lines.map((l) => `${t(`method.${l.method}`)} ${yuan(l.expectedFen)} / ${yuan(l.countedFen)}`).join('；');
  return (
    <Flex vertical gap={16}>
      <MyDrawer communityId={communityId} />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('close.daily')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <DatePicker.RangePicker
            value={range}
            placeholder={[desk('close.from'), desk('close.to')]}
            onChange={(v) => {
              setRange(v?.[0] && v[1] ? [v[0], v[1]] : null);
              setPage(1);
            }}
            data-testid="close-range"
          />
          {manages ? (
            <Button onClick={() => downloadFile('/api/v1/fee-shift-closes/export', { communityId, ...dates }, 'shift-closes.xlsx', locale).catch((e: Error) => message.error(e.message))} data-testid="close-export">
              {t('meters.export')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <Table<CloseDay>
        rowKey="closedOn"
        size="small"
        pagination={false}
        dataSource={data?.days ?? []}
        columns={[
          { title: t('close.day'), dataIndex: 'closedOn' },
          { title: t('close.closes'), dataIndex: 'closes', align: 'right' },
          { title: t('close.expected'), align: 'right', render: (_, d) => yuan(d.expectedFen) },
          { title: t('close.counted'), align: 'right', render: (_, d) => yuan(d.countedFen) },
          { title: t('close.difference'), align: 'right', render: (_, d) => <Typography.Text type={d.countedFen === d.expectedFen ? undefined : 'danger'}>{yuan(d.countedFen - d.expectedFen)}</Typography.Text> },
          { title: `${t('close.expected')} / ${t('close.counted')}`, render: (_, d) => methods(d.byMethod) },
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('close.list')}
      </Typography.Title>
      <Table<ShiftClose>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('close.closedAt'), render: (_, c) => new Date(c.closedAt).toLocaleString() },
          { title: t('close.cashier'), dataIndex: 'cashierName' },
          { title: t('close.expected'), align: 'right', render: (_, c) => yuan(c.expectedFen) },
          { title: t('close.counted'), align: 'right', render: (_, c) => yuan(c.countedFen) },
          { title: t('close.difference'), align: 'right', render: (_, c) => <Typography.Text type={c.differenceFen ? 'danger' : undefined}>{yuan(c.differenceFen)}</Typography.Text> },
          { title: t('close.reason'), render: (_, c) => c.lines.filter((l) => l.reason).map((l) => `${t(`method.${l.method}`)}：${l.reason}`).join('；') },
        ]}
      />
    </Flex>
  );
}
