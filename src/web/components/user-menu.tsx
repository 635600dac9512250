import { App, Button, Dropdown } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ME_QUERY_KEY, logout } from '../api/auth';
import { useI18n } from '../i18n/i18n-context';
import { useSession } from './session';
import { ShellText } from './shell-text';

/** The signed-in user's name and roles, and the way out. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const me = useSession();
  const { t, roleLabel } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const signOut = async () => {
    try {
      await logout();
    } catch (cause) {
      // The session may already be gone; the user still ends up signed out here.
      message.warning(t('user.logoutFailed', { message: (cause as Error).message }));
    }
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
    queryClient.setQueryData(ME_QUERY_KEY, null);
    navigate('/login', { replace: true });
  };

  const roles = me.roles.map(roleLabel).join(t('common.listSeparator'));

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'profile',
            disabled: true,
            style: { cursor: 'default' },
            label: (
              <div style={{ maxWidth: 260 }}>
                <ShellText strong>{me.user.displayName}</ShellText>
                <br />
                <ShellText type="secondary">{me.user.username}</ShellText>
                <br />
                <ShellText type="secondary" data-testid="user-roles">
                  {t('user.roles', { roles })}
                </ShellText>
              </div>
            ),
          },
          { type: 'divider' },
          { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword'), onClick: () => navigate('/password') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), onClick: () => void signOut() },
        ],
      }}
    >
      <Button type="text" aria-label={t('user.menu')} data-testid="user-menu" style={{ height: 40, paddingInline: 8 }}>
        {/* A small round avatar (antd's Avatar, size small), drawn here to keep its module out of the first load. */}
        <span
          aria-hidden="true"
          style={{ display: 'inline-grid', placeItems: 'center', width: 24, height: 24, borderRadius: '50%', background: '#2f6f9f', color: '#ffffff', fontSize: 14 }}
        >
          <UserOutlined />
        </span>
        {compact ? null : <span style={{ marginInlineStart: 4 }}>{me.user.displayName}</span>}
      </Button>
    </Dropdown>
  );
}
