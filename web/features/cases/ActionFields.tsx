/**
 * The form fields of each case action — exactly what the contract (common/contracts/cases.ts) takes.
 * Rendered inside ActionDialog's antd Form; the dialog turns the values into the request body.
 */
import { useMemo, useState } from 'react';
import { Alert, Checkbox, Form, Input, InputNumber, Radio, Select, Switch, TreeSelect, Typography } from 'antd';
import { CASE_DESCRIPTION_MAX, CASE_NOTE_MAX } from '../../../common/contracts/cases.js';
import { get, qs } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { nodeTypeLabel } from '../../lib/labels.js';
import { PhotoUploader } from '../../ui/PhotoUploader.js';
import { CategoryPicker } from '../categories/CategoryPicker.js';
import { buildTree, type TreeNode } from '../org/tree.js';
import type { TreeItem } from '../org/types.js';
import { CasePointMap } from './CasePointMap.js';
import { a } from './action-messages.js';
import { SATISFACTION_LABELS, statusLabel } from './labels.js';
import type { CaseDetail, CaseList, CaseTargets } from './types.js';

const textRule = (min: number, message: string) => ({ validator: (_: unknown, v?: string) => ((v ?? '').trim().length >= min ? Promise.resolve() : Promise.reject(new Error(message))) });

/** A required reason (2–1000 characters). */
function Reason({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="reason" label={label ?? t(a.reason)} rules={[textRule(2, t(a.reasonRequired))]}>
      <Input.TextArea rows={3} maxLength={CASE_NOTE_MAX} showCount data-testid="action-reason" />
    </Form.Item>
  );
}

/** An optional (or required) note. */
function Note({ label, required, placeholder }: { label: string; required?: boolean; placeholder?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="note" label={label} rules={required ? [textRule(1, t(a.noteRequired))] : []}>
      <Input.TextArea rows={3} maxLength={CASE_NOTE_MAX} showCount placeholder={placeholder} data-testid="action-note" />
    </Form.Item>
  );
}

/** Photos (uploaded at once; the form keeps their ids). */
function Photos() {
  const { t } = useI18n();
  return (
    <Form.Item name="photoIds" label={t(a.photos)} initialValue={[]}>
      <PhotoUploader testId="action-photos" />
    </Form.Item>
  );
}

