import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Col, Flex, Row, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { RELATION_VALUES } from '../../../common/registry';
import { useBuildings, useCommunities, useResidents, type Resident } from '../../api/registry';
import { useMediaQuery } from '../../components/use-media-query';
import { useListParams } from './list-params';
import { ListTable } from './list-table';
import { ExportButton, PageHeading } from './registry-format';
import { SearchInput } from './search-input';
import { useRegistryI18n } from './use-registry-i18n';

const FILTERS = ['q', 'communityId', 'buildingId', 'relation', 'archived'] as const;

function UnitTags({ resident }: { resident: Resident }) {
  const { label } = useRegistryI18n();
  const current = resident.units.filter((b) => !b.moveOutOn);
  return (
    <Flex gap={4} wrap>
      {current.map((b) => (
        <Tag key={b.id} style={{ marginInlineEnd: 0 }}>
          {b.unit.label} · {label('relation', b.relation)}
        </Tag>
      ))}
    </Flex>
  );
}

/** 住户 list: search by name, phone or unit number; filters by community, building, relation and archive state. */
export function ResidentsListPage() {
  const { t, label } = useRegistryI18n();
  const navigate = useNavigate();
  const isPhone = useMediaQuery('(max-width: 575px)');
  const { filters, page, pageSize, setFilter, setFilters, setPage } = useListParams(FILTERS);
  const communities = useCommunities();
  const buildings = useBuildings(filters.communityId);
  const query = { ...filters, page, pageSize };
  const { data, error, isFetching } = useResidents(query);
  const exportQuery = { ...filters };

  const columns = useMemo<TableColumnsType<Resident>>(() => {
    const name = (r: Resident) => (
      <Space size={6}>
        <Link to={`/residents/${r.id}`} data-testid="resident-link">
          {r.name}
        </Link>
        {r.archivedAt ? <Tag>{t('common.archived')}</Tag> : null}
      </Space>
    );
    if (isPhone) {
      return [
        {
          title: t('resident.name'),
          key: 'all',
          render: (_, r) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8}>
                {name(r)}
                <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>{r.phone}</Typography.Text>
              </Flex>
              <UnitTags resident={r} />
            </Flex>
          ),
        },
      ];
    }
    return [
      { title: t('resident.name'), key: 'name', width: 160, render: (_, r) => name(r) },
      { title: t('resident.phone'), dataIndex: 'phone', width: 140, render: (phone: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{phone}</span> },
      { title: t('resident.units'), key: 'units', render: (_, r) => <UnitTags resident={r} /> },
      {
        title: t('resident.plates'),
        key: 'plates',
        width: 180,
        render: (_, r) => (r.plates.length ? r.plates.join(t('common.listSeparator')) : <Typography.Text type="secondary">—</Typography.Text>),
      },
    ];
  }, [t, isPhone]);

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('residents.title')}
        description={t('residents.description')}
        extra={
          <>
            {data?.allowedActions.includes('export') ? <ExportButton resource="residents" query={exportQuery} /> : null}
            {data?.allowedActions.includes('create') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/residents/new')}>
                {t('residents.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={8}>
            <SearchInput
              value={filters.q}
              onSearch={(q) => setFilter('q', q)}
              placeholder={t('residents.searchPlaceholder')}
              label={t('residents.search')}
              testId="residents-search"
            />
          </Col>
          <Col xs={12} lg={4}>
            <Select
              allowClear
              value={filters.communityId}
              placeholder={t('filter.anyCommunity')}
              aria-label={t('units.community')}
              style={{ width: '100%' }}
              onChange={(value?: string) => setFilters({ communityId: value, buildingId: null })}
              options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Col>
          <Col xs={12} lg={4}>
            <Select
              allowClear
              disabled={!filters.communityId}
              value={filters.buildingId}
              placeholder={t('filter.anyBuilding')}
              aria-label={t('units.building')}
              style={{ width: '100%' }}
              onChange={(value?: string) => setFilter('buildingId', value)}
              options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            />
          </Col>
          <Col xs={12} lg={4}>
            <Select
              allowClear
              value={filters.relation}
              placeholder={t('filter.anyRelation')}
              aria-label={t('resident.relation')}
              style={{ width: '100%' }}
              onChange={(value?: string) => setFilter('relation', value)}
              options={RELATION_VALUES.map((r) => ({ value: r, label: label('relation', r) }))}
            />
          </Col>
          <Col xs={12} lg={4}>
            <Select
              value={filters.archived ?? 'active'}
              aria-label={t('filter.archived')}
              style={{ width: '100%' }}
              onChange={(value: string) => setFilter('archived', value === 'active' ? undefined : value)}
              options={[
                { value: 'active', label: t('filter.active') },
                { value: 'archived', label: t('filter.archivedOnly') },
                { value: 'all', label: t('filter.all') },
              ]}
            />
          </Col>
        </Row>
      </Card>
      {error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} /> : null}
      <ListTable<Resident>
        columns={columns}
        data={data}
        loading={isFetching}
        page={page}
        pageSize={pageSize}
        onPage={setPage}
        scrollX={isPhone ? undefined : 800}
      />
    </Flex>
  );
}
