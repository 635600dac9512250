import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Card, Empty, Flex, Pagination, Segmented, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useDrills, useEmergencyPlans, useIncidents } from '../../api/security';
import { useSession } from '../../components/session';
import type { SecurityMessageKey } from '../patrol/security-messages';
import { useSecurityI18n } from '../patrol/use-security-i18n';
import { useDocumentTitle } from '../../shared/use-document-title';
import { IncidentDetail } from './incident-detail';
import { NewDrill, NewIncident } from './incident-forms';

const PAGE_SIZE = 20;

/** A plain list: a spinner while loading, the empty state, or the rendered items. */
function Rows<T>({ loading, items, empty, render, ...rest }: { loading: boolean; items: T[]; empty: ReactNode; render: (item: T) => ReactNode; 'data-testid'?: string }) {
  if (loading) return <Spin style={{ display: 'block', padding: 24 }} />;
  return <div data-testid={rest['data-testid']}>{items.length ? items.map(render) : empty}</div>;
}

function IncidentLog({ communityId }: { communityId: string | undefined }) {
  const { t, dateTime } = useSecurityI18n();
  const [status, setStatus] = useState<'all' | 'open' | 'closed'>('all');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const { data, isPending, error } = useIncidents({ status: status === 'all' ? undefined : status, page, pageSize: PAGE_SIZE });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" gap={8} wrap>
        <Segmented
          value={status}
          onChange={(v) => (setStatus(v as typeof status), setPage(1))}
          options={[
            { value: 'all', label: t('incident.filter.all') },
            { value: 'open', label: t('incident.status.open') },
            { value: 'closed', label: t('incident.status.closed') },
          ]}
        />
        {communityId ? (
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="incident-new">
            {t('incident.new')}
          </Button>
        ) : null}
      </Flex>
      {error ? <Alert type="error" title={t('common.loadFailed', { message: error.message })} /> : null}
      <Rows
        loading={isPending}
        items={data?.items ?? []}
        empty={<Empty description={t('incident.empty')} />}
        data-testid="incident-list"
        render={(i) => (
          <Card key={i.id} hoverable size="small" style={{ marginBottom: 8 }} onClick={() => setOpen(i.id)} data-testid="incident-item">
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {t(`type.${i.type}` as SecurityMessageKey)}
                </Typography.Text>
                <Tag color={i.status === 'open' ? 'processing' : 'default'}>{t(`incident.status.${i.status}`)}</Tag>
              </Flex>
              <Typography.Text>
                <EnvironmentOutlined /> {i.place} · {dateTime(i.occurredAt)}
              </Typography.Text>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }} type="secondary">
                {i.description}
              </Typography.Paragraph>
            </Flex>
          </Card>
        )}
      />
      {(data?.total ?? 0) > PAGE_SIZE ? <Pagination current={page} pageSize={PAGE_SIZE} total={data?.total} onChange={setPage} showSizeChanger={false} /> : null}
      {open ? <IncidentDetail id={open} onClose={() => setOpen(null)} /> : null}
      {creating && communityId ? <NewIncident communityId={communityId} onClose={() => setCreating(false)} onCreated={(id) => (setCreating(false), setOpen(id))} /> : null}
    </Flex>
  );
}

function Plans() {
  const { t } = useSecurityI18n();
  const { data, isPending, error } = useEmergencyPlans();
  if (error) return <Alert type="error" title={t('common.loadFailed', { message: error.message })} />;
  return (
    <Rows
      loading={isPending}
      items={data?.items ?? []}
      empty={<Empty description={t('plan.empty')} />}
      render={(p) => (
        <Card key={p.id} size="small" style={{ marginBottom: 8 }} title={p.title} extra={<Tag>{t(`type.${p.type}` as SecurityMessageKey)}</Tag>} data-testid="plan-item">
          <ol style={{ paddingInlineStart: 20, margin: 0 }}>
            {p.steps.map((s, i) => (
              <li key={i} style={{ padding: '2px 0' }}>
                {s}
              </li>
            ))}
          </ol>
          <Typography.Text type="secondary">{p.lastDrillOn ? t('plan.lastDrill', { date: p.lastDrillOn }) : t('plan.noDrill')}</Typography.Text>
        </Card>
      )}
    />
  );
}

function Drills({ canRecord }: { canRecord: boolean }) {
  const { t } = useSecurityI18n();
  const { data, isPending, error } = useDrills();
  const plans = useEmergencyPlans();
  const [creating, setCreating] = useState(false);
  return (
    <Flex vertical gap={12}>
      {canRecord && plans.data?.items.length ? (
        <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ alignSelf: 'flex-end' }}>
          {t('drill.new')}
        </Button>
      ) : null}
      {error ? <Alert type="error" title={t('common.loadFailed', { message: error.message })} /> : null}
      <Rows
        loading={isPending}
        items={data?.items ?? []}
        empty={<Empty description={t('drill.empty')} />}
        render={(d) => (
          <Card key={d.id} size="small" style={{ marginBottom: 8 }} title={`${d.heldOn} ${d.planTitle}`}>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{t('drill.participants')}：{d.participants}</Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{t('drill.findings')}：{d.findings}</Typography.Paragraph>
            <Typography.Text type="secondary">{t('drill.by', { name: d.recordedByName })}</Typography.Text>
          </Card>
        )}
      />
      {creating ? <NewDrill plans={plans.data?.items ?? []} onClose={() => setCreating(false)} /> : null}
    </Flex>
  );
}

/** 事件与应急: the incident log with each incident's plan steps, the emergency plans and the drills. */
export function IncidentsPage() {
  const { t } = useSecurityI18n();
  useDocumentTitle(t('incident.title'));
  const me = useSession();
  const communityId = me.communities[0]?.id;
  const canPlan = me.roles.some((r) => r === 'project_manager' || r === 'company_admin');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 760 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('incident.title')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'log', label: t('incident.tab.log'), children: <IncidentLog communityId={communityId} /> },
          { key: 'plans', label: t('incident.tab.plans'), children: <Plans /> },
          { key: 'drills', label: t('incident.tab.drills'), children: <Drills canRecord={canPlan} /> },
        ]}
      />
    </Space>
  );
}
