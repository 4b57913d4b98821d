/** The right-hand panel of the category page: edit a category (or create one), with its deadline limits. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Switch, Tag, TreeSelect, Typography } from 'antd';
import { PlusOutlined, StopOutlined, CheckOutlined } from '@ant-design/icons';
import { CATEGORY_CODE, CATEGORY_LEVELS, type CategoryLevelName } from '../../../common/contracts/categories.js';
import { DEFAULT_LIMITS, HANDLER_KINDS, STAGES } from '../../../common/deadline-limits.js';
import { ApiError, patch, post } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { nodeTypeLabel } from '../../lib/labels.js';
import { common } from '../../lib/messages.js';
import { applyFieldErrors } from '../../ui/form-errors.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { LimitsTable, draftFrom, draftProblem, draftToLimits, type LimitDraft } from './LimitsTable.js';
import { m } from './messages.js';
import type { CategoryDetail, CategoryItem, ResolvedLimits } from './types.js';

export type EditorMode = { kind: 'edit'; id: number } | { kind: 'create'; parentId: number | null };

interface Values {
  code?: string;
  nameZh: string;
  nameEn: string;
  /** 0 = top level (a select cannot hold null). */
  parentId: number;
  keywords: string;
  descriptionZh: string;
  descriptionEn: string;
  defaultLevel: CategoryLevelName;
  defaultDepartmentCode?: string | null;
  public: boolean;
  sort?: number;
}

const FIELDS = ['code', 'nameZh', 'nameEn', 'parentId', 'keywords', 'descriptionZh', 'descriptionEn', 'defaultLevel', 'defaultDepartmentCode', 'public', 'sort'];
const DEFAULTS: ResolvedLimits = {
  admin: Object.fromEntries(STAGES.map((s) => [s, { ...DEFAULT_LIMITS.admin[s], source: null }])) as ResolvedLimits['admin'],
  department: Object.fromEntries(STAGES.map((s) => [s, { ...DEFAULT_LIMITS.department[s], source: null }])) as ResolvedLimits['department'],
};

/** Department code suffixes (`210503-CG` → `CG`) with a name, from the department tree. */
function useDepartmentOptions() {
  const { pick } = useI18n();
  const { data } = useFetch<{ items: { code: string; type: string; nameZh: string; nameEn: string }[] }>('/org/tree?tree=department');
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const d of data?.items ?? []) {
      if (d.type !== 'department') continue;
      const code = d.code.includes('-') ? d.code.slice(d.code.lastIndexOf('-') + 1) : d.code;
      if (!seen.has(code)) seen.set(code, pick(d.nameZh, d.nameEn));
    }
    return [...seen].map(([code, name]) => ({ value: code, label: `${code} · ${name}` }));
  }, [data, pick]);
}

