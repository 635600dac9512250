import { useEffect, useState } from 'react';
import { Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useDebounced } from '../../shared/use-debounced';

/** A list's search box: applies what was typed after a short pause, without pressing Enter. */
export function SearchInput({
  value,
  onSearch,
  placeholder,
  label,
  testId,
}: {
  value: string | undefined;
  onSearch: (q: string | undefined) => void;
  placeholder: string;
  label: string;
  testId?: string;
}) {
  const [text, setText] = useState(value ?? '');
  const debounced = useDebounced(text.trim(), 300);
  useEffect(() => {
    if (debounced !== (value ?? '')) onSearch(debounced || undefined);
    // Only typing triggers a search; a changed address (value) must not re-apply old text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return (
    <Input
      allowClear
      value={text}
      onChange={(e) => setText(e.target.value)}
      prefix={<SearchOutlined />}
      placeholder={placeholder}
      aria-label={label}
      data-testid={testId}
    />
  );
}
