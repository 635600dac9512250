import { useMemo, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { useCommunities, useCommunity, useSaveCommunity, type Community } from '../../api/registry';
import { useMediaQuery } from '../../components/use-media-query';
import { ForbiddenPage } from '../forbidden/forbidden-page';
import { NotFoundPage } from '../not-found/not-found-page';
import { CommunityForm, useLevelLabel } from './community-form';
import { DeskHoursView, type DeskHours } from './desk-hours-editor';
import { ExportButton, PageHeading, formatArea } from './registry-format';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useRegistryI18n } from './use-registry-i18n';
import { ArchiveButton } from './archive-button';
import { DataSettingsCard } from './data-settings-card';

const LEVEL_COLORS: Record<number, string> = { 1: 'default', 2: 'blue', 3: 'purple' };

function LevelTag({ level }: { level: number }) {
  const levelLabel = useLevelLabel();
  return (
    <Tag color={LEVEL_COLORS[level]} style={{ marginInlineEnd: 0 }}>
      {levelLabel(level)}
    </Tag>
  );
}

function contractText(c: Pick<Community, 'contractStart' | 'contractEnd'>): string {
  if (!c.contractStart && !c.contractEnd) return '—';
  return `${c.contractStart ?? '…'} ~ ${c.contractEnd ?? '…'}`;
}

/** 项目 list: every community the user may see, with level, area, contract and counts. */
function CommunitiesListPage() {
  const { t, locale } = useRegistryI18n();
  const navigate = useNavigate();
  const isPhone = useMediaQuery('(max-width: 575px)');
  const { data, error, isFetching } = useCommunities({ page: 1, pageSize: 200, archived: 'all' });

  const columns = useMemo<TableColumnsType<Community>>(() => {
    const name = (c: Community) => (
      <Flex gap={6} align="center" wrap>
        <Link to={`/communities/${c.id}`}>{c.name}</Link>
        {c.archivedAt ? <Tag>{t('common.archived')}</Tag> : null}
      </Flex>
    );
    if (isPhone) {
      return [
        {
          title: t('community.name'),
          key: 'all',
          render: (_, c) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8}>
                {name(c)}
                <LevelTag level={c.serviceLevel} />
              </Flex>
              <Typography.Text type="secondary">{c.address || '—'}</Typography.Text>
              <Typography.Text type="secondary">{t('community.counts', { buildings: c.buildingCount, units: c.unitCount })}</Typography.Text>
            </Flex>
          ),
        },
      ];
    }
    return [
      { title: t('community.name'), key: 'name', width: 180, render: (_, c) => name(c) },
      { title: t('community.address'), dataIndex: 'address', render: (v: string) => v || '—' },
      { title: t('community.serviceLevel'), key: 'level', width: 100, render: (_, c) => <LevelTag level={c.serviceLevel} /> },
      { title: t('community.area'), key: 'area', width: 140, align: 'right', render: (_, c) => formatArea(c.managedAreaM2, locale) },
      { title: t('community.contract'), key: 'contract', width: 210, render: (_, c) => contractText(c) },
      { title: t('community.buildingsUnits'), key: 'counts', width: 150, render: (_, c) => t('community.counts', { buildings: c.buildingCount, units: c.unitCount }) },
    ];
  }, [t, locale, isPhone]);

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('communities.title')}
        description={t('communities.description')}
        extra={
          <>
            {data?.allowedActions.includes('export') ? <ExportButton resource="communities" query={{}} /> : null}
            {data?.allowedActions.includes('create') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/communities/new')}>
                {t('communities.create')}
              </Button>
            ) : null}
          </>
        }
      />
      {error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Community>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          pagination={false}
          scroll={isPhone ? undefined : { x: 960 }}
          locale={{ emptyText: t('common.empty') }}
        />
      </Card>
      {/* Company-wide settings live with the company's communities; company admins only. */}
      {data?.allowedActions.includes('create') ? <DataSettingsCard /> : null}
    </Flex>
  );
}

