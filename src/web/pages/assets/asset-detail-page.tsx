import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PhoneOutlined } from '@ant-design/icons';
import { ASSET_CONSOLE_PATH } from '../../../common/assets';
import { telHref } from '../../../common/registry';
import { useAsset } from '../../api/assets';
import { useDocumentTitle } from '../../shared/use-document-title';
import { STATUS_COLOR, useAssetsI18n } from './use-assets-i18n';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * One asset, where a printed label's QR code leads: made for a phone (390 px wide) first: what and
 * where it is, its status, and the maintainer's phone to tap and call.
 */
export function AssetDetailPage() {
  const { id } = useParams();
  const { t, category, status } = useAssetsI18n();
  const { data: a, isPending, error } = useAsset(id);
  useDocumentTitle(a ? `${a.code} ${a.name}` : t('title'));
  const back = (
    <Link to={ASSET_CONSOLE_PATH}>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('detail.back')}
      </Button>
    </Link>
  );
  if (isPending) return <Skeleton active />;
  if (error || !a) return <Flex vertical gap={12}>{back}<Alert type="warning" showIcon title={t('detail.notFound')} /></Flex>;
  const dash = (v: string | null) => v || '—';
  const warranty = a.warrantyUntil ? <Space size={6} wrap>{a.warrantyUntil}<Tag color={a.warrantyUntil >= today() ? 'green' : 'default'}>{t(a.warrantyUntil >= today() ? 'warranty.in' : 'warranty.out')}</Tag></Space> : '—';
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }} data-testid="asset-detail">
      {back}
      <Card>
        <Flex vertical gap={6}>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }} data-testid="asset-code-line">
            {a.code} · {category(a.category)}
          </Typography.Text>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {a.name}
          </Typography.Title>
          <Space size={8} wrap>
            <Tag color={STATUS_COLOR[a.status]} style={{ fontSize: 14, padding: '2px 10px' }} data-testid="asset-status">
              {status(a.status)}
            </Tag>
            <Typography.Text>{[a.communityName, a.buildingName, a.place].filter(Boolean).join(' · ')}</Typography.Text>
          </Space>
          {a.status === 'retired' && a.retiredAt ? (
            <Alert type="error" showIcon title={t('detail.retiredOn', { at: a.retiredAt.slice(0, 10), reason: a.retiredReason ?? '' })} />
          ) : null}
        </Flex>
      </Card>
      <Card title={t('detail.maintenance')} size="small">
        <Flex vertical gap={10}>
          <Typography.Text strong>{dash(a.maintainer)}</Typography.Text>
          {a.maintainerPhone ? (
            <a href={telHref(a.maintainerPhone)} data-testid="asset-call">
              <Button type="primary" size="large" block icon={<PhoneOutlined />}>
                {t('detail.call')} {a.maintainerPhone}
              </Button>
            </a>
          ) : null}
          <Descriptions size="small" column={1} items={[{ key: 'w', label: t('col.warrantyUntil'), children: warranty }]} />
        </Flex>
      </Card>
      <Card title={t('detail.equipment')} size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'brand', label: t('col.brand'), children: dash(a.brand) },
            { key: 'model', label: t('col.model'), children: dash(a.model) },
            { key: 'serial', label: t('col.serialNumber'), children: dash(a.serialNumber) },
            { key: 'installed', label: t('col.installedOn'), children: dash(a.installedOn) },
            { key: 'notes', label: t('col.notes'), children: dash(a.notes), span: 'filled' },
          ]}
        />
      </Card>
    </Flex>
  );
}
