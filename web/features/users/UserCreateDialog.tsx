/** Create a user: username, name, phone, language and an initial password. */
import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { ApiError, post } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { applyFieldErrors } from '../../ui/form-errors.js';
import type { User } from './types.js';
import { m } from './messages.js';

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  locale: 'zh-CN' | 'en';
  password: string;
}

/** The create-user dialog. */
export function UserCreateDialog({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(u: User): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      const u = await post<User>('/users', { ...v, username: v.username.trim().toLowerCase(), phone: v.phone?.trim() || null });
      form.resetFields();
      onCreated(u);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'USERNAME_TAKEN') form.setFields([{ name: 'username', errors: [e.message] }]);
      else if (e instanceof ApiError && e.code === 'PASSWORD_TOO_WEAK') form.setFields([{ name: 'password', errors: [e.message] }]);
      else {
        const rest = applyFieldErrors(form, e, ['username', 'displayName', 'phone', 'locale', 'password']);
        setError(e instanceof ApiError ? [e.message, ...rest.map((r) => r.message)].join(t(common.semi)) : String(e));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t(m.create)} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t(common.save)} cancelText={t(common.cancel)} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ locale: lang }} data-testid="user-create-form">
        <Form.Item
          name="username"
          label={t(m.username)}
          extra={t(m.usernameHelp)}
          rules={[
            { required: true, message: t(common.required) },
            { pattern: /^[a-zA-Z0-9_.-]{2,40}$/, message: t(m.usernameFormat) },
          ]}
        >
          <Input autoCapitalize="none" autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t(m.displayName)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
          <Input maxLength={50} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="phone" label={t(m.phone)} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t(m.phoneFormat) }]}>
          <Input inputMode="tel" data-testid="user-phone" />
        </Form.Item>
        <Form.Item name="locale" label={t(m.locale)}>
          <Select options={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }]} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t(m.password)}
          extra={t(m.passwordHelp)}
          rules={[
            { required: true, message: t(common.required) },
            { min: 10, message: t(m.passwordShort) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
