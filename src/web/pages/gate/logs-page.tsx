import { useState } from 'react';
import { Button, DatePicker, Drawer, Flex, Input, Select, Space, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { Dayjs } from 'dayjs';
import { PASS_ORIGINS } from '../../../common/gate';
import { usePasses, useSlips, type GatePass, type GoodsSlip } from '../../api/gate';
import { useSession } from '../../components/session';
import { DownloadButton } from '../../components/download-button';
import { ListTable } from '../registry/list-table';
import { useDebounced } from '../../shared/use-debounced';
import { useDocumentTitle } from '../../shared/use-document-title';
import { DecorationsTab } from './decorations-tab';
import { PassForm } from './pass-form';
import { SlipForm } from './slip-form';
import { useGateI18n } from './use-gate-i18n';

const STATE_TYPES = ['open', 'in_progress', 'closed', 'cancelled'] as const;
const COLORS: Record<string, string> = { open: 'blue', in_progress: 'green', closed: 'default', cancelled: 'red' };

/** Exports are for the gate staff and the desk (residents see their own passes here too). */
const useGateStaff = () => useSession().roles.some((r) => r === 'guard' || r === 'service_desk' || r === 'project_manager' || r === 'company_admin');

function PassLog() {
  const { t, tl, dt } = useGateI18n();
  const staff = useGateStaff();
  const [q, setQ] = useState('');
  const [stateType, setStateType] = useState<string>();
  const [origin, setOrigin] = useState<string>();
  const [date, setDate] = useState<Dayjs | null>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const search = useDebounced(q, 300);
  const { data, isFetching } = usePasses({ ...paging, q: search || undefined, stateType: stateType as 'open', origin: origin as 'walk_in', date: date?.format('YYYY-MM-DD') });
  const columns: TableColumnsType<GatePass> = [
    { title: t('logs.visitor'), key: 'v', render: (_, p) => `${p.visitorName}${p.partySize > 1 ? ` ×${p.partySize}` : ''}` },
    { title: t('pass.host'), key: 'u', render: (_, p) => `${p.communityName} ${p.unitLabel}` },
    { title: t('logs.origin'), key: 'o', render: (_, p) => t(`origin.${p.origin}`) },
    { title: t('pass.window'), key: 'w', render: (_, p) => `${dt(p.validFrom)} – ${dt(p.validUntil)}` },
    { title: t('logs.enteredAt'), key: 'e', render: (_, p) => dt(p.enteredAt) },
    { title: t('logs.exitedAt'), key: 'x', render: (_, p) => dt(p.exitedAt) },
    { title: t('logs.state'), key: 's', render: (_, p) => <Tag color={COLORS[p.state.type]}>{tl(p.state.name)}</Tag> },
    { title: t('pass.code'), key: 'c', render: (_, p) => (p.allowedActions.includes('share') ? <Link to={`/gate/passes/${p.id}/print`}>{p.code}</Link> : p.code) },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Flex gap={8} wrap>
        <Input.Search allowClear placeholder={t('logs.search')} value={q} onChange={(e) => { setQ(e.target.value); setPaging((p) => ({ ...p, page: 1 })); }} style={{ maxWidth: 360 }} />
        <Select allowClear placeholder={t('logs.allStates')} value={stateType} onChange={(v) => { setStateType(v); setPaging((p) => ({ ...p, page: 1 })); }} style={{ width: 150 }} options={STATE_TYPES.map((s) => ({ value: s, label: t(`state.${s}`) }))} />
        <Select allowClear placeholder={t('logs.allOrigins')} value={origin} onChange={(v) => { setOrigin(v); setPaging((p) => ({ ...p, page: 1 })); }} style={{ width: 150 }} options={PASS_ORIGINS.map((o) => ({ value: o, label: t(`origin.${o}`) }))} />
        <DatePicker value={date} onChange={(d) => { setDate(d); setPaging((p) => ({ ...p, page: 1 })); }} placeholder={t('logs.date')} />
        {staff ? <DownloadButton path="/api/v1/gate/passes/export" query={{ q: search || undefined, stateType, origin, date: date?.format('YYYY-MM-DD') }} fileName="visitor-log.xlsx" testId="export-passes" /> : null}
      </Flex>
      <ListTable columns={columns} data={data} loading={isFetching} page={paging.page} pageSize={paging.pageSize} onPage={(page, pageSize) => setPaging({ page, pageSize })} scrollX={960} />
    </Space>
  );
}

function SlipLog() {
  const { t, tl, dt } = useGateI18n();
  const staff = useGateStaff();
  const [q, setQ] = useState('');
  const [stateType, setStateType] = useState<string>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const search = useDebounced(q, 300);
  const { data, isFetching } = useSlips({ ...paging, q: search || undefined, stateType: stateType as 'open' });
  const columns: TableColumnsType<GoodsSlip> = [
    { title: t('slip.unit'), key: 'u', render: (_, s) => `${s.communityName} ${s.unitLabel}` },
    { title: t('slip.items'), key: 'i', render: (_, s) => s.items.map((i) => `${i.name}×${i.quantity}`).join('、') },
    { title: t('slip.carrier'), key: 'c', render: (_, s) => s.carrierName },
    { title: t('logs.createdAt'), key: 'a', render: (_, s) => `${dt(s.createdAt)} · ${s.issuedBy.name}` },
    { title: t('logs.releasedAt'), key: 'r', render: (_, s) => (s.release ? `${dt(s.release.at)} · ${s.release.by.name}` : '—') },
    { title: t('logs.state'), key: 's', render: (_, s) => <Tag color={COLORS[s.state.type]}>{tl(s.state.name)}</Tag> },
    { title: t('slip.code'), key: 'k', render: (_, s) => (s.allowedActions.includes('share') ? <Link to={`/gate/slips/${s.id}/print`}>{s.code}</Link> : s.code) },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Flex gap={8} wrap>
        <Input.Search allowClear placeholder={t('logs.searchSlips')} value={q} onChange={(e) => { setQ(e.target.value); setPaging((p) => ({ ...p, page: 1 })); }} style={{ maxWidth: 360 }} />
        <Select allowClear placeholder={t('logs.allStates')} value={stateType} onChange={(v) => { setStateType(v); setPaging((p) => ({ ...p, page: 1 })); }} style={{ width: 150 }} options={STATE_TYPES.filter((s) => s !== 'in_progress').map((s) => ({ value: s, label: t(`state.${s}`) }))} />
        {staff ? <DownloadButton path="/api/v1/gate/slips/export" query={{ q: search || undefined, stateType }} fileName="goods-release-log.xlsx" testId="export-slips" /> : null}
      </Flex>
      <ListTable columns={columns} data={data} loading={isFetching} page={paging.page} pageSize={paging.pageSize} onPage={(page, pageSize) => setPaging({ page, pageSize })} scrollX={900} />
    </Space>
  );
}

/** 出入记录: the visitor log and the goods-release log, with the desk's registrations on behalf. */
export function LogsPage() {
  const { t } = useGateI18n();
  const me = useSession();
  useDocumentTitle(t('logs.title'));
  const [drawer, setDrawer] = useState<'pass' | 'slip' | null>(null);
  const desk = me.roles.some((r) => r === 'service_desk' || r === 'project_manager');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('logs.title')}
        </Typography.Title>
        {desk ? (
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={() => setDrawer('pass')}>
              {t('logs.newPass')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setDrawer('slip')}>
              {t('logs.newSlip')}
            </Button>
          </Space>
        ) : null}
      </Flex>
      <Tabs
        items={[
          { key: 'passes', label: t('logs.passes'), children: <PassLog /> },
          { key: 'slips', label: t('logs.slips'), children: <SlipLog /> },
          { key: 'decorations', label: t('deco.tab'), children: <DecorationsTab /> },
        ]}
      />
      <Drawer open={drawer !== null} onClose={() => setDrawer(null)} title={drawer === 'slip' ? t('logs.newSlip') : t('logs.newPass')} destroyOnHidden>
        {drawer === 'pass' ? <PassForm mode="desk" onDone={() => setDrawer(null)} /> : null}
        {drawer === 'slip' ? <SlipForm onDone={() => setDrawer(null)} /> : null}
      </Drawer>
    </Space>
  );
}
