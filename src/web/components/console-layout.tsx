import { lazy, Suspense, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Button, Flex, Layout, Spin, theme } from 'antd';
import { BankOutlined, MenuOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n-context';
import { Brand } from './brand';
import { ErrorBoundary } from './error-boundary';
import { LanguageSwitch } from './language-switch';
import { NotificationBell } from './notification-bell';
import { NavMenu } from './nav-menu';
import { useSession } from './session';
import { ShellText } from './shell-text';
import { UserMenu } from './user-menu';
import { useIsDesktop } from './use-media-query';

const SIDER_WIDTH = 232;
// Phones open the menu in a drawer; its code loads on the first tap, not with every console page.
const MobileNavDrawer = lazy(async () => ({ default: (await import('./mobile-nav-drawer')).MobileNavDrawer }));

/**
 * The staff console: menu on the left (a drawer on phones), the organization, language switch
 * and user menu on top, and the current page below.
 */
export function ConsoleLayout() {
  const me = useSession();
  const { t } = useI18n();
  const { token } = theme.useToken();
  const isDesktop = useIsDesktop();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Mounted from the first opening on, so the drawer can animate its closing.
  const [drawerOpened, setDrawerOpened] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isDesktop ? (
        <Layout.Sider
          width={SIDER_WIDTH}
          theme="light"
          style={{
            borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            height: '100vh',
            overflow: 'auto',
          }}
        >
          <div style={{ height: 64, display: 'flex', alignItems: 'center', paddingInline: 20 }}>
            <Brand />
          </div>
          <nav aria-label={t('nav.menu')}>
            <NavMenu />
          </nav>
        </Layout.Sider>
      ) : drawerOpened ? (
        <Suspense fallback={null}>
          <MobileNavDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} />
        </Suspense>
      ) : null}
      <Layout>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            height: 64,
            lineHeight: 'normal',
            paddingInline: isDesktop ? 24 : 8,
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            display: 'flex',
            alignItems: 'center',
            gap: 8,
          }}
        >
          {isDesktop ? null : (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.openMenu')}
              data-testid="open-menu"
              onClick={() => {
                setDrawerOpened(true);
                setDrawerOpen(true);
              }}
              style={{ width: 44, height: 44, flex: 'none' }}
            />
          )}
          <Flex align="center" gap={8} style={{ flex: 1, minWidth: 0 }}>
            <BankOutlined style={{ color: token.colorTextSecondary, flex: 'none' }} />
            <ShellText ellipsis data-testid="organization-name" style={{ fontSize: 15 }}>
              {me.organization?.name ?? t('home.noOrganization')}
            </ShellText>
          </Flex>
          <NotificationBell />
          <LanguageSwitch compact={!isDesktop} />
          <UserMenu compact={!isDesktop} />
        </Layout.Header>
        <Layout.Content style={{ padding: isDesktop ? 24 : 12 }}>
          <ErrorBoundary key={location.pathname}>
            <Suspense
              fallback={
                <Flex justify="center" style={{ paddingBlock: 64 }}>
                  <Spin size="large" />
                </Flex>
              }
            >
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
