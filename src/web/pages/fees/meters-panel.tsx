import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, InputNumber, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useMeters, useReadings, useFeeOpsActions, type MeterReading } from '../../api/fee-ops';
import { downloadFile } from '../../api/registry';
import { useSession } from '../../components/session';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { yuan } from './fee-messages';
import { FEE_OPS_MESSAGES } from './fee-ops-messages';

const PAGE = 20;

/**
 * 逐户抄表: one meter at a time in walking order (building, floor, unit), the previous reading
 * shown, a big number input and "save, next unit". Made for a phone (390 px wide).
 */
function MeterWalk({ communityId }: { communityId: string }) {
  const { t } = useFeatureI18n(FEE_OPS_MESSAGES);
  const { message } = App.useApp();
  const { read } = useFeeOpsActions();
  const [q, setQ] = useState('');
  const [index, setIndex] = useState(0);
  const [value, setValue] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // One meter per page: the page number is the position in the walk.
  const { data } = useMeters(communityId, { q: q || undefined, page: index + 1, pageSize: 1 });
  const meter = data?.items[0];
  const total = data?.total ?? 0;
  useEffect(() => {
    setValue(null);
    setError(null);
  }, [meter?.id]);
  if (data && !total) return <Alert type="info" title={t('meters.none')} />;
  const save = () => {
    if (!meter || value === null) return;
    read.mutate(
      { meterId: meter.id, reading: value },
      {
        onSuccess: (r) => {
          message.success(r.status === 'held' ? t('meters.savedHeld') : t('meters.saved', { usage: r.usage, unit: r.unitName }));
          if (index + 1 < total) setIndex(index + 1);
        },
        onError: (e) => setError(e.message),
      },
    );
  };
  return (
    <Flex vertical gap={12} style={{ maxWidth: 420 }} data-testid="meter-walk">
      <Input.Search allowClear placeholder={t('meters.search')} onSearch={(v) => { setQ(v.trim()); setIndex(0); }} data-testid="walk-search" />
      {meter ? (
        <Card>
          <Flex vertical gap={10}>
            <Typography.Text type="secondary">{t('meters.position', { n: index + 1, total })}</Typography.Text>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="walk-unit">
              {meter.unitLabel}
            </Typography.Title>
            <Typography.Text>
              {meter.itemName} · {meter.serialNo}
            </Typography.Text>
            <Typography.Text strong data-testid="walk-previous">
              {t('meters.previous', { reading: meter.previous.reading, unit: meter.unitName, date: meter.previous.readOn })}
            </Typography.Text>
            {meter.latest?.status === 'held' ? <Alert type="warning" title={t('meters.latestHeld', { reading: meter.latest.reading })} /> : null}
            <InputNumber
              size="large"
              style={{ width: '100%', fontSize: 28 }}
              min={0}
              precision={3}
              inputMode="decimal"
              placeholder={t('meters.reading')}
              value={value}
              onChange={(v) => setValue(typeof v === 'number' ? v : null)}
              onPressEnter={save}
              addonAfter={meter.unitName}
              data-testid="walk-reading"
            />
            {error ? <Alert type="error" title={error} /> : null}
            <Button type="primary" size="large" block disabled={value === null || !meter.allowedActions.includes('read')} loading={read.isPending} onClick={save} data-testid="walk-save">
              {t('meters.saveNext')}
            </Button>
            <Flex gap={8}>
              <Button block disabled={index === 0} onClick={() => setIndex(index - 1)}>
                {t('meters.prev')}
              </Button>
              <Button block disabled={index + 1 >= total} onClick={() => setIndex(index + 1)} data-testid="walk-next">
                {t('meters.next')}
              </Button>
            </Flex>
          </Flex>
        </Card>
      ) : null}
    </Flex>
  );
}

