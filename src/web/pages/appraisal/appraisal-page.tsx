import { useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Flex, Form, Image, Input, InputNumber, List, Modal, Segmented, Select, Space, Statistic, Table, Tabs, Tag, Timeline, Typography, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { MEASURE_KPIS, MEASURE_SOURCES, type Effect } from '../../../common/appraisal/api';
import { ENUM_LABELS } from '../../../common/registry';
import type { ActionDescription } from '../../../common/work/records';
import { useAppraisalActions, useAppraisalEvidence, useAppraisalMonth, useIncentive, useIncentives, useMeasure, useMeasures, useWeights, type AppraisalMonth } from '../../api/appraisal';
import { attachmentUrl, uploadAttachment } from '../../api/work-orders';
import { DownloadButton } from '../../components/download-button';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n-context';
import { Chart } from '../../shared/chart';
import { DueTime } from '../../shared/due-time';
import { showFieldErrors } from '../../shared/field-errors';
import { StepDialog } from '../../shared/step-form/step-form';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { APPRAISAL_MESSAGES } from './appraisal-messages';

export const useAppraisalI18n = () => useFeatureI18n(APPRAISAL_MESSAGES);
type Row = AppraisalMonth['items'][number];
const PAGE_SIZE = 20;
const positionName = (p: string, zh: boolean) => (ENUM_LABELS.position as Record<string, readonly [string, string]>)[p]?.[zh ? 0 : 1] ?? p;
const yuan = (fen: number | null) => (fen === null ? '—' : (fen / 100).toFixed(2));
const shortTime = (iso: string) => dayjs(iso).format('MM-DD HH:mm');

/** A part's figure, or "no data" (it then leaves the denominator). */
function Part({ value }: { value: number | null }) {
  const { t } = useAppraisalI18n();
  return value === null ? <Typography.Text type="secondary">{t('noData')}</Typography.Text> : <span>{value}</span>;
}

/** The evidence behind one staff member's month: each figure opens what it was computed from. */
function EvidenceDrawer({ communityId, month, staffId, onClose }: { communityId: string; month: string; staffId: string; onClose: () => void }) {
  const { t, tl } = useAppraisalI18n();
  const q = useAppraisalEvidence(communityId, month, staffId);
  const e = q.data;
  return (
    <Drawer open size="large" title={e ? t('evidence.title', { name: e.row.name, month }) : ''} onClose={onClose} data-testid="appraisal-evidence">
      {q.error ? <Alert type="error" title={t('loadFailed', { message: q.error.message })} /> : null}
      {e ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered items={[
            { key: 'i', label: t('col.inspection'), children: <Part value={e.row.parts.inspection} /> },
            { key: 's', label: t('col.sla'), children: <Part value={e.row.parts.sla} /> },
            { key: 'r', label: t('col.rating'), children: <Part value={e.row.parts.rating} /> },
            { key: 'c', label: t('col.complaints'), children: <Part value={e.row.parts.complaints} /> },
            { key: 't', label: t('col.total'), children: <Part value={e.row.total} /> },
            { key: 'f', label: t('col.final'), children: <Part value={e.row.final} /> },
          ]} />
          <List size="small" header={t('evidence.inspections', { n: e.inspections.length })} dataSource={e.inspections} renderItem={(i) => <List.Item><a href={`/quality/inspections/${i.id}`}>{i.number}</a> {i.place} <span>{t('score', { n: i.score })}</span> <Typography.Text type="secondary">{shortTime(i.at)}</Typography.Text></List.Item>} />
          <List size="small" header={t('evidence.limits', { met: e.row.counts.limitsMet, late: e.row.counts.limitsLate })} dataSource={e.limits} renderItem={(l) => <List.Item><a href={`/work-orders/${l.orderId}`}>{l.number}</a> {tl(l.limitName)} <Tag color={l.met ? 'green' : 'red'}>{l.met ? t('met') : t('late')}</Tag> <Typography.Text type="secondary">{shortTime(l.endedAt)}</Typography.Text></List.Item>} />
          <List size="small" header={t('evidence.ratings', { n: e.ratings.length })} dataSource={e.ratings} renderItem={(r) => <List.Item><a href={`/work-orders/${r.orderId}`}>{r.number}</a> {t('stars', { n: r.score })} <Typography.Text type="secondary">{shortTime(r.at)}</Typography.Text></List.Item>} />
          <List size="small" header={t('evidence.complaints', { n: e.complaints.length })} dataSource={e.complaints} renderItem={(c) => <List.Item><a href={`/work-orders/${c.orderId}`}>{c.number}</a> {c.category} <Typography.Text type="secondary">{shortTime(c.at)}</Typography.Text></List.Item>} />
          <List size="small" header={t('evidence.incentives', { n: e.incentives.length })} dataSource={e.incentives} renderItem={(x) => <List.Item>{x.number} <Tag color={x.kind === 'reward' ? 'green' : 'red'}>{t(`kind.${x.kind}`)}</Tag> {x.reason} {x.points ?? ''}</List.Item>} />
        </Space>
      ) : null}
    </Drawer>
  );
}