/** Dispatch: this unit itself, a direct subordinate, or a department of this level. */
function DispatchFields({ targets }: { targets: CaseTargets | undefined }) {
  const { t, pick } = useI18n();
  const below = targets?.below ?? [];
  const groups = [
    { label: t(a.groupBelow), items: below.filter((n) => n.tree !== 'department') },
    { label: t(a.groupDepartments), items: below.filter((n) => n.tree === 'department') },
  ].filter((g) => g.items.length > 0);
  return (
    <>
      <Form.Item name="targetNodeId" label={t(a.target)} rules={[{ required: true, message: t(a.targetRequired) }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={!targets}
          data-testid="action-target"
          options={[
            ...(targets?.self ? [{ label: t(a.targetSelf), options: [{ value: targets.self.id, label: `${t(a.targetSelf)}（${pick(targets.self.nameZh, targets.self.nameEn)}）` }] }] : []),
            ...groups.map((g) => ({ label: g.label, options: g.items.map((n) => ({ value: n.id, label: `${pick(n.nameZh, n.nameEn)} · ${t(nodeTypeLabel(n.type))}` })) })),
          ]}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(p, n) => p.targetNodeId !== n.targetNodeId}>
        {({ getFieldValue }) =>
          targets?.self && getFieldValue('targetNodeId') === targets.self.id ? <Alert type="info" showIcon title={t(a.targetSelfHint)} style={{ marginBottom: 12 }} /> : null
        }
      </Form.Item>
      <Note label={t(a.dispatchNote)} />
    </>
  );
}

/** Merge: pick another open case by #id or words. */
function MergeFields({ c }: { c: CaseDetail }) {
  const { t, pick } = useI18n();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const search = async (q: string) => {
    setLoading(true);
    try {
      const res = await get<CaseList>(`/cases${qs({ view: 'all', open: '1', q: q.trim() || undefined, pageSize: 20, sort: 'newest' })}`);
      setOptions(
        res.items
          .filter((x) => x.id !== c.id && ['reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'returned', 'parked'].includes(x.status))
          .map((x) => ({ value: x.id, label: `#${x.id} · ${x.category ? pick(x.category.nameZh, x.category.nameEn) : ''} · ${t(statusLabel(x.status))} · ${x.description.slice(0, 40)}` })),
      );
    } catch {
      setOptions([]);
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <Alert type="info" showIcon title={t(a.mergeHint)} style={{ marginBottom: 12 }} />
      <Form.Item name="intoCaseId" label={t(a.mergeInto)} rules={[{ required: true, message: t(a.mergeRequired) }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
          onOpenChange={(open) => open && options.length === 0 && void search('')}
          loading={loading}
          options={options}
          placeholder={t(a.mergeSearch)}
          data-testid="action-merge-into"
        />
      </Form.Item>
    </>
  );
}

/** Carbon copy: any units of the caller's area (several). */
function CcFields({ c }: { c: CaseDetail }) {
  const { t, pick } = useI18n();
  const admin = useFetch<{ items: TreeItem[] }>('/org/tree?tree=admin');
  const departments = useFetch<{ items: TreeItem[] }>('/org/tree?tree=department');
  const treeData = useMemo(() => {
    const toOption = (n: TreeNode): object => ({
      value: n.id,
      title: `${pick(n.nameZh, n.nameEn)} · ${t(nodeTypeLabel(n.type))}`,
      disabled: !n.inScope || n.id === c.holder?.id,
      children: n.children.map(toOption),
    });
    return [...buildTree(admin.data?.items ?? []), ...buildTree(departments.data?.items ?? [])].map(toOption);
  }, [admin.data, departments.data, c.holder?.id, pick, t]);
  return (
    <>
      <Typography.Paragraph type="secondary">{t(a.ccHint)}</Typography.Paragraph>
      <Form.Item name="nodeIds" label={t(a.ccNodes)} rules={[{ required: true, type: 'array', min: 1, message: t(a.ccRequired) }]}>
        <TreeSelect multiple treeData={treeData} showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll={(admin.data?.items.length ?? 0) < 60} loading={admin.loading} data-testid="action-cc-nodes" />
      </Form.Item>
      <Note label={t(a.noteOptional)} />
    </>
  );
}

/** Edit: category, point, address, description, urgency. */
function EditFields({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="categoryId" label={t(a.editCategory)} initialValue={c.category?.id}>
        <CategoryPickerField />
      </Form.Item>
      <Form.Item name="place" label={t(a.editPlace)} initialValue={{ lat: c.lat, lng: c.lng }}>
        <PlaceField />
      </Form.Item>
      <Form.Item name="address" label={t(a.editAddress)} initialValue={c.address}>
        <Input maxLength={200} data-testid="action-address" />
      </Form.Item>
      <Form.Item name="description" label={t(a.editDescription)} initialValue={c.description} rules={[textRule(4, t(a.descriptionLength))]}>
        <Input.TextArea rows={4} maxLength={CASE_DESCRIPTION_MAX} showCount data-testid="action-description" />
      </Form.Item>
      <Form.Item name="urgent" label={t(a.editUrgent)} valuePropName="checked" initialValue={c.urgent}>
        <Switch data-testid="action-urgent" />
      </Form.Item>
    </>
  );
}

function CategoryPickerField({ value, onChange }: { value?: number; onChange?(v: number): void }) {
  return <CategoryPicker staff value={value ?? null} onChange={(id) => onChange?.(id)} />;
}

function PlaceField({ value, onChange }: { value?: { lat: number; lng: number }; onChange?(v: { lat: number; lng: number }): void }) {
  if (!value) return null;
  return <CasePointMap lat={value.lat} lng={value.lng} onPick={(p) => onChange?.({ lat: Number(p.lat.toFixed(6)), lng: Number(p.lng.toFixed(6)) })} height={220} testId="action-place" />;
}

/** Rating by the reporter. */
function RateFields({ canReopen }: { canReopen: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="satisfaction" label={t(a.satisfaction)} rules={[{ required: true, message: t(a.satisfaction) }]}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="action-satisfaction" options={(['satisfied', 'basic', 'unsatisfied'] as const).map((s) => ({ value: s, label: t(SATISFACTION_LABELS[s]) }))} />
      </Form.Item>
      <Form.Item name="resolved" label={t(a.solved)} rules={[{ required: true, message: t(a.solved) }]}>
        <Radio.Group data-testid="action-resolved" options={[{ value: true, label: t(a.solvedYes) }, { value: false, label: t(a.solvedNo) }]} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(p, n) => p.satisfaction !== n.satisfaction}>
        {({ getFieldValue }) => {
          const unhappy = getFieldValue('satisfaction') === 'unsatisfied';
          return (
            <>
              <Form.Item name="comment" label={t(a.comment)} rules={unhappy ? [textRule(1, t(a.commentRequired))] : []}>
                <Input.TextArea rows={3} maxLength={600} showCount data-testid="action-comment" />
              </Form.Item>
              {unhappy && canReopen && (
                <Form.Item name="reopen" valuePropName="checked" extra={t(a.reopenHint)}>
                  <Checkbox data-testid="action-reopen">{t(a.reopen)}</Checkbox>
                </Form.Item>
              )}
            </>
          );
        }}
      </Form.Item>
    </>
  );
}

/** The fields of one action. */
export function ActionFields({ action, c, targets }: { action: string; c: CaseDetail; targets: CaseTargets | undefined }) {
  const { t, pick } = useI18n();
  const pending = c.extensions.find((x) => x.status === 'pending');
  switch (action) {
    case 'accept':
      return <Note label={t(a.acceptNote)} />;
    case 'reject':
      return (
        <>
          <Typography.Paragraph type="secondary">{t(a.rejectHint)}</Typography.Paragraph>
          <Reason />
        </>
      );
    case 'cancel':
      return (
        <>
          <Typography.Paragraph type="secondary">{t(a.cancelHint)}</Typography.Paragraph>
          <Form.Item name="reason" label={t(a.cancelReason)}>
            <Input.TextArea rows={2} maxLength={CASE_NOTE_MAX} data-testid="action-reason" />
          </Form.Item>
        </>
      );
    case 'dispatch':
      return <DispatchFields targets={targets} />;
    case 'hand_up':
      return (
        <>
          <Alert type={targets && !targets.superior ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }} title={targets?.superior ? t(a.handUpHint, { node: pick(targets.superior.nameZh, targets.superior.nameEn) }) : targets ? t(a.handUpNone) : '…'} data-testid="action-superior" />
          <Reason />
        </>
      );
    case 'note':
      return (
        <>
          <Note label={t(a.progress)} required placeholder={t(a.progressPlaceholder)} />
          <Photos />
          <Form.Item name="photoRole" label={t(a.photoRole)} initialValue="before">
            <Radio.Group options={[{ value: 'before', label: t(a.before) }, { value: 'after', label: t(a.after) }]} />
          </Form.Item>
          <Form.Item name="public" valuePropName="checked" initialValue={false}>
            <Checkbox data-testid="action-public">{t(a.publicNote)}</Checkbox>
          </Form.Item>
        </>
      );
    case 'finish':
      return (
        <>
          <Note label={t(a.result)} required placeholder={t(a.resultPlaceholder)} />
          <Photos />
        </>
      );
    case 'verify':
      return (
        <>
          <Typography.Paragraph type="secondary">{t(a.verifyHint)}</Typography.Paragraph>
          <Form.Item name="resolved" label={t(a.resolved)} valuePropName="checked" initialValue={true}>
            <Switch data-testid="action-resolved" />
          </Form.Item>
          <Note label={t(a.noteOptional)} />
          <Photos />
        </>
      );
    case 'rework':
    case 'return':
    case 'park':
      return (
        <>
          {action === 'return' && <Typography.Paragraph type="secondary">{t(a.returnHint)}</Typography.Paragraph>}
          {action === 'park' && <Typography.Paragraph type="secondary">{t(a.parkHint)}</Typography.Paragraph>}
          <Reason />
        </>
      );
    case 'unpark':
      return <Note label={t(a.unparkNote)} />;
    case 'request_extension':
      return (
        <>
          <Form.Item name="days" label={t(a.days)} rules={[{ required: true, type: 'integer', min: 1, max: 30, message: t(a.daysRequired) }]} initialValue={2}>
            <InputNumber min={1} max={30} precision={0} style={{ width: 140 }} data-testid="action-days" />
          </Form.Item>
          <Reason />
        </>
      );
    case 'decide_extension':
      return (
        <>
          {pending && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t(a.pendingRequest, { node: pending.node ? pick(pending.node.nameZh, pending.node.nameEn) : '', n: pending.days, reason: pending.reason })}
            />
          )}
          <Form.Item name="approve" label={t(a.decision)} rules={[{ required: true, message: t(a.decision) }]} initialValue={true}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="action-approve" options={[{ value: true, label: t(a.approve) }, { value: false, label: t(a.deny) }]} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(p, n) => p.approve !== n.approve}>
            {({ getFieldValue }) =>
              getFieldValue('approve') ? (
                <Form.Item name="days" label={t(a.approvedDays)} initialValue={pending?.days} rules={[{ required: true, type: 'integer', min: 1, max: 30, message: t(a.daysRequired) }]}>
                  <InputNumber min={1} max={30} precision={0} style={{ width: 140 }} data-testid="action-days" />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Note label={t(a.noteOptional)} />
        </>
      );
    case 'merge':
      return <MergeFields c={c} />;
    case 'cc':
      return <CcFields c={c} />;
    case 'edit':
      return <EditFields c={c} />;
    case 'rate':
      return <RateFields canReopen={c.abilities.includes('reopen')} />;
    default:
      return null;
  }
}