/** A new community (company admins). */
function CommunityCreatePage() {
  const { t } = useRegistryI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const save = useSaveCommunity();
  useDocumentTitle(t('communities.create'));
  return (
    <Flex vertical gap={16}>
      <div>
        <Link to="/communities">
          <ArrowLeftOutlined /> {t('communities.back')}
        </Link>
      </div>
      <PageHeading title={t('communities.create')} />
      <Card>
        <CommunityForm
          saving={save.isPending}
          onCancel={() => navigate('/communities')}
          onSubmit={async (body) => {
            const created = await save.mutateAsync({ body });
            message.success(t('community.created', { name: created.name }));
            navigate(`/communities/${created.id}`);
          }}
        />
      </Card>
    </Flex>
  );
}

/** One community: its contract, level and desk hours; admins edit it in place. */
function CommunityDetailPage() {
  const { id } = useParams();
  const { t, locale } = useRegistryI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: community, error, isPending } = useCommunity(id);
  const save = useSaveCommunity();
  const [editing, setEditing] = useState(false);
  useDocumentTitle(community?.name ?? t('communities.title'));

  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage />;
  const can = (action: Community['allowedActions'][number]) => community?.allowedActions.includes(action) ?? false;

  return (
    <Flex vertical gap={16}>
      <div>
        <Link to="/communities">
          <ArrowLeftOutlined /> {t('communities.back')}
        </Link>
      </div>
      {error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} /> : null}
      {isPending ? <Skeleton active /> : null}
      {community ? (
        <>
          <PageHeading
            title={
              <Flex gap={8} align="center" wrap>
                <span>{community.name}</span>
                <LevelTag level={community.serviceLevel} />
                {community.archivedAt ? <Tag>{t('common.archived')}</Tag> : null}
              </Flex>
            }
            description={community.address}
            extra={
              editing ? null : (
                <>
                  <Button onClick={() => navigate(`/units?community=${community.id}`)}>{t('community.openUnits')}</Button>
                  {can('update') ? (
                    <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="community-edit">
                      {t('common.edit')}
                    </Button>
                  ) : null}
                  {can('archive') ? (
                    <ArchiveButton
                      resource="communities"
                      id={community.id}
                      confirmTitle={t('community.archiveConfirm', { name: community.name })}
                      doneMessage={t('community.archived', { name: community.name })}
                    />
                  ) : null}
                </>
              )
            }
          />
          {!can('update') && !community.archivedAt ? <Alert type="info" showIcon title={t('community.readOnly')} /> : null}
          {editing ? (
            <Card title={t('community.editTitle')}>
              <CommunityForm
                community={community}
                saving={save.isPending}
                onCancel={() => setEditing(false)}
                onSubmit={async (body) => {
                  await save.mutateAsync({ id: community.id, body });
                  message.success(t('community.saved', { name: body.name }));
                  setEditing(false);
                }}
              />
            </Card>
          ) : (
            <Flex gap={16} wrap align="flex-start">
              <Card title={t('community.basics')} style={{ flex: '2 1 420px' }}>
                <Descriptions
                  column={{ xs: 1, sm: 1, md: 2 }}
                  items={[
                    { key: 'level', label: t('community.serviceLevel'), children: <LevelTag level={community.serviceLevel} /> },
                    { key: 'area', label: t('community.area'), children: formatArea(community.managedAreaM2, locale) },
                    { key: 'contract', label: t('community.contract'), children: contractText(community) },
                    { key: 'tz', label: t('community.timeZone'), children: community.timeZone },
                    { key: 'hotline', label: t('community.hotline'), children: community.hotline ?? t('community.noHotline') },
                    { key: 'counts', label: t('community.buildingsUnits'), children: t('community.counts', { buildings: community.buildingCount, units: community.unitCount }) },
                    { key: 'address', label: t('community.address'), children: community.address || '—' },
                  ]}
                />
              </Card>
              <Card title={t('community.deskHours')} style={{ flex: '1 1 280px' }} data-testid="desk-hours">
                <DeskHoursView value={community.deskHours as DeskHours | null} />
              </Card>
            </Flex>
          )}
        </>
      ) : null}
    </Flex>
  );
}

/** 项目: the list, one page per community (edited in place by admins) and the create form. */
export function CommunitiesPage() {
  return (
    <Routes>
      <Route index element={<CommunitiesListPage />} />
      <Route path="new" element={<CommunityCreatePage />} />
      <Route path=":id" element={<CommunityDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
