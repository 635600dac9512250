import { useState } from 'react';
import { Select } from 'antd';
import { useUnits } from '../../api/registry';
import { useDebounced } from '../../shared/use-debounced';
import { useRegistryI18n } from './use-registry-i18n';

/** Picks a unit by typing its number ("1202", "3栋1202"); `initialLabel` names the current value before any search. */
export function UnitPicker({
  value,
  onChange,
  initialLabel,
  id,
}: {
  value?: string;
  onChange?: (value: string) => void;
  initialLabel?: string;
  id?: string;
}) {
  const { t } = useRegistryI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const { data, isFetching } = useUnits({ q, page: 1, pageSize: 20 }, q.length > 0);
  const options = (q ? (data?.items ?? []) : []).map((u) => ({ value: u.id, label: `${u.label} · ${u.community.name}` }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      options={options}
      loading={isFetching}
      placeholder={t('form.unitPlaceholder')}
      notFoundContent={q ? t('search.noMatch', { q }) : t('form.unitTypeToSearch')}
      style={{ width: '100%' }}
      data-testid="unit-picker"
    />
  );
}
