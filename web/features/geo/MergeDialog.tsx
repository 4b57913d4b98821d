/** Merge several grids of one community into a new grid. */
import { useState } from 'react';
import { Alert, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { ApiError, post } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { applyFieldErrors } from '../../ui/form-errors.js';
import { RedivideResult, type RedivideOutcome } from './RedivideResult.js';
import type { AreaFeature } from './types.js';
import { rd } from './messages.js';
import { m as orgM } from '../org/messages.js';

interface Values {
  nameZh: string;
  nameEn?: string;
  code?: string;
  note?: string;
}

/** The merge dialog for the selected grids (open when there are two or more). */
export function MergeDialog({ grids, open, onClose, onDone }: { grids: AreaFeature[]; open: boolean; onClose(): void; onDone(): void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [outcome, setOutcome] = useState<RedivideOutcome>();

  const close = () => {
    const done = !!outcome;
    form.resetFields();
    setError(undefined);
    setOutcome(undefined);
    if (done) onDone();
    else onClose();
  };
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      setOutcome(
        await post<RedivideOutcome>('/geo/grids/merge', {
          gridIds: grids.map((g) => g.properties.id),
          nameZh: v.nameZh.trim(),
          ...(v.nameEn?.trim() ? { nameEn: v.nameEn.trim() } : {}),
          ...(v.code?.trim() ? { code: v.code.trim() } : {}),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        }),
      );
    } catch (e) {
      const rest = applyFieldErrors(form, e, ['nameZh', 'nameEn', 'code', 'note']);
      setError(e instanceof ApiError ? [e.message, ...rest.map((r) => r.message)].join(t(common.semi)) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t(rd.mergeTitle, { n: grids.length })}
      onCancel={close}
      onOk={outcome ? close : submit}
      okText={outcome ? t(common.close) : t(rd.submitMerge)}
      okButtonProps={{ danger: !outcome }}
      cancelButtonProps={{ style: outcome ? { display: 'none' } : undefined }}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      destroyOnHidden
      data-testid="merge-dialog"
    >
      {outcome ? (
        <RedivideResult outcome={outcome} />
      ) : (
        <Flex vertical gap={12}>
          <Flex wrap gap={4}>
            {grids.map((g) => (
              <Tag key={g.properties.id}>{pick(g.properties.nameZh, g.properties.nameEn)}</Tag>
            ))}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: 0 }}>
            {t(rd.mergeHelp)}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} />}
          <Form form={form} layout="vertical" data-testid="merge-form">
            <Form.Item name="nameZh" label={t(rd.newName)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
              <Input maxLength={100} data-testid="merge-name-zh" />
            </Form.Item>
            <Form.Item name="nameEn" label={t(rd.newNameEn)}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="code" label={t(rd.newCode)} rules={[{ pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t(orgM.codeFormat) }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="note" label={t(rd.note)}>
              <Input maxLength={500} placeholder={t(rd.notePlaceholder)} />
            </Form.Item>
          </Form>
        </Flex>
      )}
    </Modal>
  );
}
