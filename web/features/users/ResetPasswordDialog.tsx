/** Set a temporary password for a user; they must change it at the next sign-in. */
import { useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { ApiError, post } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { m } from './messages.js';

/** The reset-password dialog. */
export function ResetPasswordDialog({ userId, open, onClose, onDone }: { userId: number; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      await post(`/users/${userId}/reset-password`, v);
      form.resetFields();
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PASSWORD_TOO_WEAK') form.setFields([{ name: 'password', errors: [e.message] }]);
      else setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t(m.resetPassword)} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t(common.save)} cancelText={t(common.cancel)} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t(m.resetHelp)}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="password"
          label={t(m.newPassword)}
          rules={[
            { required: true, message: t(common.required) },
            { min: 10, message: t(m.passwordShort) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
