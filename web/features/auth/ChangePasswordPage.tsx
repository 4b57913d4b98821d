/** Change one's own password; the only page available while the account must change its password. */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth, useMe } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';
import { ApiError, post } from '../../lib/api.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { applyFieldErrors } from '../../ui/form-errors.js';
import { common } from '../../lib/messages.js';
import { m } from './messages.js';

interface Values {
  current: string;
  next: string;
  repeat: string;
}

/** The change-password page. */
export function ChangePasswordPage() {
  const me = useMe();
  const { refresh } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await post('/auth/password', { current: v.current, next: v.next });
      message.success(t(m.changed));
      await refresh();
      navigate(me.mustChangePassword ? '/' : '/account', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PASSWORD_WRONG') form.setFields([{ name: 'current', errors: [e.message] }]);
      else if (e instanceof ApiError && e.code === 'PASSWORD_TOO_WEAK') form.setFields([{ name: 'next', errors: [e.message] }]);
      else {
        applyFieldErrors(form, e, ['current', 'next']);
        setError(e instanceof ApiError ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 480 }}>
      <PageHeader title={t(m.changePassword)} back={me.mustChangePassword ? undefined : { to: '/account', label: t(m.account) }} />
      {me.mustChangePassword && <Alert type="warning" showIcon title={t(m.mustChange)} style={{ marginBottom: 16 }} data-testid="must-change-password" />}
      <Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="password-form">
          <Form.Item name="current" label={t(m.current)} rules={[{ required: true, message: t(common.required) }]}>
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="next"
            label={t(m.next)}
            extra={t(m.rule)}
            rules={[
              { required: true, message: t(common.required) },
              { min: 10, message: t(m.tooShort) },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-next" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t(m.repeat)}
            dependencies={['next']}
            rules={[
              { required: true, message: t(common.required) },
              ({ getFieldValue }) => ({
                validator: (_r, value) => (!value || value === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error(t(m.mismatch)))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-repeat" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
            {t(m.changePassword)}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
