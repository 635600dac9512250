import { Alert, App, Button, Flex, Tag, Typography } from 'antd';
import { PlusCircleOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { useAddCallToOrder, useOpenAtIntake, type OpenAtIntake } from '../../api/work-orders';
import { useWoI18n } from './use-wo-i18n';
import { formatDuration, KindTag, StatusTag } from './work-order-format';

/**
 * While the desk takes a call: the open orders of the unit and of the caller, newest first, the
 * one of the same category marked, and one click to record this call on it (an internal note on
 * its timeline) instead of opening a duplicate.
 */
export function OpenOrdersPanel({
  unitId,
  residentId,
  phone,
  category,
  callText,
  channelLabel,
}: {
  unitId?: string;
  residentId?: string;
  phone?: string;
  category?: string;
  /** What the desk has typed about the call so far. */
  callText: string;
  channelLabel: string;
}) {
  const { t, tl } = useWoI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const open = useOpenAtIntake({ unitId, residentId, phone });
  const add = useAddCallToOrder();
  const items = open.data?.items ?? [];
  if (!items.length) return null;
  const addTo = async (order: OpenAtIntake) => {
    try {
      const body = t('intake.open.callNote', { channel: channelLabel, text: callText.trim() || t('intake.open.callNoteEmpty') });
      await add.mutateAsync({ id: order.id, body });
      void message.success(t('intake.open.added', { number: order.number }));
      void navigate(`/work-orders/${order.id}`);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="intake-open-orders"
      title={t('intake.open.title', { count: items.length })}
      description={
        <Flex vertical gap={4} style={{ marginTop: 4 }}>
          {items.map((order) => {
            const same = Boolean(category) && order.category === category;
            return (
              <Flex
                key={order.id}
                justify="space-between"
                align="center"
                gap={8}
                wrap
                data-testid={`open-order-${order.number}`}
                data-same-category={same || undefined}
                style={{ padding: '6px 8px', borderRadius: 6, background: same ? '#fff1b8' : undefined }}
              >
                <Flex gap={8} wrap align="center">
                  <Link to={`/work-orders/${order.id}`} target="_blank">
                    <Typography.Text strong>{order.number}</Typography.Text>
                  </Link>
                  <KindTag kind={order.kind} />
                  <span>{tl(order.categoryName, order.category)}</span>
                  <StatusTag name={tl(order.statusName)} type={order.statusType} />
                  <Typography.Text type="secondary">{t('intake.open.age', { duration: formatDuration(Date.now() - Date.parse(order.createdAt), t) })}</Typography.Text>
                  {order.matchedBy.map((m) => (
                    <Tag key={m} variant="filled">
                      {t(m === 'unit' ? 'intake.open.byUnit' : 'intake.open.byReporter')}
                    </Tag>
                  ))}
                  {same ? <Tag color="orange">{t('intake.open.sameCategory')}</Tag> : null}
                </Flex>
                <Button
                  size="small"
                  type={same ? 'primary' : 'default'}
                  icon={<PlusCircleOutlined />}
                  loading={add.isPending && add.variables?.id === order.id}
                  onClick={() => void addTo(order)}
                  data-testid="open-order-add-call"
                >
                  {t('intake.open.addCall')}
                </Button>
              </Flex>
            );
          })}
        </Flex>
      }
    />
  );
}
