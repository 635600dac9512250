import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Badge, Button, Card, Col, Flex, Row, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { POSITION_VALUES, SKILL_VALUES } from '../../../common/registry';
import { useCommunities, useStaffList, type StaffMember } from '../../api/registry';
import { useMediaQuery } from '../../components/use-media-query';
import { useListParams } from './list-params';
import { ListTable } from './list-table';
import { ExportButton, PageHeading, TrainingTag } from './registry-format';
import { SearchInput } from './search-input';
import { useRegistryI18n } from './use-registry-i18n';

const FILTERS = ['q', 'communityId', 'position', 'skill', 'onDuty', 'cleared', 'archived'] as const;

/** 员工 list: position, skills, communities, on duty and whether each person may work alone yet. */
export function StaffListPage() {
  const { t, label } = useRegistryI18n();
  const navigate = useNavigate();
  const isPhone = useMediaQuery('(max-width: 575px)');
  const { filters, page, pageSize, setFilter, setPage } = useListParams(FILTERS);
  const communities = useCommunities();
  const { data, error, isFetching } = useStaffList({ ...filters, page, pageSize });

  const columns = useMemo<TableColumnsType<StaffMember>>(() => {
    const name = (s: StaffMember) => (
      <Flex gap={6} align="center">
        <Link to={`/staff/${s.id}`} data-testid="staff-link">
          {s.name}
        </Link>
        {s.archivedAt ? <Tag>{t('common.archived')}</Tag> : null}
      </Flex>
    );
    const duty = (s: StaffMember) => <Badge status={s.onDuty ? 'success' : 'default'} text={s.onDuty ? t('staff.onDuty') : t('staff.offDuty')} />;
    if (isPhone) {
      return [
        {
          title: t('staff.name'),
          key: 'all',
          render: (_, s) => (
            <Flex vertical gap={4} data-testid="staff-row" data-name={s.name}>
              <Flex justify="space-between" gap={8}>
                {name(s)}
                <Typography.Text type="secondary">{label('position', s.position)}</Typography.Text>
              </Flex>
              <Flex gap={8} wrap align="center">
                <TrainingTag staff={s} />
                {duty(s)}
              </Flex>
            </Flex>
          ),
        },
      ];
    }
    return [
      { title: t('staff.name'), key: 'name', width: 140, render: (_, s) => <span data-testid="staff-row" data-name={s.name}>{name(s)}</span> },
      { title: t('staff.phone'), dataIndex: 'phone', width: 130 },
      { title: t('staff.position'), key: 'position', width: 120, render: (_, s) => label('position', s.position) },
      {
        title: t('staff.skills'),
        key: 'skills',
        render: (_, s) =>
          s.skills.length ? (
            <Flex gap={4} wrap>
              {s.skills.map((k) => (
                <Tag key={k} style={{ marginInlineEnd: 0 }}>
                  {label('skill', k)}
                </Tag>
              ))}
            </Flex>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          ),
      },
      { title: t('staff.communities'), key: 'communities', width: 160, render: (_, s) => s.communities.map((c) => c.name).join(t('common.listSeparator')) || '—' },
      { title: t('staff.duty'), key: 'duty', width: 100, render: (_, s) => duty(s) },
      { title: t('staff.hireDate'), dataIndex: 'hireDate', width: 120, render: (v: string | null) => v ?? '—' },
      { title: t('staff.training'), key: 'training', width: 170, render: (_, s) => <TrainingTag staff={s} /> },
    ];
  }, [t, label, isPhone]);

  const select = (name: (typeof FILTERS)[number], placeholder: string, options: { value: string; label: string }[]) => (
    <Select
      allowClear
      value={filters[name]}
      placeholder={placeholder}
      aria-label={placeholder}
      style={{ width: '100%' }}
      onChange={(value?: string) => setFilter(name, value)}
      options={options}
    />
  );

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('staff.title')}
        description={t('staff.description')}
        extra={
          <>
            {data?.allowedActions.includes('export') ? <ExportButton resource="staff" query={{ ...filters }} /> : null}
            {data?.allowedActions.includes('create') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/staff/new')}>
                {t('staff.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={6}>
            <SearchInput value={filters.q} onSearch={(q) => setFilter('q', q)} placeholder={t('staff.searchPlaceholder')} label={t('staff.search')} />
          </Col>
          <Col xs={12} lg={4}>
            {select('communityId', t('filter.anyCommunity'), (communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })))}
          </Col>
          <Col xs={12} lg={4}>
            {select('position', t('filter.anyPosition'), POSITION_VALUES.map((p) => ({ value: p, label: label('position', p) })))}
          </Col>
          <Col xs={12} lg={4}>
            {select('skill', t('filter.anySkill'), SKILL_VALUES.map((k) => ({ value: k, label: label('skill', k) })))}
          </Col>
          <Col xs={12} lg={3}>
            {select('onDuty', t('filter.anyDuty'), [
              { value: 'true', label: t('staff.onDuty') },
              { value: 'false', label: t('staff.offDuty') },
            ])}
          </Col>
          <Col xs={12} lg={3}>
            {select('cleared', t('filter.anyTraining'), [
              { value: 'true', label: t('staff.cleared') },
              { value: 'false', label: t('staff.inTraining') },
            ])}
          </Col>
        </Row>
      </Card>
      {error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} /> : null}
      <ListTable<StaffMember>
        columns={columns}
        data={data}
        loading={isFetching}
        page={page}
        pageSize={pageSize}
        onPage={setPage}
        scrollX={isPhone ? undefined : 1100}
      />
    </Flex>
  );
}