function MonthTab({ communityId, month }: { communityId: string; month: string }) {
  const { t, locale } = useAppraisalI18n();
  const q = useAppraisalMonth(communityId, month);
  const [open, setOpen] = useState<string | null>(null);
  const w = (r: Row) => `${r.weights.inspection}/${r.weights.sla}/${r.weights.rating}/${r.weights.complaints}`;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('partHint')}</Typography.Text>
        <DownloadButton path="/api/v1/appraisal/months/export" query={{ communityId, month }} fileName={`appraisal-${month}.xlsx`} testId="appraisal-export" />
      </Flex>
      {q.error ? <Alert type="error" title={t('loadFailed', { message: q.error.message })} /> : null}
      <Table<Row>
        rowKey="staffId"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={{ pageSize: PAGE_SIZE, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => setOpen(r.staffId), style: { cursor: 'pointer' } })}
        data-testid="appraisal-table"
        columns={[
          { title: t('col.name'), dataIndex: 'name' },
          { title: t('col.position'), dataIndex: 'position', render: (p: string) => positionName(p, locale === 'zh-CN') },
          { title: t('col.inspection'), key: 'i', render: (_, r) => <Part value={r.parts.inspection} /> },
          { title: t('col.sla'), key: 's', render: (_, r) => <Part value={r.parts.sla} /> },
          { title: t('col.rating'), key: 'r', render: (_, r) => <Part value={r.parts.rating} /> },
          { title: t('col.complaints'), key: 'c', render: (_, r) => <Part value={r.parts.complaints} /> },
          { title: t('col.incentive'), dataIndex: 'incentivePoints', render: (n: number) => (n ? <Tag color={n > 0 ? 'green' : 'red'}>{n > 0 ? `+${n}` : n}</Tag> : '—') },
          { title: t('col.total'), key: 'total', render: (_, r) => <Part value={r.total} />, sorter: (a, b) => (a.total ?? -1) - (b.total ?? -1) },
          { title: t('col.final'), key: 'final', render: (_, r) => (r.final === null ? <Part value={null} /> : <Typography.Text strong>{r.final}</Typography.Text>), sorter: (a, b) => (a.final ?? -1) - (b.final ?? -1) },
          { title: t('col.weights'), key: 'w', render: (_, r) => <Typography.Text type="secondary">{w(r)}</Typography.Text> },
        ]}
      />
      {open ? <EvidenceDrawer communityId={communityId} month={month} staffId={open} onClose={() => setOpen(null)} /> : null}
    </Flex>
  );
}

