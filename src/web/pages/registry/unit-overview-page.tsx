import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Col, Empty, Flex, Result, Row, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EyeOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { UnitOverview } from '../../../common/unit-overview';
import { ApiError, apiRequest } from '../../api/client';
import { useDocumentTitle } from '../../shared/use-document-title';
import { RevealDialog } from './reveal-dialog';
import { StatusTag } from './registry-format';
import { useRegistryI18n } from './use-registry-i18n';

type Order = UnitOverview['workOrders']['open'][number];
type Gate = NonNullable<UnitOverview['gate']>;

const at = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const STATE_COLORS: Record<string, string> = { open: 'blue', in_progress: 'green', waiting: 'orange', completed: 'cyan', closed: 'default', cancelled: 'red' };

/** `GET /api/v1/units/{id}/overview`. */
function useUnitOverview(id: string | undefined) {
  return useQuery({
    queryKey: ['unit-overview', id],
    queryFn: ({ signal }) => apiRequest<UnitOverview>(`/api/v1/units/${id}/overview`, { signal }),
    enabled: !!id,
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
}

function Section({ title, shown, total, children, testId }: { title: string; shown: number; total: number; children: React.ReactNode; testId: string }) {
  const { t } = useRegistryI18n();
  return (
    <Card
      title={title}
      size="small"
      data-testid={testId}
      extra={total > shown ? <Typography.Text type="secondary">{t('u360.shown', { shown })}</Typography.Text> : null}
      styles={{ body: { padding: 0 } }}
    >
      {children}
    </Card>
  );
}

function OrderTable({ orders }: { orders: Order[] }) {
  const { t, locale } = useRegistryI18n();
  const columns: TableColumnsType<Order> = [
    { title: t('u360.col.number'), key: 'n', render: (_, o) => <Link to={`/work-orders/${o.id}`}>{o.number}</Link> },
    { title: t('u360.col.category'), key: 'c', render: (_, o) => o.categoryName?.[locale] ?? o.category },
    {
      title: t('u360.col.state'),
      key: 's',
      render: (_, o) => (
        <Flex gap={4} wrap>
          <Tag color={STATE_COLORS[o.statusType]} style={{ marginInlineEnd: 0 }}>
            {o.statusName[locale]}
          </Tag>
          {o.overdue ? (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('u360.overdue')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    { title: t('u360.col.assignee'), key: 'a', render: (_, o) => o.assignee?.name ?? '—' },
    { title: t('u360.col.createdAt'), key: 't', render: (_, o) => at(o.createdAt) },
  ];
  return <Table<Order> rowKey="id" size="small" columns={columns} dataSource={orders} pagination={false} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('u360.none')} /> }} />;
}

function GateTables({ gate }: { gate: Gate }) {
  const { t, locale } = useRegistryI18n();
  const empty = { emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('u360.none')} /> };
  const state = (s: { type: string; name: Record<string, string> }) => (
    <Tag color={STATE_COLORS[s.type]} style={{ marginInlineEnd: 0 }}>
      {s.name[locale]}
    </Tag>
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Section title={t('u360.passes', { count: gate.passTotal })} shown={gate.passes.length} total={gate.passTotal} testId="u360-passes">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            locale={empty}
            dataSource={gate.passes}
            columns={[
              { title: t('u360.col.visitor'), key: 'v', render: (_, p) => `${p.visitorName}${p.partySize > 1 ? ` ×${p.partySize}` : ''}` },
              { title: t('u360.col.window'), key: 'w', render: (_, p) => `${at(p.validFrom)} – ${dayjs(p.validUntil).format('HH:mm')}` },
              { title: t('u360.col.state'), key: 's', render: (_, p) => state(p.state) },
              { title: t('u360.col.code'), key: 'c', dataIndex: 'code' },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <Section title={t('u360.slips', { count: gate.slipTotal })} shown={gate.slips.length} total={gate.slipTotal} testId="u360-slips">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            locale={empty}
            dataSource={gate.slips}
            columns={[
              { title: t('u360.col.items'), key: 'i', render: (_, s) => s.items.map((i) => `${i.name}×${i.quantity}`).join(t('common.listSeparator')) },
              { title: t('u360.col.carrier'), key: 'c', dataIndex: 'carrierName' },
              { title: t('u360.col.createdAt'), key: 't', render: (_, s) => at(s.createdAt) },
              { title: t('u360.col.state'), key: 's', render: (_, s) => state(s.state) },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24}>
        <Section title={t('u360.decorations', { count: gate.decorations.length })} shown={gate.decorations.length} total={gate.decorations.length} testId="u360-decorations">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            locale={empty}
            dataSource={gate.decorations}
            columns={[
              { title: t('u360.col.company'), key: 'c', dataIndex: 'company' },
              { title: t('u360.col.period'), key: 'p', render: (_, d) => `${d.startsOn} – ${d.endsOn}` },
              { title: t('u360.col.state'), key: 's', render: (_, d) => state(d.state) },
            ]}
          />
        </Section>
      </Col>
    </Row>
  );
}

/**
 * 房屋全貌: everything about one unit on one screen for the desk and the managers — the residents
 * (phones masked, the full number through the audited reveal), open and past work orders, and
 * for gate staff the visitor passes, release slips and decorations. Reached from the building
 * grid's drawer, the unit search and the intake form.
 */
export function UnitOverviewPage() {
  const { id } = useParams();
  const { t, label } = useRegistryI18n();
  const { data, error, isPending } = useUnitOverview(id);
  const [revealing, setRevealing] = useState<string | null>(null);
  useDocumentTitle(data ? t('u360.title', { label: data.unit.label }) : t('u360.open'));

  if (error instanceof ApiError && error.status === 404) return <Result status="404" title={t('u360.notFound')} extra={<Link to="/units">{t('common.back')}</Link>} />;
  if (error) return <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} />;
  if (isPending || !data) return <Skeleton active />;
  const { unit, workOrders, gate } = data;

  return (
    <Flex vertical gap={16} data-testid="unit-overview">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('u360.title', { label: unit.label })}
        </Typography.Title>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('u360.subtitle', { community: unit.community.name, use: label('use', unit.use) })}</Typography.Text>
          <StatusTag status={unit.status} />
        </Flex>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card title={t('u360.residents', { count: unit.residents.length })} size="small" data-testid="u360-residents">
            {unit.residents.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('unit.noResidents')} /> : null}
            <Flex vertical gap={10}>
              {unit.residents.map((r) => (
                <Flex key={r.id} justify="space-between" align="center" gap={8} wrap>
                  <Flex align="center" gap={8}>
                    <UserOutlined />
                    <Link to={`/residents/${r.id}`}>{r.name}</Link>
                    <Tag color={r.relation === 'owner' ? 'blue' : r.relation === 'tenant' ? 'purple' : 'default'} style={{ marginInlineEnd: 0 }}>
                      {label('relation', r.relation)}
                    </Tag>
                  </Flex>
                  <Flex align="center" gap={4}>
                    <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>{r.phone}</Typography.Text>
                    <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setRevealing(r.id)} aria-label={t('u360.reveal')} />
                  </Flex>
                </Flex>
              ))}
            </Flex>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              {t('unit.maskedHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Section title={t('u360.openOrders', { count: workOrders.openTotal })} shown={workOrders.open.length} total={workOrders.openTotal} testId="u360-open-orders">
              <OrderTable orders={workOrders.open} />
            </Section>
            <Section title={t('u360.pastOrders', { count: workOrders.pastTotal })} shown={workOrders.past.length} total={workOrders.pastTotal} testId="u360-past-orders">
              <OrderTable orders={workOrders.past} />
            </Section>
          </Flex>
        </Col>
      </Row>
      {gate ? <GateTables gate={gate} /> : null}
      <RevealDialog residentId={revealing ?? ''} field={revealing ? 'phone' : null} onClose={() => setRevealing(null)} />
    </Flex>
  );
}
