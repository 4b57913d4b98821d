/** Create or edit an organisation node in a dialog, with the tree's rules and server field errors. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { TYPE_RULES } from '../../../common/org-rules.js';
import { NODE_TYPES, type NodeTypeName } from '../../../common/contracts/org.js';
import { ApiError, patch, post } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { nodeTypeLabel } from '../../lib/labels.js';
import { common } from '../../lib/messages.js';
import { applyFieldErrors } from '../../ui/form-errors.js';
import { NodePicker } from './NodePicker.js';
import { m } from './messages.js';
import type { NodeDetail, TreeName } from './types.js';

export type NodeFormMode =
  | { kind: 'create'; parent: Pick<NodeDetail, 'id' | 'type' | 'tree' | 'nameZh' | 'nameEn'> | null; tree: TreeName }
  | { kind: 'edit'; node: NodeDetail };

interface Values {
  type?: NodeTypeName;
  code: string;
  nameZh: string;
  nameEn: string;
  adminNodeId?: number | null;
}

/** The node types that may be created under a parent (null: a root) in a tree tab. */
export function childTypes(parentType: string | null, tree: TreeName): NodeTypeName[] {
  return NODE_TYPES.filter((t) => {
    const rule = TYPE_RULES[t];
    if (!rule.parents.includes((parentType as NodeTypeName) ?? null)) return false;
    // From a party node only party nodes; from an admin node admin nodes and departments.
    if (tree === 'party') return rule.tree === 'party';
    return rule.tree !== 'party';
  });
}

/** The dialog; `onDone` receives the saved node's id. */
export function NodeForm({ mode, onClose, onDone }: { mode: NodeFormMode | null; onClose(): void; onDone(id: number): void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const types = useMemo(() => (mode?.kind === 'create' ? childTypes(mode.parent?.type ?? null, mode.tree) : []), [mode]);
  const type = Form.useWatch('type', form);

  useEffect(() => {
    if (!mode) return;
    setError(undefined);
    form.resetFields();
    if (mode.kind === 'edit') form.setFieldsValue({ code: mode.node.code, nameZh: mode.node.nameZh, nameEn: mode.node.nameEn });
    else form.setFieldsValue({ type: types[0] });
  }, [mode, types, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      if (mode!.kind === 'edit') {
        const saved = await patch<NodeDetail>(`/org/nodes/${mode!.node.id}`, { code: v.code, nameZh: v.nameZh, nameEn: v.nameEn });
        onDone(saved.id);
      } else {
        const saved = await post<NodeDetail>('/org/nodes', {
          parentId: mode!.parent?.id ?? null,
          type: v.type,
          code: v.code,
          nameZh: v.nameZh,
          nameEn: v.nameEn,
          ...(v.type && TYPE_RULES[v.type].tree === 'party' ? { adminNodeId: v.adminNodeId ?? null } : {}),
        });
        onDone(saved.id);
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NODE_CODE_TAKEN') form.setFields([{ name: 'code', errors: [e.message] }]);
      else {
        const rest = applyFieldErrors(form, e, ['code', 'nameZh', 'nameEn', 'type', 'adminNodeId', 'parentId']);
        setError(e instanceof ApiError ? [e.message, ...rest.map((r) => r.message)].join(t(common.semi)) : String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const isParty = !!type && TYPE_RULES[type].tree === 'party';
  const title = mode?.kind === 'edit' ? t(m.editTitle) : t(m.createTitle);
  return (
    <Modal open={!!mode} title={title} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t(common.save)} cancelText={t(common.cancel)} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {mode?.kind === 'create' && types.length === 0 && <Alert type="info" showIcon title={t(m.noParentAllowed)} />}
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="node-form">
        {mode?.kind === 'create' && (
          <>
            <Form.Item label={t(m.parent)}>
              <Input disabled value={mode.parent ? pick(mode.parent.nameZh, mode.parent.nameEn) : '—'} />
            </Form.Item>
            <Form.Item name="type" label={t(m.nodeType)} rules={[{ required: true, message: t(common.required) }]}>
              <Select options={types.map((ty) => ({ value: ty, label: t(nodeTypeLabel(ty)) }))} data-testid="node-type" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="code"
          label={t(m.code)}
          extra={t(m.codeHelp)}
          rules={[
            { required: true, message: t(common.required) },
            { pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t(m.codeFormat) },
          ]}
        >
          <Input maxLength={40} data-testid="node-code" />
        </Form.Item>
        <Form.Item name="nameZh" label={t(m.nameZh)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
          <Input maxLength={100} data-testid="node-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t(m.nameEn)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
          <Input maxLength={200} data-testid="node-name-en" />
        </Form.Item>
        {mode?.kind === 'create' && isParty && (
          <Form.Item name="adminNodeId" label={t(m.linkedTo)} extra={t(m.linkedHelp)} rules={[{ required: true, message: t(common.required) }]}>
            <NodePicker types={TYPE_RULES[type!].links} testId="node-admin-link" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
