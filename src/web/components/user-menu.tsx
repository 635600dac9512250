import { App, Avatar, Button, Dropdown, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ME_QUERY_KEY, logout } from '../api/auth';
import { useI18n } from '../i18n/i18n-context';
import { useSession } from './session';

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
                <Typography.Text strong>{me.user.displayName}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{me.user.username}</Typography.Text>
                <br />
                <Typography.Text type="secondary" data-testid="user-roles">
                  {t('user.roles', { roles })}
                </Typography.Text>
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
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#2f6f9f' }} />
        {compact ? null : <span style={{ marginInlineStart: 4 }}>{me.user.displayName}</span>}
      </Button>
    </Dropdown>
  );
}
