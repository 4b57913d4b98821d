/** A table on desktop and a list of cards on a phone, with the same data and server-side paging. */
import type { ReactNode } from 'react';
import { Card, Empty, Flex, Pagination, Spin, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../lib/i18n.js';
import { common } from '../lib/messages.js';
import { useIsPhone } from './use-phone.js';

export interface Paging {
  page: number;
  pageSize: number;
  total: number;
  onChange(page: number, pageSize: number): void;
}

export interface DataListProps<T> {
  columns: TableColumnsType<T>;
  data: T[];
  rowKey: (row: T) => string | number;
  loading?: boolean;
  paging?: Paging;
  /** The phone card's content for one row. */
  renderCard: (row: T) => ReactNode;
  onOpen?: (row: T) => void;
  testId?: string;
  emptyText?: string;
}

/** Rows as a table (desktop) or cards (phone). */
export function DataList<T extends object>({ columns, data, rowKey, loading, paging, renderCard, onOpen, testId, emptyText }: DataListProps<T>) {
  const phone = useIsPhone();
  const { t } = useI18n();
  const total = paging ? t(common.total, { n: paging.total }) : undefined;
  if (!phone) {
    return (
      <Table<T>
        columns={columns}
        dataSource={data}
        rowKey={rowKey}
        loading={loading}
        size="middle"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: emptyText ?? t(common.empty) }}
        onRow={onOpen ? (row) => ({ onClick: () => onOpen(row), style: { cursor: 'pointer' } }) : undefined}
        pagination={
          paging
            ? { current: paging.page, pageSize: paging.pageSize, total: paging.total, showTotal: () => total, showSizeChanger: true, onChange: paging.onChange }
            : false
        }
        data-testid={testId}
      />
    );
  }
  return (
    <Spin spinning={!!loading}>
      <Flex vertical gap={8} data-testid={testId}>
        {data.length === 0 && !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t(common.empty)} />}
        {data.map((row) => (
          <Card
            key={rowKey(row)}
            size="small"
            hoverable={!!onOpen}
            onClick={onOpen ? () => onOpen(row) : undefined}
            data-testid={testId ? `${testId}-card` : undefined}
          >
            {renderCard(row)}
          </Card>
        ))}
        {paging && paging.total > 0 && (
          <Flex vertical align="center" gap={4} style={{ marginTop: 4 }}>
            <Pagination simple current={paging.page} pageSize={paging.pageSize} total={paging.total} onChange={paging.onChange} />
            <span style={{ color: '#888', fontSize: 12 }}>{total}</span>
          </Flex>
        )}
      </Flex>
    </Spin>
  );
}