/** Readings of the community: the review queue (held), accepted and rejected ones, and the Excel export. */
function ReadingList({ communityId }: { communityId: string }) {
  const { t, locale } = useFeatureI18n(FEE_OPS_MESSAGES);
  const { message } = App.useApp();
  const { review } = useFeeOpsActions();
  const [status, setStatus] = useState<string | undefined>('held');
  const [page, setPage] = useState(1);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const { data, isFetching } = useReadings(communityId, { status, page, pageSize: PAGE });
  const decide = (r: MeterReading, decision: 'accept' | 'reject') =>
    review.mutate({ id: r.id, decision, note: notes[r.id]?.trim() || undefined }, { onError: (e) => message.error(e.message) });
  const exportXlsx = () => downloadFile('/api/v1/fee-meter-readings/export', { communityId, status }, 'meter-readings.xlsx', locale).catch((e: Error) => message.error(e.message));
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap justify="space-between">
        <Flex gap={8} align="center">
          <Typography.Text>{t('meters.filterStatus')}</Typography.Text>
          <Select
            allowClear
            style={{ width: 160 }}
            value={status}
            onChange={(v) => { setStatus(v); setPage(1); }}
            options={(['held', 'accepted', 'rejected'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
            data-testid="reading-status"
          />
        </Flex>
        <Button onClick={exportXlsx}>{t('meters.export')}</Button>
      </Flex>
      <Table<MeterReading>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('col.unit'), dataIndex: 'unitLabel' },
          { title: t('col.item'), render: (_, r) => `${r.itemName} · ${r.serialNo}` },
          { title: t('col.readOn'), dataIndex: 'readOn' },
          { title: t('col.previous'), dataIndex: 'previous', align: 'right' },
          { title: t('col.reading'), dataIndex: 'reading', align: 'right' },
          { title: t('col.usage'), align: 'right', render: (_, r) => `${r.usage} ${r.unitName}` },
          {
            title: t('col.status'),
            render: (_, r) => (
              <Flex vertical gap={2}>
                <Tag color={r.status === 'accepted' ? 'blue' : r.status === 'held' ? 'orange' : 'default'}>{t(`status.${r.status}`)}</Tag>
                {r.heldFor ? <Typography.Text type="secondary">{t(`held.${r.heldFor}`, { average: r.average ?? '' })}</Typography.Text> : null}
                {r.reviewNote ? <Typography.Text type="secondary">{r.reviewNote}</Typography.Text> : null}
              </Flex>
            ),
          },
          { title: t('col.charge'), align: 'right', render: (_, r) => (r.chargeFen === null ? '' : yuan(r.chargeFen)) },
          {
            title: t('col.actions'),
            render: (_, r) =>
              r.allowedActions.length ? (
                <Flex gap={6} wrap>
                  <Input size="small" style={{ width: 180 }} placeholder={t('review.note')} value={notes[r.id] ?? ''} onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })} />
                  {r.allowedActions.includes('accept') ? (
                    <Button size="small" type="primary" onClick={() => decide(r, 'accept')}>
                      {t('review.accept')}
                    </Button>
                  ) : null}
                  <Button size="small" danger onClick={() => decide(r, 'reject')}>
                    {t('review.reject')}
                  </Button>
                </Flex>
              ) : null,
          },
        ]}
      />
    </Flex>
  );
}

/** 抄表: walk the building on a phone, or review and export the readings. */
export function MetersPanel({ communityId }: { communityId: string }) {
  const { t } = useFeatureI18n(FEE_OPS_MESSAGES);
  const me = useSession();
  const reviews = me.roles.some((r) => r === 'company_admin' || r === 'project_manager' || r === 'service_desk');
  const [view, setView] = useState<'walk' | 'readings'>('walk');
  return (
    <Flex vertical gap={12}>
      {reviews ? <Segmented value={view} onChange={(v) => setView(v as 'walk' | 'readings')} options={[{ value: 'walk', label: t('meters.walk') }, { value: 'readings', label: t('meters.readings') }]} data-testid="meters-view" /> : null}
      {view === 'walk' ? <MeterWalk communityId={communityId} /> : <ReadingList communityId={communityId} />}
    </Flex>
  );
}
