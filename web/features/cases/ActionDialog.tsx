/**
 * One dialog for every case action: the fields (ActionFields), the request body the contract wants, the
 * server's translated error in the dialog, field errors beside their fields, and on 409 (someone else
 * acted first) a notice and a reload.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { ApiError, post } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { applyFieldErrors } from '../../ui/form-errors.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { ActionFields } from './ActionFields.js';
import { ACTION_TITLES, a } from './action-messages.js';
import { m } from './messages.js';
import type { CaseDetail, CaseTargets } from './types.js';

type Values = Record<string, any>;

const trimOrUndefined = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The request body of an action from the form's values; null when an edit changes nothing. */
export function actionBody(action: string, v: Values, c: CaseDetail): Record<string, unknown> | null {
  const note = trimOrUndefined(v.note);
  const reason = trimOrUndefined(v.reason);
  switch (action) {
    case 'accept':
    case 'unpark':
      return { action, note };
    case 'reject':
    case 'hand_up':
    case 'rework':
    case 'return':
    case 'park':
      return { action, reason };
    case 'cancel':
      return { action, reason };
    case 'dispatch':
      return { action, targetNodeId: v.targetNodeId, note };
    case 'note':
      return { action, note, photoIds: v.photoIds ?? [], photoRole: v.photoRole ?? 'before', public: !!v.public };
    case 'finish':
      return { action, note, photoIds: v.photoIds ?? [] };
    case 'verify':
      return { action, note, resolved: v.resolved !== false, photoIds: v.photoIds ?? [] };
    case 'request_extension':
      return { action, days: v.days, reason };
    case 'decide_extension':
      return { action, approve: !!v.approve, days: v.approve ? v.days : undefined, note };
    case 'merge':
      return { action, intoCaseId: v.intoCaseId };
    case 'cc':
      return { action, nodeIds: v.nodeIds ?? [], note };
    case 'edit': {
      const body: Record<string, unknown> = { action };
      if (v.categoryId && v.categoryId !== c.category?.id) body.categoryId = v.categoryId;
      if (v.place && (v.place.lat !== c.lat || v.place.lng !== c.lng)) Object.assign(body, { lat: v.place.lat, lng: v.place.lng });
      if ((v.address ?? '').trim() !== c.address) body.address = (v.address ?? '').trim();
      if ((v.description ?? '').trim() !== c.description) body.description = (v.description ?? '').trim();
      if (!!v.urgent !== c.urgent) body.urgent = !!v.urgent;
      return Object.keys(body).length > 1 ? body : null;
    }
    case 'rate':
      return { action, satisfaction: v.satisfaction, resolved: v.resolved, comment: trimOrUndefined(v.comment), reopen: v.satisfaction === 'unsatisfied' && !!v.reopen };
    default:
      return { action };
  }
}

/** The title of an action's dialog (a grid's or department's accept is a signature). */
export function actionTitleKey(action: string, c: CaseDetail): string {
  if (action === 'accept' && c.holder && (c.holder.type === 'grid' || c.holder.type === 'department')) return 'sign';
  return action;
}

export interface ActionDialogProps {
  c: CaseDetail;
  action: string | null;
  onClose(): void;
  /** The case after a successful action (the server answers with it). */
  onDone(next: CaseDetail): void;
  /** Someone else acted first: reload the case. */
  onConflict(): void;
}

/** The dialog. */
export function ActionDialog({ c, action, onClose, onDone, onConflict }: ActionDialogProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const needsTargets = action === 'dispatch' || action === 'hand_up';
  const targets = useFetch<CaseTargets>(needsTargets ? `/cases/${c.id}/targets` : null);

  // The form mounts afresh with each dialog (destroyOnHidden, preserve=false); only the error is ours to clear.
  useEffect(() => setError(undefined), [action]);

  const submit = async () => {
    if (!action) return;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = actionBody(action, values, c);
    if (!body) {
      setError(t(a.nothingChanged));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const next = await post<CaseDetail>(`/cases/${c.id}/actions`, body);
      message.success(t(m.done));
      onDone(next);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(t(m.conflict));
        onConflict();
        return;
      }
      const unmatched = applyFieldErrors(form, e, ['reason', 'note', 'targetNodeId', 'days', 'intoCaseId', 'nodeIds', 'description', 'address', 'comment', 'satisfaction']);
      setError(e instanceof ApiError ? [e.message, ...unmatched.map((p) => p.message)].join(t(common.semi)) : String(e));
    } finally {
      setBusy(false);
    }
  };

  const titleKey = action ? actionTitleKey(action, c) : '';
  return (
    <Modal
      open={!!action}
      title={action ? `${t(ACTION_TITLES[titleKey] ?? { zh: action, en: action })} · #${c.id}` : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t(a.submit)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      destroyOnHidden
      width={phone ? '100%' : action === 'edit' ? 640 : 520}
      style={phone ? { top: 0, maxWidth: '100%', margin: 0, paddingBottom: 0 } : undefined}
      okButtonProps={{ 'data-testid': 'action-submit' } as never}
    >
      <div data-testid="action-dialog">
      {action && (
        <Form form={form} layout="vertical" requiredMark={false} preserve={false} data-testid={`action-form-${action}`}>
          <ActionFields action={action} c={c} targets={targets.data} />
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="action-error" />}
      </div>
    </Modal>
  );
}
