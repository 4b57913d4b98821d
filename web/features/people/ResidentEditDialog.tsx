/**
 * Edit a resident (people.write): name, relation, ethnicity, party membership, key-population tags, and new
 * values for masked personal fields (their current values are never shown here). Sends only what changed.
 */
import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import { KEY_POPULATIONS } from '../../../common/key-populations.js';
import { RELATIONS } from '../../../common/contracts/people.js';
import { ApiError, patch } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { applyFieldErrors } from '../../ui/form-errors.js';
import type { ResidentDetail } from './types.js';
import { edit as e, m } from './messages.js';

interface Values {
  name: string;
  relation: string;
  ethnicity: string;
  isPartyMember: boolean;
  tags: string[];
  phone?: string;
  health?: string;
  disability?: string;
  income?: string;
}

const FIELDS = ['name', 'relation', 'ethnicity', 'isPartyMember', 'tags', 'phone', 'health', 'disability', 'income'];

/** The dialog; `onSaved` receives the updated resident. */
export function ResidentEditDialog({ resident, open, onClose, onSaved }: { resident: ResidentDetail; open: boolean; onClose(): void; onSaved(r: ResidentDetail): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Tags the caller cannot see would be wiped by a full tag list: only those who may reveal edit tags.
  const tagsEditable = resident.abilities.reveal;

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.setFieldsValue({ name: resident.name, relation: resident.relation, ethnicity: resident.ethnicity, isPartyMember: resident.isPartyMember, tags: resident.tags, phone: '', health: '', disability: '', income: '' });
  }, [open, resident, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: Record<string, unknown> = {};
    if (v.name.trim() !== resident.name) body.name = v.name.trim();
    if (v.relation !== resident.relation) body.relation = v.relation;
    if (v.ethnicity.trim() !== resident.ethnicity) body.ethnicity = v.ethnicity.trim();
    if (v.isPartyMember !== resident.isPartyMember) body.isPartyMember = v.isPartyMember;
    if (tagsEditable && JSON.stringify([...v.tags].sort()) !== JSON.stringify([...resident.tags].sort())) body.tags = v.tags;
    for (const f of ['phone', 'health', 'disability', 'income'] as const) if (v[f]?.trim()) body[f] = v[f]!.trim();
    if (Object.keys(body).length === 0) {
      setError(t(e.nothing));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await patch<ResidentDetail>(`/people/residents/${resident.id}`, body));
    } catch (err) {
      const rest = applyFieldErrors(form, err, FIELDS);
      setError(err instanceof ApiError ? [err.message, ...rest.map((r) => r.message)].join(t(common.semi)) : String(err));
    } finally {
      setBusy(false);
    }
  };

  const keep = t(e.keepHint);
  return (
    <Modal open={open} title={t(e.title)} width={640} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t(common.save)} cancelText={t(common.cancel)} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" data-testid="resident-edit-form">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t(m.name)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
              <Input maxLength={50} data-testid="resident-edit-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="relation" label={t(m.relation)} rules={[{ required: true, message: t(common.required) }]}>
              <Select options={RELATIONS.map((r) => ({ value: r.code, label: lang === 'en' ? r.en : r.zh }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="ethnicity" label={t(m.ethnicity)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="isPartyMember" label={t(m.partyYes)} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        {tagsEditable ? (
          <Form.Item name="tags" label={t(m.tags)}>
            <Select mode="multiple" allowClear options={KEY_POPULATIONS.map((k) => ({ value: k.code, label: lang === 'en' ? k.en : k.zh }))} data-testid="resident-edit-tags" />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary">{t(e.tagsHidden)}</Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t(e.personalHelp)}
        </Typography.Paragraph>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t(m.phone)} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t(e.phoneFormat) }]}>
              <Input inputMode="tel" placeholder={keep} autoComplete="off" />
            </Form.Item>
          </Col>
          {(['health', 'disability', 'income'] as const).map((f) => (
            <Col key={f} xs={24} sm={12}>
              <Form.Item name={f} label={t(m[f])}>
                <Input maxLength={500} placeholder={keep} autoComplete="off" />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}