/** Evidence photos: uploaded when picked, their ids kept in the form. */
function PhotoUpload({ value = [], onChange }: { value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useAppraisalI18n();
  return (
    <Upload
      accept="image/*"
      listType="picture"
      maxCount={6}
      customRequest={({ file, onSuccess, onError }) =>
        void uploadAttachment(file as Blob, 'photo', (file as File).name)
          .then((a) => (onChange?.([...value, a.id]), onSuccess?.(a)))
          .catch((e: Error) => onError?.(e))
      }
      onRemove={(f) => onChange?.(value.filter((id) => id !== (f.response as { id: string } | undefined)?.id))}
    >
      <Button icon={<UploadOutlined />}>{t('upload')}</Button>
    </Upload>
  );
}

function NewIncentive({ communityId, people, onClose }: { communityId: string; people: Row[]; onClose: () => void }) {
  const { t } = useAppraisalI18n();
  const { message } = App.useApp();
  const { propose } = useAppraisalActions();
  const [form] = Form.useForm<{ staffId: string; kind: 'reward' | 'penalty'; reason: string; points?: number; amount?: number; photoIds: string[] }>();
  const submit = () =>
    void form.validateFields().then((v) =>
      propose.mutate(
        { communityId, staffId: v.staffId, kind: v.kind, reason: v.reason, points: v.points ?? undefined, amountFen: v.amount ? Math.round(v.amount * 100) : undefined, photoIds: v.photoIds ?? [] },
        { onSuccess: () => (message.success(t('saved')), onClose()), onError: (e: Error) => void (showFieldErrors(form, e, (p) => [p === 'amountFen' ? 'amount' : p]) || message.error(e.message)) },
      ),
    );
  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal open title={t('new.incentive')} onCancel={onClose} onOk={submit} okButtonProps={{ loading: propose.isPending, 'data-testid': 'incentive-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'penalty', photoIds: [] }}>
        <Form.Item name="staffId" label={t('form.staff')} rules={required}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={people.map((p) => ({ value: p.staffId, label: p.name }))} data-testid="incentive-staff" />
        </Form.Item>
        <Form.Item name="kind" label={t('form.kind')} rules={required}>
          <Segmented options={[{ value: 'reward', label: t('kind.reward') }, { value: 'penalty', label: t('kind.penalty') }]} />
        </Form.Item>
        <Form.Item name="reason" label={t('form.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea maxLength={500} rows={3} data-testid="incentive-reason" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="points" label={t('form.points')} style={{ flex: 1 }}>
            <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid="incentive-points" />
          </Form.Item>
          <Form.Item name="amount" label={t('form.amount')} style={{ flex: 1 }}>
            <InputNumber min={0.01} max={100000} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="photoIds" label={t('form.photos')}>
          <PhotoUpload />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function History({ timeline }: { timeline: { id: string; action: string; actionName: { 'zh-CN': string; 'en-US': string } | null; at: string; actor: { name: string } | null; data: Record<string, unknown> }[] }) {
  const { t, tl } = useAppraisalI18n();
  return (
    <Timeline
      items={timeline.map((e) => ({
        key: e.id,
        content: (
          <Flex vertical>
            <span>{e.action === 'created' ? t('created') : tl(e.actionName) || e.action}</span>
            {['note', 'plan', 'actions', 'conclusion'].map((k) => (typeof e.data[k] === 'string' ? <Typography.Text key={k}>{e.data[k] as string}</Typography.Text> : null))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {shortTime(e.at)} {e.actor?.name ?? ''}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}

type HistoryEntry = Parameters<typeof History>[0]['timeline'][number];

/** An item's steps, one button each, its history, and the step form of the step picked. */
function StepsAndHistory({ item, testId, submit }: {
  item: { number: string; communityId: string; actions: ActionDescription[]; timeline: HistoryEntry[] };
  testId: string;
  submit: (action: string, body: Record<string, unknown>) => Promise<unknown>;
}) {
  const { t, tl } = useAppraisalI18n();
  const { message } = App.useApp();
  const [step, setStep] = useState<ActionDescription | null>(null);
  return (
    <>
      <Flex gap={8}>
        {item.actions.map((a) => (
          <Button key={a.key} type="primary" onClick={() => setStep(a)} data-testid={`${testId}-action-${a.key}`}>
            {tl(a.name)}
          </Button>
        ))}
      </Flex>
      <Typography.Text strong>{t('timeline')}</Typography.Text>
      <History timeline={item.timeline} />
      {step ? (
        <StepDialog
          action={step}
          target={{ communityId: item.communityId }}
          title={`${tl(step.name)} · ${item.number}`}
          submit={(body) => submit(step.key, body)}
          onClose={() => setStep(null)}
          onDone={() => (setStep(null), message.success(tl(step.name)))}
        />
      ) : null}
    </>
  );
}

function IncentiveDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, tl } = useAppraisalI18n();
  const q = useIncentive(id);
  const { incentiveStep } = useAppraisalActions();
  const x = q.data;
  return (
    <Drawer open size="large" title={x ? `${x.number} · ${x.staffName}` : ''} onClose={onClose} data-testid="incentive-detail">
      {x ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered items={[
            { key: 'k', label: t('col.kind'), children: <Tag color={x.kind === 'reward' ? 'green' : 'red'}>{t(`kind.${x.kind}`)}</Tag> },
            { key: 'r', label: t('col.reason'), children: x.reason },
            { key: 'p', label: t('col.points'), children: x.points ?? '—' },
            { key: 'a', label: t('col.amount'), children: yuan(x.amountFen) },
            { key: 'b', label: t('col.proposer'), children: x.proposedByName },
            { key: 's', label: t('col.state'), children: <Tag>{tl(x.stateName)}</Tag> },
          ]} />
          <div>
            <Typography.Text strong>{t('evidence')}</Typography.Text>
            <Image.PreviewGroup>
              <Flex gap={8} wrap style={{ marginTop: 8 }}>
                {x.files.map((f) => <Image key={f.id} src={attachmentUrl(f.id, true)} preview={{ src: attachmentUrl(f.id) }} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} />)}
              </Flex>
            </Image.PreviewGroup>
          </div>
          <StepsAndHistory item={x} testId="incentive" submit={(action, body) => incentiveStep.mutateAsync({ id: x.id, action, body })} />
        </Space>
      ) : null}
    </Drawer>
  );
}

function IncentivesTab({ communityId, people }: { communityId: string; people: Row[] }) {
  const { t, tl } = useAppraisalI18n();
  const me = useSession();
  const [open, setOpen] = useState<'true' | 'false' | 'all'>('true');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const q = useIncentives({ communityId, open: open === 'all' ? undefined : open, page, pageSize: PAGE_SIZE });
  const mayPropose = me.roles.some((r) => ['company_admin', 'project_manager', 'quality_inspector', 'service_desk', 'dispatcher'].includes(r));
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" gap={8} wrap>
        <Segmented value={open} onChange={(v) => (setOpen(v as typeof open), setPage(1))} options={[{ value: 'true', label: t('filter.open') }, { value: 'false', label: t('filter.decided') }, { value: 'all', label: t('filter.all') }]} />
        {mayPropose ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="incentive-new">
            {t('new.incentive')}
          </Button>
        ) : null}
      </Flex>
      <Table
        rowKey="id"
        size="middle"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => setShown(r.id), style: { cursor: 'pointer' } })}
        data-testid="incentive-table"
        columns={[
          { title: t('col.number'), dataIndex: 'number' },
          { title: t('col.name'), dataIndex: 'staffName' },
          { title: t('col.kind'), dataIndex: 'kind', render: (k: 'reward' | 'penalty') => <Tag color={k === 'reward' ? 'green' : 'red'}>{t(`kind.${k}`)}</Tag> },
          { title: t('col.reason'), dataIndex: 'reason', ellipsis: true },
          { title: t('col.points'), dataIndex: 'points', render: (n: number | null) => n ?? '—' },
          { title: t('col.amount'), dataIndex: 'amountFen', render: yuan },
          { title: t('col.proposer'), dataIndex: 'proposedByName' },
          { title: t('col.state'), key: 'state', render: (_, r) => <Tag color={r.stateType === 'open' ? 'orange' : r.stateType === 'closed' ? 'green' : 'default'}>{tl(r.stateName)}</Tag> },
          { title: t('col.createdAt'), dataIndex: 'createdAt', render: shortTime },
        ]}
      />
      {adding ? <NewIncentive communityId={communityId} people={people} onClose={() => setAdding(false)} /> : null}
      {shown ? <IncentiveDrawer id={shown} onClose={() => setShown(null)} /> : null}
    </Flex>
  );
}

/** Before and after as numbers and a small bar chart. */
function EffectView({ effect }: { effect: Effect }) {
  const { t, tl } = useAppraisalI18n();
  const verdict = effect.improved === null ? t('effect.unknown') : effect.improved ? t('effect.improved') : t('effect.notImproved');
  return (
    <Flex vertical gap={8} data-testid="measure-effect">
      <Typography.Text strong>{tl(effect.metric)}</Typography.Text>
      <Typography.Text type="secondary">{t('effect.periods', { days: effect.periodDays })}</Typography.Text>
      <Flex gap={24} wrap>
        <Statistic title={t('effect.before')} value={effect.before ?? '—'} />
        <Statistic title={t('effect.after')} value={effect.after ?? '—'} />
        <Flex vertical justify="center">
          <Tag color={effect.improved === null ? 'default' : effect.improved ? 'green' : 'red'}>{verdict}</Tag>
          {effect.change !== null ? <Typography.Text type="secondary">{t('effect.change', { change: effect.change > 0 ? `+${effect.change}` : effect.change, percent: effect.changePercent === null ? '' : `（${effect.changePercent > 0 ? '+' : ''}${effect.changePercent}%）` })}</Typography.Text> : null}
        </Flex>
      </Flex>
      <Chart
        height={180}
        label={tl(effect.metric)}
        option={{
          grid: { left: 40, right: 16, top: 16, bottom: 24 },
          tooltip: {},
          xAxis: { type: 'category', data: [t('effect.before'), t('effect.after')] },
          yAxis: { type: 'value' },
          series: [{ type: 'bar', barWidth: 48, data: [{ value: effect.before ?? 0, itemStyle: { color: '#8c8c8c' } }, { value: effect.after ?? 0, itemStyle: { color: effect.improved === false ? '#cf1322' : '#389e0d' } }] }],
        }}
      />
    </Flex>
  );
}

function MeasureDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, tl } = useAppraisalI18n();
  const q = useMeasure(id);
  const { measureStep } = useAppraisalActions();
  const m = q.data;
  return (
    <Drawer open size="large" title={m ? `${m.number} · ${m.title}` : ''} onClose={onClose} data-testid="measure-detail">
      {m ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered items={[
            { key: 's', label: t('col.source'), children: `${t(`source.${m.source}`)}：${tl(m.sourceLabel)}` },
            { key: 'o', label: t('col.owner'), children: m.ownerName },
            { key: 'd', label: t('col.dueOn'), children: <Flex gap={8}>{m.dueOn}{m.due ? <DueTime due={m.due} phase={m.overdue ? 'breached' : null} /> : null}</Flex> },
            { key: 'st', label: t('col.state'), children: <Tag>{tl(m.stateName)}</Tag> },
            ...(m.description ? [{ key: 'x', label: t('form.description'), children: m.description }] : []),
          ]} />
          <Typography.Title level={5} style={{ margin: 0 }}>{t('effect.title')}</Typography.Title>
          <EffectView effect={m.effect} />
          <StepsAndHistory item={m} testId="measure" submit={(action, body) => measureStep.mutateAsync({ id: m.id, action, body })} />
        </Space>
      ) : null}
    </Drawer>
  );
}

function NewMeasure({ communityId, people, onClose }: { communityId: string; people: Row[]; onClose: () => void }) {
  const { t } = useAppraisalI18n();
  const { message } = App.useApp();
  const { raise } = useAppraisalActions();
  const [form] = Form.useForm<{ title: string; source: (typeof MEASURE_SOURCES)[number]; sourceKey: string; ownerStaffId: string; dueOn: Dayjs; description?: string }>();
  const source = Form.useWatch('source', form);
  const submit = () =>
    void form.validateFields().then((v) =>
      raise.mutate(
        { communityId, title: v.title, source: v.source, sourceKey: v.sourceKey.trim(), ownerStaffId: v.ownerStaffId, dueOn: v.dueOn.format('YYYY-MM-DD'), description: v.description || undefined },
        { onSuccess: () => (message.success(t('saved')), onClose()), onError: (e: Error) => void (showFieldErrors(form, e) || message.error(e.message)) },
      ),
    );
  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal open title={t('new.measure')} onCancel={onClose} onOk={submit} okButtonProps={{ loading: raise.isPending, 'data-testid': 'measure-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ source: 'kpi', sourceKey: 'inspection_score', dueOn: dayjs().add(30, 'day') }}>
        <Form.Item name="title" label={t('form.title')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={100} data-testid="measure-title" />
        </Form.Item>
        <Form.Item name="source" label={t('form.source')} rules={required}>
          <Select options={MEASURE_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))} onChange={() => form.setFieldValue('sourceKey', '')} />
        </Form.Item>
        <Form.Item name="sourceKey" label={t('form.sourceKey')} rules={required}>
          {source === 'kpi' ? <Select options={Object.keys(MEASURE_KPIS).map((k) => ({ value: k, label: t(`kpi.${k as keyof typeof MEASURE_KPIS}`) }))} /> : <Input placeholder={source === 'inspection_item' ? 'pedestrian_gate.greets_residents' : 'service_attitude'} />}
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="ownerStaffId" label={t('form.owner')} rules={required} style={{ flex: 1 }}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={people.map((p) => ({ value: p.staffId, label: p.name }))} data-testid="measure-owner" />
          </Form.Item>
          <Form.Item name="dueOn" label={t('form.dueOn')} rules={required} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('form.description')}>
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MeasuresTab({ communityId, people }: { communityId: string; people: Row[] }) {
  const { t, tl } = useAppraisalI18n();
  const me = useSession();
  const [open, setOpen] = useState<'true' | 'false'>('true');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const q = useMeasures({ communityId, open, page, pageSize: PAGE_SIZE });
  const mayRaise = me.roles.some((r) => ['company_admin', 'project_manager', 'quality_inspector'].includes(r));
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" gap={8} wrap>
        <Segmented value={open} onChange={(v) => (setOpen(v as typeof open), setPage(1))} options={[{ value: 'true', label: t('measures.open') }, { value: 'false', label: t('measures.closed') }]} />
        {mayRaise ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="measure-new">
            {t('new.measure')}
          </Button>
        ) : null}
      </Flex>
      <Table
        rowKey="id"
        size="middle"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => setShown(r.id), style: { cursor: 'pointer' } })}
        data-testid="measure-table"
        columns={[
          { title: t('col.number'), dataIndex: 'number' },
          { title: t('col.title'), dataIndex: 'title' },
          { title: t('col.source'), key: 'source', render: (_, m) => `${t(`source.${m.source}`)}：${tl(m.sourceLabel)}` },
          { title: t('col.owner'), dataIndex: 'ownerName' },
          { title: t('col.dueOn'), key: 'due', render: (_, m) => (m.due ? <DueTime due={m.due} phase={m.overdue ? 'breached' : null} /> : m.dueOn) },
          { title: t('col.state'), key: 'state', render: (_, m) => <Flex gap={4}><Tag>{tl(m.stateName)}</Tag>{m.overdue ? <Tag color="red">{t('overdue')}</Tag> : null}</Flex> },
        ]}
      />
      {adding ? <NewMeasure communityId={communityId} people={people} onClose={() => setAdding(false)} /> : null}
      {shown ? <MeasureDrawer id={shown} onClose={() => setShown(null)} /> : null}
    </Flex>
  );
}

