/** Create or edit a webhook subscription: URL, description, event-type filter, active; the unit when creating. */
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { ApiError, patch, post } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { applyFieldErrors } from '../../ui/form-errors.js';
import { NodePicker } from '../org/NodePicker.js';
import { EVENT_TYPE_PATTERN } from '../../../common/contracts/notifications.js';
import type { Webhook } from './types.js';
import { w } from './messages.js';

interface Values {
  url: string;
  description: string;
  eventTypes: string[];
  active: boolean;
  nodeId?: number | null;
}

const AREA_TYPES = ['city', 'district', 'street', 'community'];

/** The dialog; `editing` null creates. */
export function WebhookFormDialog({ open, editing, onClose, onSaved }: { open: boolean; editing: Webhook | null; onClose(): void; onSaved(h: Webhook): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.setFieldsValue(editing ? { url: editing.url, description: editing.description, eventTypes: editing.eventTypes, active: editing.active } : { url: '', description: '', eventTypes: [], active: true, nodeId: null });
  }, [open, editing, form]);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = { url: v.url.trim(), description: v.description?.trim() ?? '', eventTypes: v.eventTypes ?? [], active: v.active };
      const saved = editing ? await patch<Webhook>(`/webhooks/${editing.id}`, body) : await post<Webhook>('/webhooks', { ...body, ...(v.nodeId ? { nodeId: v.nodeId } : {}) });
      onSaved(saved);
    } catch (e) {
      const rest = applyFieldErrors(form, e, ['url', 'description', 'eventTypes', 'active', 'nodeId']);
      if (e instanceof ApiError && e.code === 'WEBHOOK_NODE_REQUIRED') form.setFields([{ name: 'nodeId', errors: [e.message] }]);
      else if (!(e instanceof ApiError) || e.code !== 'VALIDATION_FAILED' || rest.length) setError(e instanceof ApiError ? [e.message, ...rest.map((r) => r.message)].join(t(common.semi)) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={editing ? t(w.settings) : t(w.create)} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t(common.save)} cancelText={t(common.cancel)} destroyOnHidden width={560}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="webhook-form">
        <Form.Item
          name="url"
          label={t(w.url)}
          extra={t(w.urlHelp)}
          rules={[
            { required: true, whitespace: true, message: t(common.required) },
            { pattern: /^https?:\/\/[^\s/@]+(\/\S*)?$/i, message: t(w.urlFormat) },
          ]}
        >
          <Input placeholder="https://" inputMode="url" autoCapitalize="none" maxLength={2000} data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="description" label={t(w.description)}>
          <Input maxLength={500} placeholder={t(w.descriptionPlaceholder)} data-testid="webhook-description" />
        </Form.Item>
        <Form.Item
          name="eventTypes"
          label={t(w.eventTypes)}
          extra={t(w.eventTypesHelp)}
          rules={[{ validator: async (_r, v: string[] = []) => (v.every((x) => EVENT_TYPE_PATTERN.test(x)) ? undefined : Promise.reject(new Error(t(w.eventTypeFormat)))) }]}
        >
          <Select mode="tags" placeholder={t(w.allEvents)} tokenSeparators={[',', ' ']} options={[{ value: 'case.*' }, { value: '*' }]} data-testid="webhook-event-types" />
        </Form.Item>
        {!editing && (
          <Form.Item name="nodeId" label={t(w.node)} extra={t(w.nodeHelp)}>
            <NodePicker types={AREA_TYPES} placeholder={t(w.nodeDefault)} testId="webhook-node" />
          </Form.Item>
        )}
        <Form.Item name="active" label={t(w.active)} valuePropName="checked">
          <Switch data-testid="webhook-active" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
