import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Modal, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { KeyOutlined, StopOutlined, CheckOutlined } from '@ant-design/icons';
import type { AccountAction } from '../../../common/accounts';
import { useAccountAction, useStaffAccount, type TemporaryPassword } from '../../api/accounts';
import { useSession } from '../../components/session';
import { useAccountI18n, type AccountMessageKey } from '../login/account-messages';

const BUTTONS: { action: AccountAction; label: AccountMessageKey; confirm: AccountMessageKey; icon: React.ReactNode; danger: boolean }[] = [
  { action: 'disable', label: 'account.disable', confirm: 'account.disableConfirm', icon: <StopOutlined />, danger: true },
  { action: 'enable', label: 'account.enable', confirm: 'account.enableConfirm', icon: <CheckOutlined />, danger: false },
  { action: 'resetPassword', label: 'account.reset', confirm: 'account.resetConfirm', icon: <KeyOutlined />, danger: true },
];

/**
 * A staff member's sign-in account, for company admins: its state and the disable / enable /
 * reset-password buttons the server allows (`allowedActions`), each asking first. A reset shows
 * the temporary password once.
 */
export function StaffAccountCard({ staffId }: { staffId: string }) {
  const me = useSession();
  const t = useAccountI18n();
  const { message } = App.useApp();
  const isAdmin = me.roles.includes('company_admin');
  const { data, isPending, error } = useStaffAccount(staffId, isAdmin);
  const act = useAccountAction(staffId);
  const [temporary, setTemporary] = useState<TemporaryPassword | null>(null);
  if (!isAdmin) return null;

  const run = (action: AccountAction) =>
    act.mutate(action, {
      onSuccess: (result) => {
        if ('temporaryPassword' in result) setTemporary(result);
        else message.success(t(action === 'disable' ? 'account.disabledDone' : 'account.enabledDone'));
      },
      onError: (e) => message.error(e.message),
    });

  const account = data?.account;
  return (
    <Card title={t('account.title')} data-testid="staff-account">
      {isPending ? <Skeleton active paragraph={{ rows: 1 }} /> : null}
      {error ? <Typography.Text type="danger">{error.message}</Typography.Text> : null}
      {data && !account ? <Typography.Text type="secondary">{t('account.none')}</Typography.Text> : null}
      {account ? (
        <Flex vertical gap={12}>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'username', label: t('account.username'), children: account.username },
              {
                key: 'state',
                label: t('account.state'),
                children: (
                  <Flex gap={4} wrap>
                    <Tag color={account.state === 'active' ? 'green' : 'default'} data-testid="account-state">
                      {t(account.state === 'active' ? 'account.active' : 'account.disabled')}
                    </Tag>
                    {account.mustChangePassword ? <Tag color="orange">{t('account.mustChange')}</Tag> : null}
                  </Flex>
                ),
              },
            ]}
          />
          <Flex gap={8} wrap>
            {BUTTONS.filter((b) => account.allowedActions.includes(b.action)).map((b) => (
              <Popconfirm
                key={b.action}
                title={t(b.confirm, { username: account.username })}
                okText={t('account.ok')}
                cancelText={t('account.cancel')}
                onConfirm={() => run(b.action)}
              >
                <Button danger={b.danger} icon={b.icon} loading={act.isPending && act.variables === b.action}>
                  {t(b.label)}
                </Button>
              </Popconfirm>
            ))}
          </Flex>
        </Flex>
      ) : null}
      <Modal
        open={temporary !== null}
        title={t('account.tempTitle')}
        onOk={() => setTemporary(null)}
        onCancel={() => setTemporary(null)}
        okText={t('account.tempClose')}
        cancelButtonProps={{ style: { display: 'none' } }}
        mask={{ closable: false }}
      >
        {temporary ? (
          <Flex vertical gap={12}>
            <Typography.Paragraph>{t('account.tempHint', { username: temporary.username })}</Typography.Paragraph>
            <Typography.Text code copyable style={{ fontSize: 20 }} data-testid="temporary-password">
              {temporary.temporaryPassword}
            </Typography.Text>
          </Flex>
        ) : null}
      </Modal>
    </Card>
  );
}
