import { Link } from 'react-router';
import { Alert, App, Button, Descriptions, Drawer, Empty, Flex, Select, Skeleton, Tag, Typography, theme } from 'antd';
import { ProfileOutlined, UserOutlined } from '@ant-design/icons';
import { useSession } from '../../components/session';
import { UNIT_STATUS_VALUES, type UnitStatus } from '../../../common/registry';
import { useUnit, useUpdateUnit } from '../../api/registry';
import { useMediaQuery } from '../../components/use-media-query';
import { StatusTag, formatArea } from './registry-format';
import { useRegistryI18n } from './use-registry-i18n';

/** Who opens a unit's 360° page (the server answers 404 to anyone else). */
export const canSeeUnitOverview = (roles: readonly string[]) => roles.some((r) => r === 'company_admin' || r === 'project_manager' || r === 'service_desk' || r === 'dispatcher');

/** One unit: where it is, its status (changeable by managers) and its current residents, phones masked. */
export function UnitDrawer({ unitId, onClose }: { unitId: string | null; onClose: () => void }) {
  const { t, label, locale } = useRegistryI18n();
  const overview = canSeeUnitOverview(useSession().roles);
  const { message } = App.useApp();
  const isPhone = useMediaQuery('(max-width: 575px)');
  const { data: unit, error, isPending } = useUnit(unitId ?? undefined);
  const update = useUpdateUnit();
  const { token } = theme.useToken();

  const changeStatus = (status: UnitStatus) => {
    if (!unit) return;
    update.mutate(
      { id: unit.id, body: { status } },
      {
        onSuccess: () => message.success(t('unit.statusSaved', { status: label('status', status) })),
        onError: (cause) => message.error(cause.message),
      },
    );
  };

  return (
    <Drawer
      open={Boolean(unitId)}
      onClose={onClose}
      size={isPhone ? '100%' : 440}
      title={unit ? t('unit.drawerTitle', { label: unit.label }) : t('unit.drawerLoading')}
      destroyOnHidden
      data-testid="unit-drawer"
      extra={
        unit && overview ? (
          <Link to={`/units/${unit.id}`} data-testid="unit-overview-link">
            <Button type="primary" icon={<ProfileOutlined />}>
              {t('u360.open')}
            </Button>
          </Link>
        ) : null
      }
    >
      {error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} /> : null}
      {isPending && unitId ? <Skeleton active /> : null}
      {unit ? (
        <Flex vertical gap={20}>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'community', label: t('unit.community'), children: unit.community.name },
              { key: 'building', label: t('unit.building'), children: unit.building.name },
              { key: 'floor', label: t('unit.floor'), children: t('grid.floor', { floor: unit.floor }) },
              { key: 'number', label: t('unit.number'), children: unit.number },
              { key: 'area', label: t('unit.area'), children: formatArea(unit.areaM2, locale) },
              { key: 'use', label: t('unit.use'), children: label('use', unit.use) },
              {
                key: 'status',
                label: t('unit.status'),
                children: unit.allowedActions.includes('update') ? (
                  <Select<UnitStatus>
                    value={unit.status}
                    onChange={changeStatus}
                    loading={update.isPending}
                    style={{ minWidth: 140 }}
                    aria-label={t('unit.status')}
                    options={UNIT_STATUS_VALUES.map((s) => ({ value: s, label: label('status', s) }))}
                  />
                ) : (
                  <StatusTag status={unit.status} />
                ),
              },
            ]}
          />
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('unit.residents', { count: unit.residents.length })}
            </Typography.Title>
            {unit.residents.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('unit.noResidents')} />
            ) : (
              <Flex vertical style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG }}>
                {unit.residents.map((r, i) => (
                  <Flex
                    key={r.id}
                    justify="space-between"
                    align="center"
                    gap={8}
                    wrap
                    data-testid="unit-resident"
                    data-name={r.name}
                    style={{ padding: '10px 14px', borderTop: i ? `1px solid ${token.colorBorderSecondary}` : undefined }}
                  >
                    <Flex align="center" gap={8}>
                      <UserOutlined />
                      <Link to={`/residents/${r.id}`}>{r.name}</Link>
                      <Tag color={r.relation === 'owner' ? 'blue' : r.relation === 'tenant' ? 'purple' : 'default'} style={{ marginInlineEnd: 0 }}>
                        {label('relation', r.relation)}
                      </Tag>
                    </Flex>
                    <Flex gap={12} align="center">
                      <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>{r.phone}</Typography.Text>
                      {r.moveInOn ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('unit.movedIn', { date: r.moveInOn })}
                        </Typography.Text>
                      ) : null}
                    </Flex>
                  </Flex>
                ))}
              </Flex>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              {t('unit.maskedHint')}
            </Typography.Paragraph>
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}
