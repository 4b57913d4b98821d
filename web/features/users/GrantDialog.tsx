/** Give a user a role on a node: choose the role, then a node of a type that role may be granted on. */
import { useState } from 'react';
import { Alert, Form, Modal, Select } from 'antd';
import { ROLES, ROLE_NODE_TYPES, type Role } from '../../../common/permissions.js';
import { ApiError, post } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { nodeTypeLabel, roleLabel } from '../../lib/labels.js';
import { common } from '../../lib/messages.js';
import { NodePicker } from '../org/NodePicker.js';
import type { User } from './types.js';
import { m } from './messages.js';

/** The add-grant dialog. */
export function GrantDialog({ user, open, onClose, onDone }: { user: User; open: boolean; onClose(): void; onDone(u: User): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ role: Role; nodeId: number }>();
  const role = Form.useWatch('role', form);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      const u = await post<User>(`/users/${user.id}/grants`, v);
      form.resetFields();
      onDone(u);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const types = role ? ROLE_NODE_TYPES[role] : [];
  return (
    <Modal open={open} title={t(m.addGrant)} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t(common.save)} cancelText={t(common.cancel)} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" data-testid="grant-form">
        <Form.Item name="role" label={t(m.role)} rules={[{ required: true, message: t(common.required) }]}>
          <Select
            options={ROLES.map((r) => ({ value: r, label: t(roleLabel(r)) }))}
            onChange={() => form.setFieldValue('nodeId', undefined)}
            data-testid="grant-role"
          />
        </Form.Item>
        <Form.Item
          name="nodeId"
          label={t(m.node)}
          extra={role ? t(m.nodeHelp, { types: types.map((ty) => t(nodeTypeLabel(ty))).join(' / ') }) : undefined}
          rules={[{ required: true, message: t(common.required) }]}
        >
          <NodePicker key={role ?? 'none'} types={types} tree={role === 'department_staff' ? 'department' : 'admin'} testId="grant-node" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
