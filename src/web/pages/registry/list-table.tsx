import { Card, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PAGE_SIZES } from './list-params';
import { useRegistryI18n } from './use-registry-i18n';

/**
 * The table of a registry list page: server paging driven by the address (`useListParams`),
 * the total count, and sideways scrolling on wide screens only.
 */
export function ListTable<T extends { id: string }>(props: {
  columns: TableColumnsType<T>;
  data: { items: T[]; page: number; pageSize: number; total: number } | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  /** Width below which the table scrolls sideways; none on phones. */
  scrollX?: number;
}) {
  const { t } = useRegistryI18n();
  const { data } = props;
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Table<T>
        rowKey="id"
        size="middle"
        columns={props.columns}
        dataSource={data?.items ?? []}
        loading={props.loading}
        scroll={props.scrollX ? { x: props.scrollX } : undefined}
        locale={{ emptyText: t('common.empty') }}
        pagination={{
          current: data?.page ?? props.page,
          pageSize: data?.pageSize ?? props.pageSize,
          total: data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: props.onPage,
          style: { paddingInline: 16 },
        }}
      />
    </Card>
  );
}
