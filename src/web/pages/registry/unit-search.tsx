import { useState } from 'react';
import { AutoComplete, Flex, Input, Tag, Typography } from 'antd';
import { HomeOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { useResidents, useUnits, type Resident, type Unit } from '../../api/registry';
import { StatusTag } from './registry-format';
import { useDebounced } from '../../shared/use-debounced';
import { useRegistryI18n } from './use-registry-i18n';

/** How long typing must pause before the search runs. */
const DEBOUNCE_MS = 200;

/**
 * Worth searching: two characters of a number or phone ("12", "3栋"), or one Chinese character
 * of a name. A single digit would match half the community.
 */
function searchable(q: string): boolean {
  return q.length >= 2 || /[^\x20-\x7e]/.test(q);
}

/** Where a picked result leads: the unit (and its building), for the grid and the unit drawer. */
export interface UnitPick {
  unitId: string;
  buildingId: string;
  communityId: string;
}

/**
 * The desk's main tool: finds a unit by number (`1202`, `3栋1202`), by a resident's phone (last
 * 4 digits or more) or name, while typing. Units and residents are searched side by side; picking
 * either opens the unit.
 */
export function UnitSearch({ onPick, autoFocus }: { onPick: (pick: UnitPick) => void; autoFocus?: boolean }) {
  const { t, label } = useRegistryI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const enabled = searchable(q);
  const units = useUnits({ q, page: 1, pageSize: 6 }, enabled);
  const residents = useResidents({ q, page: 1, pageSize: 6 }, enabled);
  const unitItems: Unit[] = enabled ? (units.data?.items ?? []) : [];
  // Typing a phone ending ("1202") also matches unit numbers; residents whose phone ends with it come first.
  const residentItems: Resident[] = enabled
    ? (residents.data?.items ?? [])
        .filter((r) => r.units.some((b) => !b.moveOutOn))
        .sort((a, b) => Number(b.phone.endsWith(q)) - Number(a.phone.endsWith(q)))
    : [];
  const loading = enabled && (units.isFetching || residents.isFetching);

  const unitOption = (u: Unit) => ({
    value: `unit:${u.id}`,
    label: (
      <Flex justify="space-between" align="center" gap={8} data-testid="search-unit" data-label={u.label}>
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          <HomeOutlined />
          <Typography.Text strong>{u.label}</Typography.Text>
          <Typography.Text type="secondary" ellipsis>
            {u.community.name}
          </Typography.Text>
        </Flex>
        <Flex align="center" gap={6} style={{ flex: 'none' }}>
          {u.residentCount ? <Typography.Text type="secondary">{t('units.residentCount', { count: u.residentCount })}</Typography.Text> : null}
          <StatusTag status={u.status} />
        </Flex>
      </Flex>
    ),
  });
  const residentOption = (r: Resident) => {
    const current = r.units.filter((b) => !b.moveOutOn);
    return {
      value: `resident:${r.id}`,
      label: (
        <Flex justify="space-between" align="center" gap={8} data-testid="search-resident" data-name={r.name}>
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            <UserOutlined />
            <Typography.Text strong>{r.name}</Typography.Text>
            <Typography.Text type="secondary">{r.phone}</Typography.Text>
          </Flex>
          <Flex gap={4} wrap justify="flex-end" style={{ flex: 'none', maxWidth: '50%' }}>
            {current.map((b) => (
              <Tag key={b.id} style={{ marginInlineEnd: 0 }}>
                {b.unit.label} · {label('relation', b.relation)}
              </Tag>
            ))}
          </Flex>
        </Flex>
      ),
    };
  };

  const options = [
    ...(unitItems.length
      ? [{ label: t('search.unitsGroup', { total: units.data?.total ?? unitItems.length }), options: unitItems.map(unitOption) }]
      : []),
    ...(residentItems.length
      ? [{ label: t('search.residentsGroup', { total: residents.data?.total ?? residentItems.length }), options: residentItems.map(residentOption) }]
      : []),
  ];

  const pick = (value: string) => {
    const [kind, id] = value.split(':');
    if (kind === 'unit') {
      const unit = unitItems.find((u) => u.id === id);
      if (unit) onPick({ unitId: unit.id, buildingId: unit.building.id, communityId: unit.community.id });
    } else {
      const binding = residentItems.find((r) => r.id === id)?.units.find((b) => !b.moveOutOn);
      if (binding) onPick({ unitId: binding.unit.id, buildingId: binding.unit.buildingId, communityId: binding.unit.communityId });
    }
    setText('');
  };

  const settled = enabled && q === text.trim() && !loading;
  return (
    <AutoComplete
      value={text}
      options={options}
      onChange={setText}
      onSelect={pick}
      style={{ width: '100%' }}
      popupMatchSelectWidth
      // Both groups fit without a virtual list, so every result is in the page (and findable by tests).
      virtual={false}
      listHeight={480}
      defaultActiveFirstOption
      notFoundContent={settled ? t('search.noMatch', { q }) : null}
      filterOption={false}
    >
      <Input
        size="large"
        allowClear
        autoFocus={autoFocus}
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        data-testid="unit-search"
        inputMode="search"
      />
    </AutoComplete>
  );
}
