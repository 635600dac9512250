import { Card, Empty, Flex, Skeleton, Tooltip, Typography, theme } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { UNIT_STATUS_VALUES } from '../../../common/registry';
import type { BuildingGrid as Grid, GridUnit } from '../../api/registry';
import { useMediaQuery } from '../../components/use-media-query';
import { STATUS_STYLE, formatArea } from './registry-format';
import { useRegistryI18n } from './use-registry-i18n';

// Sized so four units per floor fit a 390px phone without scrolling; wider floors scroll inside the card.
const CELL_MIN_WIDTH = 56;
const FLOOR_LABEL_WIDTH = 40;

/** Status colours with the number of units in each. */
export function StatusLegend({ counts }: { counts: Grid['counts'] }) {
  const { label, t } = useRegistryI18n();
  const total = UNIT_STATUS_VALUES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  return (
    <Flex gap={16} wrap align="center" data-testid="grid-legend">
      {UNIT_STATUS_VALUES.map((status) => (
        <Flex key={status} align="center" gap={6} data-status={status}>
          <span
            aria-hidden
            style={{
              width: 14,
              height: 14,
              borderRadius: 3,
              background: STATUS_STYLE[status].background,
              border: `1px solid ${STATUS_STYLE[status].border}`,
            }}
          />
          <Typography.Text>
            {label('status', status)} <Typography.Text strong>{counts[status] ?? 0}</Typography.Text>
          </Typography.Text>
        </Flex>
      ))}
      <Typography.Text type="secondary">{t('grid.total', { total })}</Typography.Text>
    </Flex>
  );
}

function UnitCell({ unit, selected, onOpen }: { unit: GridUnit; selected: boolean; onOpen: (id: string) => void }) {
  const { label, locale, t } = useRegistryI18n();
  const { token } = theme.useToken();
  const style = STATUS_STYLE[unit.status];
  const title = [
    unit.number,
    label('status', unit.status),
    label('use', unit.use),
    formatArea(unit.areaM2, locale),
    t('units.residentCount', { count: unit.residentCount }),
  ].join(' · ');
  return (
    <Tooltip title={title} mouseEnterDelay={0.4}>
      <button
        type="button"
        onClick={() => onOpen(unit.id)}
        data-testid="grid-unit"
        data-number={unit.number}
        data-status={unit.status}
        aria-label={title}
        aria-pressed={selected}
        style={{
          width: '100%',
          minWidth: 0,
          height: 48,
          padding: '2px 4px',
          borderRadius: 6,
          cursor: 'pointer',
          background: style.background,
          color: style.color,
          border: `1px solid ${style.border}`,
          outline: selected ? `2px solid ${token.colorPrimary}` : undefined,
          outlineOffset: 1,
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          justifyContent: 'center',
          lineHeight: 1.2,
          font: 'inherit',
        }}
      >
        <span style={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{unit.number}</span>
        <span style={{ fontSize: 12, opacity: 0.85 }}>
          {unit.residentCount ? (
            <>
              <UserOutlined /> {unit.residentCount}
            </>
          ) : (
            label('status', unit.status)
          )}
        </span>
      </button>
    </Tooltip>
  );
}

/**
 * A building as a floor × unit grid, top floor at the top, each unit coloured by its status.
 * Wide buildings scroll sideways inside the card, never the page.
 */
export function BuildingGrid({
  grid,
  loading,
  selectedUnitId,
  onOpenUnit,
}: {
  grid: Grid | undefined;
  loading: boolean;
  selectedUnitId: string | null;
  onOpenUnit: (id: string) => void;
}) {
  const { t } = useRegistryI18n();
  const { token } = theme.useToken();
  const isPhone = useMediaQuery('(max-width: 575px)');
  if (!grid) {
    return <Card>{loading ? <Skeleton active paragraph={{ rows: 8 }} /> : <Empty description={t('grid.pickBuilding')} />}</Card>;
  }
  const { building } = grid;
  // Every floor lines up under the same columns, even when one floor has an extra unit.
  const columns = Math.max(1, ...grid.floors.map((row) => row.units.length));
  return (
    <Card
      data-testid="building-grid"
      title={
        <Flex gap={8} wrap align="baseline">
          <span>{t('grid.title', { community: building.community.name, building: building.name })}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('grid.shape', { floors: building.floors, units: building.unitsPerFloor })}
          </Typography.Text>
        </Flex>
      }
      styles={{ body: { paddingTop: 12, paddingInline: isPhone ? 12 : undefined }, header: isPhone ? { paddingInline: 12 } : undefined }}
    >
      <Flex vertical gap={12}>
        <StatusLegend counts={grid.counts} />
        {grid.floors.length === 0 ? (
          <Empty description={t('grid.noUnits')} />
        ) : (
          <div style={{ overflowX: 'auto', paddingBottom: 4 }}>
            <div
              role="group"
              aria-label={t('grid.title', { community: building.community.name, building: building.name })}
              style={{
                display: 'grid',
                gridTemplateColumns: `${FLOOR_LABEL_WIDTH}px repeat(${columns}, minmax(${CELL_MIN_WIDTH}px, 1fr))`,
                gap: isPhone ? 4 : 6,
              }}
            >
              {grid.floors.map((row) => (
                <div key={row.floor} data-testid="grid-floor" data-floor={row.floor} style={{ display: 'contents' }}>
                  <div
                    style={{
                      display: 'flex',
                      alignItems: 'center',
                      justifyContent: 'flex-end',
                      paddingInlineEnd: 4,
                      color: token.colorTextSecondary,
                      fontVariantNumeric: 'tabular-nums',
                      whiteSpace: 'nowrap',
                    }}
                  >
                    {t('grid.floor', { floor: row.floor })}
                  </div>
                  {row.units.map((unit) => (
                    <UnitCell key={unit.id} unit={unit} selected={unit.id === selectedUnitId} onOpen={onOpenUnit} />
                  ))}
                  {row.units.length < columns ? <div style={{ gridColumn: `span ${columns - row.units.length}` }} /> : null}
                </div>
              ))}
            </div>
          </div>
        )}
      </Flex>
    </Card>
  );
}
