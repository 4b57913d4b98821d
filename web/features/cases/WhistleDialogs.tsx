/**
 * The whistle dialogs: blow a whistle (kind, departments, reason, meeting time and place), the leader's
 * decision on a tough whistle, a department's step (sign / contact / on site) and the street's rating.
 * Each posts to the whistle API; the server answers with the case, which the panel shows.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, Empty, Flex, Form, Input, Modal, Radio, Rate, Typography } from 'antd';
import { CASE_NOTE_MAX } from '../../../common/contracts/cases.js';
import { ApiError, post } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { useIsPhone } from '../../ui/use-phone.js';
import type { TreeItem } from '../org/types.js';
import { a } from './action-messages.js';
import { m } from './messages.js';
import { w } from './whistle-messages.js';
import type { CaseDetail, CaseTargets, SummonsAction } from './types.js';

export type WhistleDialogState =
  | { kind: 'blow' }
  | { kind: 'decide'; whistleId: number; approve: boolean }
  | { kind: 'step'; whistleId: number; summonsId: number; step: SummonsAction; dept: string }
  | { kind: 'rate'; whistleId: number; summonsId: number; dept: string }
  | null;

const STEP_TITLES = { sign: w.stepTitleSign, contact: w.stepTitleContact, arrive: w.stepTitleArrive };

/**
 * The departments a whistle may summon: `departments` of GET /cases/:id/targets when the server sends them
 * (departments of the street's level and above), else the department nodes of the caller's org tree.
 */
function useDepartments(caseId: number) {
  const targets = useFetch<CaseTargets>(`/cases/${caseId}/targets`);
  const tree = useFetch<{ items: TreeItem[] }>('/org/tree?tree=department');
  const fromTargets = targets.data?.departments;
  const items = fromTargets ?? (tree.data?.items ?? []).filter((n) => n.type === 'department' && n.active);
  return { loading: targets.loading || tree.loading, items };
}

