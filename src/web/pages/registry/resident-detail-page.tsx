import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { useResident, type Resident, type RevealField } from '../../api/registry';
import { ForbiddenPage } from '../forbidden/forbidden-page';
import { NotFoundPage } from '../not-found/not-found-page';
import { PageHeading } from './registry-format';
import { RevealDialog } from './reveal-dialog';
import { useRegistryI18n } from './use-registry-i18n';
import { ArchiveButton } from './archive-button';
import { EraseResidentButton } from './erase-resident-button';
import { useDocumentTitle } from '../../shared/use-document-title';

type Binding = Resident['units'][number];

/** One resident: contact (masked, with an audited reveal), units and relation, plates; edit and archive. */
export function ResidentDetailPage() {
  const { id } = useParams();
  const { t, label } = useRegistryI18n();
  const navigate = useNavigate();
  const { data: resident, error, isPending } = useResident(id);
  const [revealing, setRevealing] = useState<RevealField | null>(null);
  useDocumentTitle(resident?.name ?? t('residents.title'));

  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage />;

  const can = (action: Resident['allowedActions'][number]) => resident?.allowedActions.includes(action) ?? false;
  const revealButton = (field: RevealField) =>
    can('reveal') ? (
      <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setRevealing(field)} data-testid={`reveal-${field}`}>
        {t('reveal.action')}
      </Button>
    ) : null;

  return (
    <Flex vertical gap={16}>
      <div>
        <Link to="/residents">
          <ArrowLeftOutlined /> {t('residents.back')}
        </Link>
      </div>
      {error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} /> : null}
      {isPending ? <Skeleton active /> : null}
      {resident ? (
        <>
          <PageHeading
            title={
              <Flex gap={8} align="center" wrap>
                <span data-testid="resident-name">{resident.name}</span>
                {resident.archivedAt ? <Tag>{t('common.archived')}</Tag> : null}
              </Flex>
            }
            extra={
              <>
                {can('update') ? (
                  <Button icon={<EditOutlined />} onClick={() => navigate(`/residents/${resident.id}/edit`)}>
                    {t('common.edit')}
                  </Button>
                ) : null}
                {can('archive') ? (
                  <ArchiveButton
                    resource="residents"
                    id={resident.id}
                    confirmTitle={t('resident.archiveConfirm', { name: resident.name })}
                    doneMessage={t('resident.archived', { name: resident.name })}
                  />
                ) : null}
                {can('erase') ? <EraseResidentButton id={resident.id} name={resident.name} /> : null}
              </>
            }
          />
          <Card title={t('resident.basics')}>
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2 }}
              size="middle"
              items={[
                {
                  key: 'phone',
                  label: t('resident.phone'),
                  children: (
                    <Flex align="center" gap={4} wrap>
                      <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="resident-phone">
                        {resident.phone}
                      </Typography.Text>
                      {revealButton('phone')}
                    </Flex>
                  ),
                },
                {
                  key: 'id',
                  label: t('resident.idNumber'),
                  children: resident.idNumber ? (
                    <Flex align="center" gap={4} wrap>
                      <Typography.Text type="secondary">{label('idType', resident.idType)}</Typography.Text>
                      <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>{resident.idNumber}</Typography.Text>
                      {revealButton('idNumber')}
                    </Flex>
                  ) : (
                    <Typography.Text type="secondary">{t('resident.noId')}</Typography.Text>
                  ),
                },
                {
                  key: 'plates',
                  label: t('resident.plates'),
                  children: resident.plates.length ? (
                    <Flex gap={4} wrap>
                      {resident.plates.map((p) => (
                        <Tag key={p} color="blue" style={{ marginInlineEnd: 0 }}>
                          {p}
                        </Tag>
                      ))}
                    </Flex>
                  ) : (
                    <Typography.Text type="secondary">{t('resident.noPlates')}</Typography.Text>
                  ),
                },
                { key: 'updated', label: t('resident.updatedAt'), children: resident.updatedAt.slice(0, 10) },
              ]}
            />
          </Card>
          <Card title={t('resident.units')} styles={{ body: { padding: 0 } }}>
            <Table<Binding>
              rowKey="id"
              size="middle"
              pagination={false}
              dataSource={resident.units}
              scroll={{ x: 560 }}
              columns={[
                {
                  title: t('resident.unit'),
                  key: 'unit',
                  render: (_, b) => (
                    <Link to={`/units?community=${b.unit.communityId}&building=${b.unit.buildingId}&unit=${b.unit.id}`}>{b.unit.label}</Link>
                  ),
                },
                { title: t('units.community'), key: 'community', render: (_, b) => b.unit.communityName },
                {
                  title: t('resident.relation'),
                  key: 'relation',
                  render: (_, b) => <Tag color={b.relation === 'owner' ? 'blue' : b.relation === 'tenant' ? 'purple' : 'default'}>{label('relation', b.relation)}</Tag>,
                },
                { title: t('resident.moveInOn'), key: 'in', render: (_, b) => b.moveInOn ?? '—' },
                {
                  title: t('resident.moveOutOn'),
                  key: 'out',
                  render: (_, b) => (b.moveOutOn ? b.moveOutOn : <Tag color="green">{t('resident.current')}</Tag>),
                },
              ]}
            />
          </Card>
          <RevealDialog residentId={resident.id} field={revealing} onClose={() => setRevealing(null)} />
        </>
      ) : null}
    </Flex>
  );
}
