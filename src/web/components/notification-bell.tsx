import { lazy, Suspense, useState } from 'react';
import { Button, Flex, Popover, Spin, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useInbox } from '../api/notifications';
import { useI18n } from '../i18n/i18n-context';

const PAGE = 10;
// The list opens on a click; its code loads then (the bell and its count are in the first load).
const NotificationPanel = lazy(async () => ({ default: (await import('./notification-panel')).NotificationPanel }));

/** The staff inbox in the header: unread count, the newest notifications, a way to clear them. */
export function NotificationBell() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const [open, setOpen] = useState(false);
  const [pageSize, setPageSize] = useState(PAGE);
  const inbox = useInbox(pageSize);
  const unread = inbox.data?.unreadCount ?? 0;

  const panel = (
    <Suspense
      fallback={
        <Flex justify="center" style={{ width: 340, maxWidth: 'calc(100vw - 32px)', padding: 24 }}>
          <Spin />
        </Flex>
      }
    >
      <NotificationPanel inbox={inbox} onMore={() => setPageSize((s) => s + PAGE)} onClose={() => setOpen(false)} />
    </Suspense>
  );

  return (
    <Popover content={panel} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Button type="text" aria-label={t('inbox.open', { count: unread })} data-testid="inbox-bell" style={{ width: 44, height: 44 }}>
        {/* The count as antd's small Badge draws it (the Badge module is not worth its weight in the first load). */}
        <span style={{ position: 'relative', display: 'inline-flex' }}>
          <BellOutlined style={{ fontSize: 18 }} />
          {unread > 0 ? (
            <span
              aria-hidden="true"
              data-testid="inbox-count"
              style={{
                position: 'absolute',
                top: 0,
                insetInlineEnd: 0,
                transform: 'translate(50%, -50%)',
                minWidth: 14,
                height: 14,
                paddingInline: 4,
                borderRadius: 7,
                background: token.colorError,
                color: token.colorTextLightSolid,
                fontSize: token.fontSizeSM,
                lineHeight: '14px',
                textAlign: 'center',
                whiteSpace: 'nowrap',
                boxShadow: `0 0 0 1px ${token.colorBgContainer}`,
              }}
            >
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </span>
      </Button>
    </Popover>
  );
}
