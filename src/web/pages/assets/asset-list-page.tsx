import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined, PlusOutlined, PrinterOutlined, SearchOutlined } from '@ant-design/icons';
import { ASSET_CATEGORIES, ASSET_LABELS_MAX, ASSET_STATUSES, assetPagePath, type AssetCategory, type AssetStatus } from '../../../common/assets';
import { fetchAllAssets, useAssets, type Asset } from '../../api/assets';
import { useBuildings, useCommunities } from '../../api/registry';
import { DownloadButton } from '../../components/download-button';
import { useDebounced } from '../../shared/use-debounced';
import { useDocumentTitle } from '../../shared/use-document-title';
import { AssetDrawer, RetireDialog } from './asset-forms';
import { ImportDialog } from './import-dialog';
import { LabelSheet } from './label-sheet';
import { STATUS_COLOR, useAssetsI18n } from './use-assets-i18n';

const PAGE_SIZE = 20;

/**
 * The register: filters (community, category, status, building), search, the Excel export and
 * import, the label sheet of the selected or filtered assets, and the add/edit drawer.
 */
export function AssetListPage() {
  const { t, category, status: statusName } = useAssetsI18n();
  const { message } = App.useApp();
  useDocumentTitle(t('title'));
  const communities = useCommunities();
  const [communityId, setCommunityId] = useState<string | undefined>();
  const [cat, setCat] = useState<AssetCategory | undefined>();
  const [status, setStatus] = useState<AssetStatus | undefined>();
  const [buildingId, setBuildingId] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300) || undefined;
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Asset[]>([]);
  const [editing, setEditing] = useState<Asset | 'new' | null>(null);
  const [retiring, setRetiring] = useState<Asset | null>(null);
  const [importing, setImporting] = useState(false);
  const [labels, setLabels] = useState<{ items: Asset[]; cut: boolean } | null>(null);
  const [loadingLabels, setLoadingLabels] = useState(false);
  const buildings = useBuildings(communityId);
  const filters = { communityId, category: cat, status, buildingId, q };
  const { data, isPending, error } = useAssets({ ...filters, page, pageSize: PAGE_SIZE });
  const can = (a: 'create' | 'import') => data?.allowedActions.includes(a) ?? false;
  const reset = <T,>(set: (v: T) => void) => (v: T) => (set(v), setPage(1), setSelected([]));

  const printLabels = async () => {
    if (selected.length) return setLabels({ items: selected, cut: false });
    setLoadingLabels(true);
    try {
      setLabels(await fetchAllAssets(filters, ASSET_LABELS_MAX));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setLoadingLabels(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('description')}</Typography.Text>
        </div>
        <Space wrap>
          <DownloadButton path="/api/v1/assets" query={{ ...filters, format: 'xlsx' }} fileName="assets.xlsx" testId="asset-export" />
          <Button icon={<PrinterOutlined />} loading={loadingLabels} onClick={() => void printLabels()} data-testid="asset-labels">
            {selected.length ? t('labels.selected', { n: selected.length }) : t('labels')}
          </Button>
          {can('import') ? (
            <Button icon={<CloudUploadOutlined />} onClick={() => setImporting(true)} data-testid="asset-import">
              {t('import')}
            </Button>
          ) : null}
          {can('create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="asset-new">
              {t('new')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      <Flex gap={8} wrap>
        <Select
          allowClear
          placeholder={t('filter.community')}
          style={{ width: 180 }}
          value={communityId}
          onChange={(v: string | undefined) => (reset(setCommunityId)(v), setBuildingId(undefined))}
          options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          data-testid="asset-filter-community"
        />
        <Select
          allowClear
          placeholder={t('filter.building')}
          style={{ width: 140 }}
          disabled={!communityId}
          value={buildingId}
          onChange={reset(setBuildingId)}
          options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
        <Select allowClear placeholder={t('filter.category')} style={{ width: 150 }} value={cat} onChange={reset(setCat)} options={ASSET_CATEGORIES.map((c) => ({ value: c, label: category(c) }))} data-testid="asset-filter-category" />
        <Select allowClear placeholder={t('filter.status')} style={{ width: 130 }} value={status} onChange={reset(setStatus)} options={ASSET_STATUSES.map((s) => ({ value: s, label: statusName(s) }))} data-testid="asset-filter-status" />
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('filter.search')}
          style={{ width: 240 }}
          value={search}
          onChange={(e) => (setSearch(e.target.value), setPage(1))}
          data-testid="asset-search"
        />
      </Flex>
      {error ? <Alert type="error" title={t('loadFailed', { message: error.message })} /> : null}
      <Table<Asset>
        rowKey="id"
        size="middle"
        loading={isPending}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        scroll={{ x: 1100 }}
        data-testid="asset-table"
        rowSelection={{ selectedRowKeys: selected.map((a) => a.id), preserveSelectedRowKeys: true, onChange: (_, rows) => setSelected(rows.filter(Boolean)) }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('total', { n }) }}
        columns={[
          { title: t('col.code'), dataIndex: 'code', width: 110, render: (code: string, a) => <Link to={assetPagePath(a.id)}>{code}</Link> },
          { title: t('col.name'), dataIndex: 'name' },
          { title: t('col.category'), dataIndex: 'category', width: 110, render: (c: AssetCategory) => category(c) },
          { title: t('col.community'), dataIndex: 'communityName', width: 120 },
          { title: t('col.place'), key: 'place', render: (_, a) => [a.buildingName, a.place].filter(Boolean).join(' · ') || '—' },
          { title: t('col.brandModel'), key: 'brand', render: (_, a) => [a.brand, a.model].filter(Boolean).join(' ') || '—' },
          { title: t('col.maintainer'), key: 'maintainer', render: (_, a) => (a.maintainer ? <span>{a.maintainer}{a.maintainerPhone ? <Typography.Text type="secondary"> {a.maintainerPhone}</Typography.Text> : null}</span> : '—') },
          { title: t('col.status'), dataIndex: 'status', width: 90, render: (s: AssetStatus) => <Tag color={STATUS_COLOR[s]}>{statusName(s)}</Tag> },
          {
            title: t('col.actions'),
            key: 'actions',
            width: 120,
            fixed: 'right',
            render: (_, a) => (
              <Space size={4}>
                {a.allowedActions.includes('edit') ? (
                  <Button size="small" type="link" onClick={() => setEditing(a)} data-testid={`asset-edit-${a.code}`}>
                    {t('edit')}
                  </Button>
                ) : null}
                {a.allowedActions.includes('retire') ? (
                  <Button size="small" type="link" danger onClick={() => setRetiring(a)}>
                    {t('retire')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {editing ? <AssetDrawer asset={editing === 'new' ? null : editing} defaultCommunityId={communityId} onClose={() => setEditing(null)} /> : null}
      {retiring ? <RetireDialog asset={retiring} onClose={() => setRetiring(null)} /> : null}
      {importing ? <ImportDialog defaultCommunityId={communityId} onClose={() => setImporting(false)} /> : null}
      {labels ? <LabelSheet assets={labels.items} cut={labels.cut} onClose={() => setLabels(null)} /> : null}
    </Flex>
  );
}