function BlowFields({ caseId }: { caseId: number }) {
  const { t, pick } = useI18n();
  const deps = useDepartments(caseId);
  return (
    <>
      <Typography.Paragraph type="secondary">{t(w.intro)}</Typography.Paragraph>
      <Form.Item name="kind" label={t(w.kind)} initialValue="routine" rules={[{ required: true }]}>
        <Radio.Group data-testid="whistle-kind">
          <Flex vertical gap={6}>
            <Radio value="routine">{t(w.kindRoutine)}</Radio>
            <Radio value="tough">{t(w.kindTough)}</Radio>
            <Radio value="emergency">{t(w.kindEmergency)}</Radio>
          </Flex>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="departmentIds" label={t(w.departments)} rules={[{ required: true, type: 'array', min: 1, message: t(w.departmentsRequired) }]}>
        {deps.items.length === 0 && !deps.loading ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(w.departmentsNone)} />
        ) : (
          <Checkbox.Group data-testid="whistle-departments" style={{ width: '100%' }}>
            <Flex vertical gap={6} style={{ maxHeight: 220, overflowY: 'auto', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px' }}>
              {deps.items.map((d) => (
                <Checkbox key={d.id} value={d.id} data-testid={`whistle-dept-${d.id}`}>
                  {pick(d.nameZh, d.nameEn)}
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        )}
      </Form.Item>
      <Form.Item name="reason" label={t(w.reason)} rules={[{ validator: (_, v?: string) => ((v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t(a.reasonRequired)))) }]}>
        <Input.TextArea rows={3} maxLength={CASE_NOTE_MAX} showCount placeholder={t(w.reasonPlaceholder)} data-testid="whistle-reason" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="meetAt" label={t(w.meetAt)} style={{ flex: '1 1 200px' }}>
          <Input type="datetime-local" data-testid="whistle-meet-at" />
        </Form.Item>
        <Form.Item name="place" label={t(w.place)} style={{ flex: '1 1 200px' }}>
          <Input maxLength={200} data-testid="whistle-place" />
        </Form.Item>
      </Flex>
    </>
  );
}

/** The dialog for one whistle step. */
export function WhistleDialog({ c, state, onClose, onDone }: { c: CaseDetail; state: WhistleDialogState; onClose(): void; onDone(next: CaseDetail | null): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(undefined), [state]);
  if (!state) return null;

  const request = (v: Record<string, any>): [string, unknown, string] => {
    const note = typeof v.note === 'string' && v.note.trim() ? v.note.trim() : undefined;
    switch (state.kind) {
      case 'blow':
        return [
          `/cases/${c.id}/whistles`,
          { kind: v.kind, departmentIds: v.departmentIds, reason: v.reason.trim(), meetAt: v.meetAt ? new Date(v.meetAt).toISOString() : undefined, place: v.place?.trim() || undefined },
          v.kind === 'tough' ? t(w.requested) : t(w.blown),
        ];
      case 'decide':
        return [`/whistles/${state.whistleId}/decide`, { approve: state.approve, note }, t(m.done)];
      case 'step':
        return [`/whistles/${state.whistleId}/summons/${state.summonsId}`, { action: state.step, note }, t(m.done)];
      case 'rate':
        return [`/whistles/${state.whistleId}/summons/${state.summonsId}/rating`, { speed: v.speed, quality: v.quality, note }, t(m.done)];
    }
  };

  const submit = async () => {
    let values: Record<string, any>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const [path, body, done] = request(values);
    setBusy(true);
    setError(undefined);
    try {
      const next = await post<CaseDetail>(path, body);
      message.success(done);
      onDone(next && typeof next === 'object' && 'id' in next ? next : null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(e.message);
        onDone(null);
        return;
      }
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const title =
    state.kind === 'blow'
      ? t(w.blowTitle)
      : state.kind === 'decide'
        ? `${t(w.decideTitle)} · ${t(state.approve ? w.approve : w.refuse)}`
        : state.kind === 'step'
          ? `${t(STEP_TITLES[state.step])} · ${state.dept}`
          : t(w.rateTitle, { dept: state.dept });

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t(a.submit)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      destroyOnHidden
      width={phone ? '100%' : state.kind === 'blow' ? 600 : 480}
      style={phone ? { top: 0, maxWidth: '100%', margin: 0, paddingBottom: 0 } : undefined}
      okButtonProps={{ 'data-testid': 'whistle-submit', danger: state.kind === 'decide' && !state.approve } as never}
    >
      <div data-testid="whistle-dialog">
        <Form form={form} layout="vertical" requiredMark={false} preserve={false}>
          {state.kind === 'blow' && <BlowFields caseId={c.id} />}
          {state.kind === 'decide' && (
            <Form.Item name="note" label={t(w.decisionNote)}>
              <Input.TextArea rows={3} maxLength={CASE_NOTE_MAX} data-testid="whistle-note" />
            </Form.Item>
          )}
          {state.kind === 'step' && (
            <Form.Item name="note" label={t(w.stepNote)}>
              <Input.TextArea rows={3} maxLength={CASE_NOTE_MAX} placeholder={t(w.stepNotePlaceholder)} data-testid="whistle-note" />
            </Form.Item>
          )}
          {state.kind === 'rate' && (
            <>
              <Typography.Paragraph type="secondary">{t(w.rateHint)}</Typography.Paragraph>
              <Form.Item name="speed" label={t(w.speed)} rules={[{ required: true, message: t(w.ratingRequired) }]}>
                <Rate data-testid="whistle-speed" />
              </Form.Item>
              <Form.Item name="quality" label={t(w.quality)} rules={[{ required: true, message: t(w.ratingRequired) }]}>
                <Rate data-testid="whistle-quality" />
              </Form.Item>
              <Form.Item name="note" label={t(w.ratingNote)}>
                <Input.TextArea rows={3} maxLength={CASE_NOTE_MAX} data-testid="whistle-note" />
              </Form.Item>
            </>
          )}
        </Form>
        {error && <Alert type="error" showIcon title={error} data-testid="whistle-error" />}
      </div>
    </Modal>
  );
}
