import { Route, Routes, useSearchParams } from 'react-router';
import { Alert, Card, Col, Flex, Radio, Row, Select, Typography } from 'antd';
import { useBuildingGrid, useBuildings, useCommunities } from '../../api/registry';
import { BuildingGrid } from './building-grid';
import { ExportButton, PageHeading } from './registry-format';
import { UnitDrawer } from './unit-drawer';
import { UnitOverviewPage } from './unit-overview-page';
import { UnitSearch, type UnitPick } from './unit-search';
import { useRegistryI18n } from './use-registry-i18n';

/** Up to this many buildings show as buttons; more become a searchable list. */
const BUTTONS_UP_TO = 12;

/**
 * 房屋: the desk's search box on top (unit number, "3栋1202", phone last 4, name), then a
 * community and building picker and the building as a floor × unit grid; a unit opens in a
 * drawer, which leads to the unit's 360° page (`/units/{id}`). Community, building and open unit
 * live in the address, so a view can be shared.
 */
export function UnitsPage() {
  return (
    <Routes>
      <Route index element={<UnitsGridPage />} />
      <Route path=":id" element={<UnitOverviewPage />} />
    </Routes>
  );
}

function UnitsGridPage() {
  const { t } = useRegistryI18n();
  const [params, setParams] = useSearchParams();
  const communities = useCommunities();
  const communityId = params.get('community') ?? communities.data?.items[0]?.id;
  const buildings = useBuildings(communityId);
  const buildingId = params.get('building') ?? buildings.data?.items[0]?.id;
  const unitId = params.get('unit');
  const grid = useBuildingGrid(buildingId);

  const go = (next: { community?: string; building?: string | null; unit?: string | null }) => {
    const p = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) p.set(key, value);
      else p.delete(key);
    }
    setParams(p);
  };
  const pick = (hit: UnitPick) => go({ community: hit.communityId, building: hit.buildingId, unit: hit.unitId });

  const buildingItems = buildings.data?.items ?? [];
  const loadError = communities.error ?? buildings.error ?? grid.error;

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('units.title')}
        description={t('units.description')}
        extra={buildings.data?.allowedActions.includes('export') ? <ExportButton resource="units" query={{ communityId, buildingId }} /> : null}
      />
      <Card>
        <Flex vertical gap={8}>
          <Typography.Text strong>{t('search.label')}</Typography.Text>
          <UnitSearch onPick={pick} autoFocus />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('search.hint')}
          </Typography.Text>
        </Flex>
      </Card>
      <Card>
        <Row gutter={[16, 12]} align="middle">
          <Col xs={24} md={8}>
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('units.community')}</Typography.Text>
              <Select
                value={communityId}
                onChange={(value) => go({ community: value, building: null, unit: null })}
                options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                loading={communities.isPending}
                aria-label={t('units.community')}
                style={{ width: '100%' }}
                data-testid="community-select"
              />
            </Flex>
          </Col>
          <Col xs={24} md={16}>
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('units.building')}</Typography.Text>
              {buildingItems.length > BUTTONS_UP_TO ? (
                <Select
                  value={buildingId}
                  onChange={(value) => go({ building: value, unit: null })}
                  showSearch={{ optionFilterProp: ['label'] }}
                  options={buildingItems.map((b) => ({ value: b.id, label: b.name }))}
                  aria-label={t('units.building')}
                  style={{ width: '100%' }}
                />
              ) : (
                <Radio.Group
                  value={buildingId}
                  onChange={(e) => go({ building: e.target.value as string, unit: null })}
                  optionType="button"
                  buttonStyle="solid"
                  aria-label={t('units.building')}
                  data-testid="building-picker"
                  style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}
                  options={buildingItems.map((b) => ({ value: b.id, label: b.name }))}
                />
              )}
            </Flex>
          </Col>
        </Row>
      </Card>
      {loadError ? <Alert type="error" showIcon title={t('common.loadFailed')} description={loadError.message} /> : null}
      {communities.data && communities.data.items.length === 0 ? (
        <Alert type="info" showIcon title={t('units.noCommunities')} />
      ) : buildings.data && buildingItems.length === 0 ? (
        <Alert type="info" showIcon title={t('units.noBuildings')} />
      ) : (
        <BuildingGrid
          grid={grid.data && grid.data.building.id === buildingId ? grid.data : undefined}
          loading={grid.isFetching || buildings.isPending}
          selectedUnitId={unitId}
          onOpenUnit={(id) => go({ unit: id })}
        />
      )}
      <UnitDrawer unitId={unitId} onClose={() => go({ unit: null })} />
    </Flex>
  );
}
