import { useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Empty, Flex, Form, Input, Radio, Space, Tag, Timeline } from 'antd';
import type { TableColumnsType } from 'antd';
import { EyeOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { phoneSchema } from '../../../common/registry';
import { ApiError } from '../../api/client';
import { useAddWorker, useCreateDecoration, useDecoration, useDecorations, type Decoration } from '../../api/gate';
import { useSession } from '../../components/session';
import { ListTable } from '../registry/list-table';
import { UnitPicker } from '../registry/unit-picker';
import { zodRule } from '../../shared/zod-rule';
import { PhotoUpload } from '../work-orders/photo-upload';
import { GateSteps } from './gate-steps';
import { useGateI18n } from './use-gate-i18n';

/** Puts the API's per-field messages on the form and returns the overall message. */
function showErrors(form: ReturnType<typeof Form.useForm>[0], e: unknown, rename: Record<string, string> = {}): string {
  if (!(e instanceof ApiError)) return String(e);
  form.setFields(Object.entries(e.fields).map(([name, errors]) => ({ name: rename[name] ?? name, errors: [errors] })) as never);
  return e.message;
}

function DecorationForm({ onDone }: { onDone: () => void }) {
  const { t } = useGateI18n();
  const [form] = Form.useForm();
  const create = useCreateDecoration();
  const [error, setError] = useState<string | null>(null);
  const required = [{ required: true, message: t('field.required') }];
  const submit = async (v: { unitId: string; company: string; responsibleName: string; responsiblePhone: string; period: [Dayjs, Dayjs]; note?: string }) => {
    setError(null);
    try {
      await create.mutateAsync({ unitId: v.unitId, company: v.company, responsibleName: v.responsibleName, responsiblePhone: v.responsiblePhone, startsOn: v.period[0].format('YYYY-MM-DD'), endsOn: v.period[1].format('YYYY-MM-DD'), note: v.note || undefined });
      onDone();
    } catch (e) {
      setError(showErrors(form, e, { startsOn: 'period', endsOn: 'period' }));
    }
  };
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
      <Form.Item name="unitId" label={t('slip.unit')} rules={required}>
        <UnitPicker />
      </Form.Item>
      <Form.Item name="company" label={t('deco.company')} rules={required}>
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="responsibleName" label={t('deco.responsible')} rules={required}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="responsiblePhone" label={t('deco.responsiblePhone')} rules={[...required, zodRule(phoneSchema, t('field.phone'))]}>
        <Input inputMode="tel" maxLength={11} />
      </Form.Item>
      <Form.Item name="period" label={t('deco.period')} rules={required}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('deco.note')}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
      </Form.Item>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" htmlType="submit" block size="large" loading={create.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

function WorkerForm({ decoration, desk, onDone }: { decoration: Decoration; desk: boolean; onDone: () => void }) {
  const { t } = useGateI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const add = useAddWorker();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) as 'fixed' | 'temporary' | undefined;
  const required = [{ required: true, message: t('field.required') }];
  const submit = async (v: { name: string; phone?: string; kind: 'fixed' | 'temporary'; certificateNumber?: string; photos?: string[]; verification?: string }) => {
    setError(null);
    try {
      const pass = await add.mutateAsync({
        id: decoration.id,
        body: { name: v.name, phone: v.phone || undefined, kind: v.kind, certificateNumber: v.certificateNumber, certificatePhotoId: v.photos?.[0], verification: v.verification },
      });
      void message.success(t('deco.passIssued', { code: pass.code }));
      onDone();
    } catch (e) {
      setError(showErrors(form, e, { certificatePhotoId: 'photos' }));
    }
  };
  return (
    <Form form={form} layout="vertical" requiredMark={false} initialValues={{ kind: desk ? 'fixed' : 'temporary' }} onFinish={(v) => void submit(v)}>
      <Form.Item name="name" label={t('deco.workerName')} rules={required}>
        <Input maxLength={40} size="large" />
      </Form.Item>
      <Form.Item name="phone" label={t('deco.workerPhone')} rules={[zodRule(phoneSchema, t('field.phone'))]}>
        <Input inputMode="tel" maxLength={11} size="large" />
      </Form.Item>
      <Form.Item name="kind" label={t('deco.kind')}>
        <Radio.Group
          options={[
            ...(desk ? [{ value: 'fixed', label: t('deco.kind.fixed') }] : []),
            { value: 'temporary', label: t('deco.kind.temporary') },
          ]}
        />
      </Form.Item>
      {kind === 'fixed' ? (
        <>
          <Form.Item name="certificateNumber" label={t('deco.certificateNumber')} rules={required}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="photos" label={t('deco.certificatePhoto')} rules={required}>
            <PhotoUpload />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="verification" label={t('deco.verification')} rules={required}>
          <Input maxLength={100} placeholder={t('deco.verificationHint')} />
        </Form.Item>
      )}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" htmlType="submit" block size="large" loading={add.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

const STATE_COLORS: Record<string, string> = { open: 'blue', in_progress: 'green', waiting: 'gold', completed: 'cyan', closed: 'default', cancelled: 'red' };

/** A value of the timeline in words: yes/no, lists by count, checklists by their results. */
function valueText(v: unknown, t: ReturnType<typeof useGateI18n>['t']): string {
  if (v === true) return t('deco.yes');
  if (v === false) return t('deco.no');
  if (Array.isArray(v)) return t('deco.count', { n: v.length });
  if (v && typeof v === 'object') {
    const answers = Object.values(v as Record<string, { result?: unknown }>);
    const failed = answers.filter((a) => a?.result === 'fail').length;
    return t('deco.checked', { n: answers.length, failed });
  }
  return String(v);
}

/**
 * One registration: its state under its pinned `decoration` standard, its steps (buttons from
 * `actions`, records in the shared step form) and its timeline, each entry with who took which
 * step and the values given, labelled by the records of the standard's steps.
 */
function DecorationView({ id }: { id: string }) {
  const { t, tl, dt } = useGateI18n();
  const { data: d } = useDecoration(id);
  if (!d) return null;
  return (
    <Flex vertical gap={16} data-testid="decoration-view">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <strong style={{ fontSize: 16 }}>
          {d.unitLabel} · {d.company}
        </strong>
        <Tag color={STATE_COLORS[d.state.type]} data-testid="decoration-state">
          {tl(d.state.name)}
        </Tag>
      </Flex>
      <Descriptions size="small" column={1} colon={false}>
        <Descriptions.Item label={t('deco.responsible')}>
          {d.responsibleName} · {d.responsiblePhone}
        </Descriptions.Item>
        <Descriptions.Item label={t('deco.period')}>
          {d.startsOn} – {d.endsOn}
        </Descriptions.Item>
        <Descriptions.Item label={t('deco.workers')}>{d.workers.map((w) => `${w.name}（${t(`deco.kind.${w.kind}`)}）`).join('、') || '—'}</Descriptions.Item>
        {d.note ? <Descriptions.Item label={t('deco.note')}>{d.note}</Descriptions.Item> : null}
      </Descriptions>
      <GateSteps kind="decorations" item={d} subject={`${d.unitLabel} ${d.company}`} size="middle" />
      <div>
        <h4 style={{ margin: '0 0 12px' }}>{t('deco.timeline')}</h4>
        {d.events?.length ? (
          <Timeline
            data-testid="decoration-timeline"
            items={d.events.map((e) => {
              const values = Object.entries(e.data).filter(([k]) => k in e.labels);
              return {
                key: e.id,
                color: e.automatic ? 'gray' : 'blue',
                content: (
                  <div>
                    <div>
                      <strong>
                        {e.action === 'created'
                          ? t('deco.created')
                          : e.actionName
                            ? tl(e.actionName)
                            : // The module's own entry (not a step of the standard): a worker registered under it.
                              e.action === 'add_worker'
                              ? `${t('deco.addWorker')}：${String(e.data.name ?? '')}`
                              : e.action}
                      </strong>
                      {e.toStateName ? ` → ${tl(e.toStateName)}` : ''}
                    </div>
                    <div style={{ color: '#888', fontSize: 12 }}>
                      {dt(e.at)} · {e.by?.name ?? t('deco.system')}
                    </div>
                    {values.map(([k, v]) => (
                      <div key={k} style={{ fontSize: 13 }}>
                        {tl(e.labels[k])}：{valueText(v, t)}
                      </div>
                    ))}
                  </div>
                ),
              };
            })}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </div>
    </Flex>
  );
}

/** Decoration registrations: the desk registers them and their fixed workers; the guard adds temporary workers. */
export function DecorationsTab() {
  const { t, tl } = useGateI18n();
  const me = useSession();
  const desk = me.roles.some((r) => r === 'service_desk' || r === 'project_manager' || r === 'company_admin');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useDecorations({ ...paging, current: 'true' });
  const [drawer, setDrawer] = useState<{ kind: 'new' } | { kind: 'worker'; decoration: Decoration } | { kind: 'view'; decoration: Decoration } | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const columns: TableColumnsType<Decoration> = [
    { title: t('slip.unit'), key: 'u', render: (_, d) => d.unitLabel },
    { title: t('deco.company'), key: 'c', render: (_, d) => `${d.company} · ${d.responsibleName}` },
    { title: t('deco.period'), key: 'p', render: (_, d) => `${d.startsOn} – ${d.endsOn}` },
    { title: t('deco.workers'), key: 'w', render: (_, d) => d.workers.map((w) => w.name).join('、') || '—' },
    {
      title: t('logs.state'),
      key: 's',
      render: (_, d) => (
        <Space size={4} wrap>
          <Tag color={STATE_COLORS[d.state.type]}>{tl(d.state.name)}</Tag>
          {d.active ? null : d.startsOn > today ? <Tag>{t('deco.notStarted')}</Tag> : d.endsOn < today ? <Tag>{t('deco.over')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: '',
      key: 'a',
      render: (_, d) => (
        <Space size={4} wrap>
          <Button size="small" icon={<EyeOutlined />} onClick={() => setDrawer({ kind: 'view', decoration: d })} data-testid={`decoration-open-${d.id}`}>
            {t('deco.view')}
          </Button>
          {['open', 'in_progress'].includes(d.state.type) ? (
            <Button size="small" icon={<UserAddOutlined />} onClick={() => setDrawer({ kind: 'worker', decoration: d })}>
              {t('deco.addWorker')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {desk ? (
        <Button icon={<PlusOutlined />} onClick={() => setDrawer({ kind: 'new' })}>
          {t('deco.new')}
        </Button>
      ) : null}
      <ListTable columns={columns} data={data} loading={isFetching} page={paging.page} pageSize={paging.pageSize} onPage={(page, pageSize) => setPaging({ page, pageSize })} scrollX={900} />
      <Drawer
        open={drawer !== null}
        onClose={() => setDrawer(null)}
        size={drawer?.kind === 'view' ? 560 : undefined}
        title={drawer?.kind === 'worker' ? `${t('deco.addWorker')} · ${drawer.decoration.unitLabel}` : drawer?.kind === 'view' ? t('deco.detail') : t('deco.new')}
        destroyOnHidden
      >
        {drawer?.kind === 'view' ? <DecorationView id={drawer.decoration.id} /> : null}
        {drawer?.kind === 'new' ? <DecorationForm onDone={() => setDrawer(null)} /> : null}
        {drawer?.kind === 'worker' ? <WorkerForm decoration={drawer.decoration} desk={desk} onDone={() => setDrawer(null)} /> : null}
      </Drawer>
    </Space>
  );
}
