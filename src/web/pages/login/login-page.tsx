import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ME_QUERY_KEY, login, useMe } from '../../api/auth';
import { ApiError } from '../../api/client';
import { Brand } from '../../components/brand';
import { LanguageSwitch } from '../../components/language-switch';
import { FullPageSpin, type LoginRedirectState } from '../../components/session';
import { usePageTitle } from '../../shared/use-document-title';
import { useI18n } from '../../i18n/i18n-context';

interface Credentials {
  username: string;
  password: string;
}

const FIELDS: readonly (keyof Credentials)[] = ['username', 'password'];

/** Where to go after signing in: back to the page that asked, never off-site. */
function safeTarget(state: unknown): string {
  const from = (state as LoginRedirectState | null)?.from;
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

/** Username and password sign-in. */
export function LoginPage() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: me, isPending } = useMe();
  usePageTitle('login.title');

  if (isPending) return <FullPageSpin />;
  if (me) return <Navigate to={safeTarget(location.state)} replace />;

  const submit = async (values: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      const signedIn = await login({ username: values.username.trim(), password: values.password });
      queryClient.setQueryData(ME_QUERY_KEY, signedIn);
      navigate(safeTarget(location.state), { replace: true });
    } catch (cause) {
      const apiError = cause instanceof ApiError ? cause : null;
      const fieldErrors = FIELDS.filter((name) => apiError?.fields[name]).map((name) => ({
        name,
        errors: [apiError?.fields[name] ?? ''],
      }));
      if (fieldErrors.length > 0) form.setFields(fieldErrors);
      else setError((cause as Error).message);
      setSubmitting(false);
    }
  };

  return (
    <Flex
      vertical
      style={{
        minHeight: '100vh',
        background: `linear-gradient(160deg, ${token.colorPrimaryBg} 0%, ${token.colorBgLayout} 55%)`,
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '12px 16px' }}>
        <Brand />
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} justify="center" align="flex-start" style={{ padding: '8vh 16px 32px' }}>
        <Card style={{ width: '100%', maxWidth: 420 }} styles={{ body: { padding: 'clamp(20px, 6vw, 32px)' } }}>
          <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {t('login.subtitle')}
          </Typography.Paragraph>
          {error ? (
            <Alert type="error" showIcon title={error} role="alert" data-testid="login-error" style={{ marginBottom: 16 }} />
          ) : null}
          <Form<Credentials>
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            disabled={submitting}
            onFinish={(values) => void submit(values)}
            onValuesChange={() => setError(null)}
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <div style={{ paddingTop: 12 }}>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                {t('login.submit')}
              </Button>
            </div>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 24, marginBottom: 0, fontSize: 13 }}>
            {t('login.help')}
          </Typography.Paragraph>
        </Card>
      </Flex>
    </Flex>
  );
}
