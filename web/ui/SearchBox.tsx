/**
 * A search field with a search button. (Ant Design's Input.Search puts test ids on its wrapper; this keeps
 * `data-testid` on the <input> itself and gives the button `<testId>-submit`.)
 */
import { useState } from 'react';
import { Button, Input, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../lib/i18n.js';
import { common } from '../lib/messages.js';

export interface SearchBoxProps {
  defaultValue?: string;
  placeholder?: string;
  onSearch(value: string): void;
  testId: string;
  style?: React.CSSProperties;
}

/** The search box: Enter or the button searches; clearing the field searches for everything. */
export function SearchBox({ defaultValue = '', placeholder, onSearch, testId, style }: SearchBoxProps) {
  const { t } = useI18n();
  const [value, setValue] = useState(defaultValue);
  return (
    <Space.Compact style={{ width: '100%', ...style }}>
      <Input
        value={value}
        allowClear
        placeholder={placeholder}
        enterKeyHint="search"
        onChange={(e) => {
          setValue(e.target.value);
          if (e.type !== 'change' && e.target.value === '') onSearch(''); // the clear icon
        }}
        onPressEnter={() => onSearch(value.trim())}
        data-testid={testId}
      />
      <Button type="primary" icon={<SearchOutlined />} aria-label={t(common.search)} onClick={() => onSearch(value.trim())} data-testid={`${testId}-submit`} />
    </Space.Compact>
  );
}