function WeightsTab() {
  const { t, locale } = useAppraisalI18n();
  const { message } = App.useApp();
  const q = useWeights();
  const { setWeights } = useAppraisalActions();
  const [editing, setEditing] = useState<string | null>(null);
  const [form] = Form.useForm<{ inspection: number; sla: number; rating: number; complaints: number; complaintDeduction: number }>();
  const save = () =>
    void form.validateFields().then((body) =>
      setWeights.mutate({ position: editing!, body }, { onSuccess: () => (message.success(t('saved')), setEditing(null)), onError: (e: Error) => void (showFieldErrors(form, e) || message.error(e.message)) }),
    );
  const num = (name: 'inspection' | 'sla' | 'rating' | 'complaints' | 'complaintDeduction', label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('form.required') }]} style={{ flex: 1 }}>
      <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('weights.hint')}</Typography.Text>
      <Table
        rowKey="position"
        size="middle"
        loading={q.isPending}
        pagination={false}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: t('col.position'), dataIndex: 'position', render: (p: string, w) => <Flex gap={4}>{positionName(p, locale === 'zh-CN')}{w.isDefault ? <Tag>{t('weights.default')}</Tag> : null}</Flex> },
          { title: t('col.inspection'), dataIndex: 'inspection' },
          { title: t('col.sla'), dataIndex: 'sla' },
          { title: t('col.rating'), dataIndex: 'rating' },
          { title: t('col.complaints'), dataIndex: 'complaints' },
          { title: t('weights.deduction'), dataIndex: 'complaintDeduction' },
          ...(q.data?.canEdit ? [{ key: 'edit', render: (_: unknown, w: { position: string; inspection: number; sla: number; rating: number; complaints: number; complaintDeduction: number }) => <Button size="small" onClick={() => (form.setFieldsValue({ inspection: w.inspection, sla: w.sla, rating: w.rating, complaints: w.complaints, complaintDeduction: w.complaintDeduction }), setEditing(w.position))}>{t('weights.save')}</Button> }] : []),
        ]}
      />
      {editing ? (
        <Modal open title={positionName(editing, locale === 'zh-CN')} onCancel={() => setEditing(null)} onOk={save} okButtonProps={{ loading: setWeights.isPending }} destroyOnHidden={false}>
          <Form form={form} layout="vertical">
            <Flex gap={8}>
              {num('inspection', t('col.inspection'))}
              {num('sla', t('col.sla'))}
              {num('rating', t('col.rating'))}
              {num('complaints', t('col.complaints'))}
            </Flex>
            {num('complaintDeduction', t('weights.deduction'))}
          </Form>
        </Modal>
      ) : null}
    </Flex>
  );
}