/** The editor; `onSaved` gets the saved category's id, `onChanged` is told of any change to the tree. */
export function CategoryEditor({ mode, items, onSaved, onAddChild }: { mode: EditorMode; items: CategoryItem[]; onSaved(id: number): void; onAddChild(parentId: number): void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const editing = mode.kind === 'edit';
  const detail = useFetch<CategoryDetail>(editing ? `/categories/${mode.id}` : null);
  const c = editing ? detail.data : undefined;
  const watchedParent = Form.useWatch('parentId', form);
  const parentId = watchedParent === undefined ? (editing ? (c?.parentId ?? 0) : (mode.parentId ?? 0)) : watchedParent;
  const parentDetail = useFetch<CategoryDetail>(parentId ? `/categories/${parentId}` : null);
  const inherited = parentId ? parentDetail.data?.resolvedLimits : DEFAULTS;
  const [draft, setDraft] = useState<LimitDraft | null>(null);
  const [error, setError] = useState<string>();
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const departments = useDepartmentOptions();
  const byId = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);
  const parent = mode.kind === 'create' && mode.parentId ? byId.get(mode.parentId) : undefined;

  // Reset the form when the category (or the create target) changes.
  useEffect(() => {
    setError(undefined);
    setErrorKey(null);
    setDraft(null);
    form.resetFields();
    if (c) {
      form.setFieldsValue({ ...c, parentId: c.parentId ?? 0, defaultDepartmentCode: c.defaultDepartmentCode ?? undefined });
    } else if (mode.kind === 'create') {
      form.setFieldsValue({ parentId: mode.parentId ?? 0, code: parent ? `${parent.code}.` : '', defaultLevel: parent?.defaultLevel ?? 'community', public: true, keywords: '', descriptionZh: '', descriptionEn: '' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c, mode.kind, mode.kind === 'create' ? mode.parentId : mode.id]);

  // A new category starts with its parent's usual department.
  useEffect(() => {
    const p = parentDetail.data;
    if (mode.kind === 'create' && p && p.id === mode.parentId && !form.isFieldTouched('defaultDepartmentCode')) {
      form.setFieldsValue({ defaultDepartmentCode: p.defaultDepartmentCode ?? undefined });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [parentDetail.data]);

  // The limits draft starts from the category's own overrides over what it inherits.
  useEffect(() => {
    if (!inherited || (editing && !c)) return;
    setDraft((d) => {
      if (!d) return draftFrom(c?.limits ?? null, inherited);
      // A new parent: the pairs not set here show the new inherited values.
      const next = structuredClone(d);
      for (const k of HANDLER_KINDS) for (const s of STAGES) if (!next[k][s].on) next[k][s] = { on: false, yellow: inherited[k][s].yellow, red: inherited[k][s].red };
      return next;
    });
  }, [inherited, c, editing]);

  // Parents a category may go under: not itself or below it, and not on the third level.
  const parentTree = useMemo(() => {
    const blocked = (i: CategoryItem): boolean => editing && (i.id === mode.id || (i.parentId !== null && blocked(byId.get(i.parentId)!)));
    const toNode = (i: CategoryItem): any => ({
      value: i.id,
      title: pick(i.nameZh, i.nameEn) + (i.active ? '' : ` (${t(m.inactive)})`),
      children: items.filter((k) => k.parentId === i.id && k.depth < 3 && !blocked(k)).map(toNode),
    });
    return [{ value: 0, title: t(m.topLevel) }, ...items.filter((i) => i.parentId === null && !blocked(i)).map(toNode)];
  }, [items, byId, editing, mode, pick, t]);

  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if ((editing && !c) || !inherited || !draft) return <Card><Loading /></Card>;

  const sourceName = (id: number | null) => (id === null ? null : byId.get(id) ? pick(byId.get(id)!.nameZh, byId.get(id)!.nameEn) : `#${id}`);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const bad = draftProblem(draft);
    if (bad) {
      setErrorKey(bad);
      setError(t(m.yellowAfterRed));
      return;
    }
    setBusy(true);
    setError(undefined);
    setErrorKey(null);
    const body = {
      nameZh: v.nameZh,
      nameEn: v.nameEn,
      parentId: v.parentId || null,
      keywords: v.keywords ?? '',
      descriptionZh: v.descriptionZh ?? '',
      descriptionEn: v.descriptionEn ?? '',
      defaultLevel: v.defaultLevel,
      defaultDepartmentCode: v.defaultDepartmentCode || null,
      public: v.public,
      limits: draftToLimits(draft),
      ...(v.sort != null && { sort: v.sort }),
    };
    try {
      const saved = editing ? await patch<CategoryDetail>(`/categories/${mode.id}`, body) : await post<CategoryDetail>('/categories', { ...body, code: v.code });
      message.success(t(editing ? common.saved : m.created));
      if (editing) detail.reload();
      onSaved(saved.id);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CATEGORY_CODE_TAKEN') form.setFields([{ name: 'code', errors: [e.message] }]);
      if (e instanceof ApiError && e.code === 'CATEGORY_DEPARTMENT_UNKNOWN') form.setFields([{ name: 'defaultDepartmentCode', errors: [e.message] }]);
      if (e instanceof ApiError && e.code.startsWith('CATEGORY_LIMIT_')) setErrorKey(String(e.problems[0]?.path ?? '').replace(/^limits\./, ''));
      const rest = applyFieldErrors(form, e, FIELDS);
      setError(e instanceof ApiError ? [e.message, ...rest.map((r) => r.message)].join(t(common.semi)) : String(e));
    } finally {
      setBusy(false);
    }
  };

  const setActive = async (active: boolean) => {
    try {
      await patch(`/categories/${mode.kind === 'edit' ? mode.id : 0}`, { active });
      message.success(t(active ? m.activated : m.deactivated));
      detail.reload();
      onSaved(c!.id);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const title = c ? pick(c.nameZh, c.nameEn) : parent ? t(m.newUnder, { parent: pick(parent.nameZh, parent.nameEn) }) : t(m.newTitle);
  return (
    <Card data-testid="category-editor">
      {c && c.path.length > 0 && <Breadcrumb style={{ marginBottom: 4 }} items={c.path.map((p) => ({ key: p.id, title: pick(p.nameZh, p.nameEn) }))} />}
      <Flex justify="space-between" align="flex-start" gap={8} wrap style={{ marginBottom: 12 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="category-title">
            {title}
          </Typography.Title>
          {c && (
            <Flex gap={4} wrap style={{ marginTop: 4 }}>
              <Typography.Text type="secondary" code>
                {c.code}
              </Typography.Text>
              {!c.active && <Tag>{t(m.inactive)}</Tag>}
              {!c.public && <Tag color="orange">{t(m.notPublic)}</Tag>}
            </Flex>
          )}
        </div>
        {c && (
          <Flex gap={8} wrap>
            <Button icon={<PlusOutlined />} disabled={c.depth >= 3 || !c.active} title={c.depth >= 3 ? t(m.maxDepth) : undefined} onClick={() => onAddChild(c.id)} data-testid="category-add-child">
              {t(m.addChild)}
            </Button>
            {c.active ? (
              <Popconfirm title={t(m.deactivateConfirm, { name: title })} okText={t(m.deactivate)} cancelText={t(common.cancel)} onConfirm={() => setActive(false)}>
                <Button danger icon={<StopOutlined />} data-testid="category-deactivate">
                  {t(m.deactivate)}
                </Button>
              </Popconfirm>
            ) : (
              <Button icon={<CheckOutlined />} onClick={() => setActive(true)} data-testid="category-activate">
                {t(m.activate)}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="category-error" />}
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="category-form">
        <Row gutter={16}>
          {!editing && (
            <Col xs={24}>
              <Form.Item name="code" label={t(m.code)} extra={t(m.codeHelp)} rules={[{ required: true, message: t(common.required) }, { pattern: CATEGORY_CODE, message: t(m.codeFormat) }]}>
                <Input maxLength={80} data-testid="category-code" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="nameZh" label={t(m.nameZh)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
              <Input maxLength={50} data-testid="category-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t(m.nameEn)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
              <Input maxLength={100} data-testid="category-name-en" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="parentId" label={t(m.parent)}>
              <TreeSelect treeData={parentTree} treeDefaultExpandAll={false} showSearch treeNodeFilterProp="title" data-testid="category-parent" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="defaultLevel" label={t(m.defaultLevel)} tooltip={t(m.defaultLevelHelp)} rules={[{ required: true }]}>
              <Select options={CATEGORY_LEVELS.map((l) => ({ value: l, label: t(nodeTypeLabel(l)) }))} data-testid="category-level" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="sort" label={t(m.sort)} tooltip={t(m.sortHelp)}>
              <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} data-testid="category-sort" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="defaultDepartmentCode" label={t(m.department)} tooltip={t(m.departmentHelp)}>
              <Select allowClear placeholder={t(m.noDepartment)} options={departments} showSearch={{ optionFilterProp: 'label' }} data-testid="category-department" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="public" label={t(m.public)} tooltip={t(m.publicHelp)} valuePropName="checked">
              <Switch data-testid="category-public" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="keywords" label={t(m.keywords)} extra={t(m.keywordsHelp)}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} data-testid="category-keywords" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="descriptionZh" label={t(m.descriptionZh)} extra={t(m.descriptionHelp)}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} data-testid="category-description-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="descriptionEn" label={t(m.descriptionEn)}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={400} data-testid="category-description-en" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 4 }}>
        {t(m.limits)}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t(m.limitsHelp)}
      </Typography.Paragraph>
      <LimitsTable draft={draft} inherited={inherited} onChange={setDraft} sourceName={sourceName} errorKey={errorKey} />
      <Flex justify="flex-end" style={{ marginTop: 16 }}>
        <Button type="primary" size="large" loading={busy} onClick={save} data-testid="category-save">
          {t(common.save)}
        </Button>
      </Flex>
    </Card>
  );
}
