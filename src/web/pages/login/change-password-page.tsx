import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { NEW_PASSWORD_MIN_LENGTH } from '../../../common/accounts';
import { changeMyPassword } from '../../api/accounts';
import { ME_QUERY_KEY, logout, useMe } from '../../api/auth';
import { ApiError } from '../../api/client';
import { Brand } from '../../components/brand';
import { LanguageSwitch } from '../../components/language-switch';
import { FullPageSpin } from '../../components/session';
import { useAccountI18n } from './account-messages';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * "修改密码": the signed-in user's own password. After an admin's reset the console sends the
 * user here and nothing else answers until the new password is saved.
 */
export function ChangePasswordPage() {
  const t = useAccountI18n();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { data: me } = useMe();
  if (!me) return <FullPageSpin />;
  const forced = me.mustChangePassword;

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      await changeMyPassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      queryClient.setQueryData(ME_QUERY_KEY, { ...me, mustChangePassword: false });
      message.success(t('password.saved'));
      navigate('/', { replace: true });
    } catch (cause) {
      const fields = cause instanceof ApiError ? cause.fields : {};
      const named = (['currentPassword', 'newPassword'] as const).filter((f) => fields[f]);
      if (named.length) form.setFields(named.map((name) => ({ name, errors: [fields[name]!] })));
      else setError((cause as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const signOut = async () => {
    await logout().catch(() => undefined);
    queryClient.setQueryData(ME_QUERY_KEY, null);
    navigate('/login', { replace: true });
  };

  return (
    <Flex vertical style={{ minHeight: '100vh', background: `linear-gradient(160deg, ${token.colorPrimaryBg} 0%, ${token.colorBgLayout} 55%)` }}>
      <Flex justify="space-between" align="center" style={{ padding: '12px 16px' }}>
        <Brand />
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} justify="center" align="flex-start" style={{ padding: '6vh 16px 32px' }}>
        <Card style={{ width: '100%', maxWidth: 460 }} styles={{ body: { padding: 'clamp(20px, 6vw, 32px)' } }}>
          <Typography.Title level={2} style={{ marginTop: 0 }}>
            {forced ? t('password.forcedTitle') : t('password.title')}
          </Typography.Title>
          {forced ? <Alert type="warning" showIcon title={t('password.forcedHint')} style={{ marginBottom: 16 }} data-testid="forced-change" /> : null}
          <Typography.Paragraph type="secondary">{t('password.hint', { min: NEW_PASSWORD_MIN_LENGTH })}</Typography.Paragraph>
          {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null}
          <Form<Values> form={form} layout="vertical" requiredMark={false} disabled={saving} onFinish={(v) => void submit(v)}>
            <Form.Item name="currentPassword" label={forced ? t('password.currentForced') : t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
              <Input.Password autoComplete="current-password" autoFocus />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label={t('password.new')}
              rules={[
                { required: true, message: t('password.required') },
                { min: NEW_PASSWORD_MIN_LENGTH, message: t('password.tooShort', { min: NEW_PASSWORD_MIN_LENGTH }) },
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('password.confirm')}
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('password.required') },
                ({ getFieldValue }) => ({
                  validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Flex gap={8} justify="space-between" wrap>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('password.submit')}
              </Button>
              {forced ? (
                <Button onClick={() => void signOut()}>{t('password.signOut')}</Button>
              ) : (
                <Button onClick={() => navigate(-1)}>{t('password.cancel')}</Button>
              )}
            </Flex>
          </Form>
        </Card>
      </Flex>
    </Flex>
  );
}
