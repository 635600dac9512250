import { Button, Empty, Flex, Spin, Tag, Typography, theme } from 'antd';
import { useNavigate } from 'react-router';
import { notificationLink, useMarkAllRead, useMarkRead, type InboxNotification, type useInbox } from '../api/notifications';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';

const KIND_COLORS: Record<string, string> = { breached: 'red', escalated: 'volcano', due_soon: 'orange', assigned: 'blue' };
const KIND_LABELS: Record<string, MessageKey> = {
  breached: 'inbox.kind.breached',
  escalated: 'inbox.kind.escalated',
  due_soon: 'inbox.kind.dueSoon',
  assigned: 'inbox.kind.assigned',
  owner_replied: 'inbox.kind.ownerReplied',
  state_entered: 'inbox.kind.stateEntered',
};

/**
 * The opened inbox: the newest notifications, a way to clear them. Loaded when the bell is first
 * opened (see notification-bell.tsx), so its tags and empty-state picture are not in the first load.
 */
export function NotificationPanel(props: { inbox: ReturnType<typeof useInbox>; onMore: () => void; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const { inbox } = props;
  const unread = inbox.data?.unreadCount ?? 0;

  const openItem = (n: InboxNotification) => {
    if (!n.read) markRead.mutate(n.id);
    const link = notificationLink(n);
    if (link) {
      props.onClose();
      navigate(link);
    }
  };

  return (
    <div style={{ width: 340, maxWidth: 'calc(100vw - 32px)' }} data-testid="inbox">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('inbox.title')}</Typography.Text>
        <Button size="small" type="link" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
          {t('inbox.markAllRead')}
        </Button>
      </Flex>
      {inbox.isLoading ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : inbox.isError ? (
        <Typography.Text type="danger">{(inbox.error as Error).message}</Typography.Text>
      ) : !inbox.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
      ) : (
        <div style={{ maxHeight: 420, overflowY: 'auto' }}>
          {inbox.data.items.map((n) => (
            <button
              key={n.id}
              type="button"
              onClick={() => openItem(n)}
              style={{
                display: 'block',
                width: '100%',
                textAlign: 'start',
                border: 'none',
                borderBottom: `1px solid ${token.colorSplit}`,
                background: n.read ? 'transparent' : token.colorPrimaryBg,
                padding: '10px 8px',
                cursor: 'pointer',
                minHeight: 44,
              }}
            >
              <Flex gap={6} align="center" style={{ marginBottom: 2 }}>
                {KIND_LABELS[n.kind] ? <Tag color={KIND_COLORS[n.kind]}>{t(KIND_LABELS[n.kind]!)}</Tag> : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {new Date(n.createdAt).toLocaleString(locale)}
                </Typography.Text>
              </Flex>
              <Typography.Text strong={!n.read}>{n.message}</Typography.Text>
            </button>
          ))}
          {inbox.data.total > inbox.data.items.length ? (
            <Button block type="link" onClick={props.onMore}>
              {t('inbox.more')}
            </Button>
          ) : null}
        </div>
      )}
    </div>
  );
}
