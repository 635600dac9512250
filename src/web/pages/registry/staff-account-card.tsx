import { useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Flex, Form, Input, Modal, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { KeyOutlined, StopOutlined, CheckOutlined, UserAddOutlined, TeamOutlined } from '@ant-design/icons';
import { STAFF_ROLES, type StaffRole } from '../../../common/roles';
import { useAccountAction, useCreateAccount, useSetAccountRoles, useStaffAccount, type AccountButton, type TemporaryPassword } from '../../api/accounts';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n-context';
import { showFieldErrors } from '../../shared/field-errors';
import { useAccountI18n, type AccountMessageKey } from '../login/account-messages';

const BUTTONS: { action: AccountButton; label: AccountMessageKey; confirm: AccountMessageKey; icon: React.ReactNode; danger: boolean }[] = [
  { action: 'disable', label: 'account.disable', confirm: 'account.disableConfirm', icon: <StopOutlined />, danger: true },
  { action: 'enable', label: 'account.enable', confirm: 'account.enableConfirm', icon: <CheckOutlined />, danger: false },
  { action: 'resetPassword', label: 'account.reset', confirm: 'account.resetConfirm', icon: <KeyOutlined />, danger: true },
];

/**
 * A staff member's sign-in account, for company admins: its state and roles, and the buttons the
 * server allows (`allowedActions`, `canCreate`): create the account with its roles, change the
 * roles, disable / enable / reset the password (each asking first). Creating and resetting show
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
  const [editing, setEditing] = useState<'create' | 'roles' | null>(null);
  if (!isAdmin) return null;

  const run = (action: AccountButton) =>
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
      {data && !account ? (
        <Flex vertical gap={12} align="start">
          <Typography.Text type="secondary">{t('account.none')}</Typography.Text>
          {data.canCreate ? (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setEditing('create')}>
              {t('account.create')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {account ? (
        <Flex vertical gap={12}>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'username', label: t('account.username'), children: account.username },
              { key: 'roles', label: t('account.roles'), children: <RoleTags roles={account.roles} /> },
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
            {account.allowedActions.includes('setRoles') ? (
              <Button icon={<TeamOutlined />} onClick={() => setEditing('roles')}>
                {t('account.editRoles')}
              </Button>
            ) : null}
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
      {editing ? (
        <AccountForm
          staffId={staffId}
          mode={editing}
          roles={account?.roles ?? []}
          onClose={() => setEditing(null)}
          onCreated={(created) => {
            setEditing(null);
            setTemporary(created);
          }}
        />
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

function RoleTags({ roles }: { roles: StaffRole[] }) {
  const { roleLabel } = useI18n();
  return (
    <Flex gap={4} wrap data-testid="account-roles">
      {roles.map((r) => (
        <Tag key={r}>{roleLabel(r)}</Tag>
      ))}
    </Flex>
  );
}

/** Creating an account (username and roles) or changing its roles; the server's field errors show under the fields. */
function AccountForm(props: {
  staffId: string;
  mode: 'create' | 'roles';
  roles: StaffRole[];
  onClose: () => void;
  onCreated: (created: TemporaryPassword) => void;
}) {
  const t = useAccountI18n();
  const { roleLabel } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ username: string; roles: StaffRole[] }>();
  const create = useCreateAccount(props.staffId);
  const setRoles = useSetAccountRoles(props.staffId);
  const pending = create.isPending || setRoles.isPending;
  const failed = (error: unknown) => {
    const elsewhere = showFieldErrors(form, error);
    if (elsewhere === false) message.error(error instanceof Error ? error.message : String(error));
    else if (elsewhere.length) message.error(elsewhere.join('; '));
  };
  const submit = (values: { username: string; roles: StaffRole[] }) => {
    if (props.mode === 'create') create.mutate(values, { onSuccess: props.onCreated, onError: failed });
    else
      setRoles.mutate(values.roles, {
        onSuccess: () => {
          message.success(t('account.rolesSaved'));
          props.onClose();
        },
        onError: failed,
      });
  };
  return (
    <Modal
      open
      title={t(props.mode === 'create' ? 'account.create' : 'account.editRoles')}
      okText={t('account.save')}
      cancelText={t('account.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ roles: props.roles }} onFinish={submit} data-testid="account-form">
        {props.mode === 'create' ? (
          <Form.Item
            name="username"
            label={t('account.username')}
            extra={t('account.usernameHint')}
            rules={[
              { required: true, message: t('account.usernameRequired') },
              { pattern: /^[A-Za-z0-9._-]{3,50}$/, message: t('account.usernameHint') },
            ]}
          >
            <Input autoComplete="off" maxLength={50} />
          </Form.Item>
        ) : null}
        <Form.Item name="roles" label={t('account.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('account.rolesRequired') }]}>
          <Checkbox.Group
            options={STAFF_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
            style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 8 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
