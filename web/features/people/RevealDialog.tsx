/**
 * Reveal one masked personal field: explains that the view is recorded, asks for a reason, and shows the
 * value only in this dialog's caller (it is never stored in the browser).
 */
import { useState } from 'react';
import { Alert, Form, Input, Modal, type ButtonProps } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { REVEAL_REASON_MIN, REVEAL_REASON_MAX } from '../../../common/contracts/people.js';
import { ApiError, post } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import type { PersonalField } from './types.js';
import { reveal as r } from './messages.js';

export interface RevealTarget {
  residentId: number;
  field: PersonalField;
  label: string;
}

/** The dialog; onRevealed gets the value (null when not recorded). */
export function RevealDialog({ target, onClose, onRevealed }: { target: RevealTarget | null; onClose(): void; onRevealed(field: PersonalField, value: string | null): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      const res = await post<{ field: PersonalField; value: string | null }>(`/people/residents/${target!.residentId}/reveal`, { field: target!.field, reason: v.reason.trim() });
      form.resetFields();
      onRevealed(res.field, res.value);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'REVEAL_REASON_REQUIRED') form.setFields([{ name: 'reason', errors: [e.message] }]);
      else setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!target}
      title={
        <span>
          <SafetyCertificateOutlined style={{ color: '#c4161c' }} /> {target ? t(r.title, { field: target.label }) : ''}
        </span>
      }
      onCancel={() => {
        form.resetFields();
        setError(undefined);
        onClose();
      }}
      onOk={submit}
      confirmLoading={busy}
      okText={t(r.confirm)}
      cancelText={t(common.cancel)}
      okButtonProps={{ danger: true, 'data-testid': 'reveal-confirm' } as ButtonProps}
      destroyOnHidden
      data-testid="reveal-dialog"
    >
      <Alert type="warning" showIcon title={t(r.warning)} style={{ marginBottom: 16 }} data-testid="reveal-warning" />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t(r.reason)}
          rules={[
            { validator: (_rule, v: string | undefined) => ([...(v ?? '').trim()].length >= REVEAL_REASON_MIN ? Promise.resolve() : Promise.reject(new Error(t(r.reasonShort, { n: REVEAL_REASON_MIN })))) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={REVEAL_REASON_MAX} showCount placeholder={t(r.reasonPlaceholder)} autoFocus data-testid="reveal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
