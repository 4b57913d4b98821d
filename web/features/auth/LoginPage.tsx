/** Sign-in page: product name, one-line description, language switch, username and password. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { GlobalOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../lib/auth.js';
import { common } from '../../lib/messages.js';
import { useI18n } from '../../lib/i18n.js';
import { ApiError } from '../../lib/api.js';
import { Brand } from '../../shell/Brand.js';
import { LanguageSwitch } from '../../shell/LanguageSwitch.js';
import { m } from './messages.js';
import { m as publicCases } from '../cases/public/messages.js';

/** Only same-site paths may be a redirect target after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The sign-in page. */
export function LoginPage() {
  const { me, login } = useAuth();
  const { t } = useI18n();
  useEffect(() => {
    document.title = t(common.productFull);
  }, [t]);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));
  if (me) return <Navigate to={me.mustChangePassword ? '/account/password' : next} replace />;

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const who = await login(v.username.trim(), v.password);
      navigate(who.mustChangePassword ? '/account/password' : next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: 'linear-gradient(180deg, #fff5f5 0%, #f5f6f8 45%)' }}>
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch size="middle" />
      </div>
      <Flex vertical align="center" gap={8} style={{ marginBottom: 24, textAlign: 'center' }}>
        <Brand size={48} full />
        <Typography.Text type="secondary" style={{ maxWidth: 360 }}>
          {t(m.tagline)}
        </Typography.Text>
      </Flex>
      <Card style={{ width: '100%', maxWidth: 380 }} title={t(m.title)}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" label={t(m.username)} rules={[{ required: true, whitespace: true, message: t(m.usernameRequired) }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" size="large" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t(m.password)} rules={[{ required: true, message: t(m.passwordRequired) }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t(m.signIn)}
          </Button>
        </Form>
      </Card>
      <Link to="/public/cases" style={{ marginTop: 16, textAlign: 'center' }} data-testid="login-public-cases">
        <GlobalOutlined /> {t(publicCases.loginLink)}
      </Link>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t(m.footer)}
      </Typography.Text>
    </Flex>
  );
}