/** 考核与改进: the monthly appraisal per staff member with its evidence, rewards and penalties, improvement measures, weights. */
export function AppraisalPage() {
  const { t } = useAppraisalI18n();
  const shell = useI18n();
  const me = useSession();
  useDocumentTitle(shell.t('nav.appraisal'));
  const [communityId, setCommunityId] = useState<string | undefined>(me.communities[0]?.id);
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const m = month.format('YYYY-MM');
  const people = useAppraisalMonth(communityId, m).data?.items ?? [];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Select style={{ minWidth: 180 }} placeholder={t('pickCommunity')} value={communityId} onChange={setCommunityId} aria-label={t('community')} options={me.communities.map((c) => ({ value: c.id, label: c.name }))} data-testid="appraisal-community" />
        <DatePicker picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} aria-label={t('month')} />
      </Flex>
      {communityId ? (
        <Tabs
          items={[
            { key: 'month', label: t('tab.month'), children: <MonthTab communityId={communityId} month={m} /> },
            { key: 'incentives', label: <span data-testid="tab-incentives">{t('tab.incentives')}</span>, children: <IncentivesTab communityId={communityId} people={people} /> },
            { key: 'measures', label: <span data-testid="tab-measures">{t('tab.measures')}</span>, children: <MeasuresTab communityId={communityId} people={people} /> },
            { key: 'weights', label: t('tab.weights'), children: <WeightsTab /> },
          ]}
        />
      ) : (
        <Alert type="info" title={t('pickCommunity')} />
      )}
    </Flex>
  );
}
