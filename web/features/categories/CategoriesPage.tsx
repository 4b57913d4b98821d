/** 事件分类 / Case categories (case.configure): the tree on the left, the chosen category's form on the right. */
import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, Col, Empty, Flex, Row } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { CategoryEditor, type EditorMode } from './CategoryEditor.js';
import { CategoryTree } from './CategoryTree.js';
import { m } from './messages.js';
import type { CategoryItem } from './types.js';

/** The page. */
export function CategoriesPage() {
  const { t } = useI18n();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const params = useParams();
  const location = useLocation();
  const [showInactive, setShowInactive] = useState(false);
  const [creating, setCreating] = useState<{ parentId: number | null } | null>(null);
  const { data, error, reload } = useFetch<{ items: CategoryItem[] }>('/categories?all=1');
  // Any navigation (a tree click, the phone's back link) ends a creation in progress.
  useEffect(() => setCreating(null), [location.key]);
  const selectedId = params.id ? Number(params.id) : undefined;
  const items = data?.items ?? [];
  const shown = showInactive ? items : items.filter((i) => i.active || i.id === selectedId);

  const open = (id: number) => navigate(`/categories/${id}`);
  const mode: EditorMode | null = creating ? { kind: 'create', parentId: creating.parentId } : selectedId ? { kind: 'edit', id: selectedId } : null;
  const editor = mode && (
    <CategoryEditor
      key={mode.kind === 'edit' ? `e${mode.id}` : `c${mode.parentId}`}
      mode={mode}
      items={items}
      onSaved={(id) => {
        reload();
        open(id);
      }}
      onAddChild={(parentId) => setCreating({ parentId })}
    />
  );

  const header = (
    <PageHeader
      title={t(m.title)}
      subtitle={phone ? undefined : t(m.subtitle)}
      back={phone && mode ? { to: '/categories', label: t(m.title) } : undefined}
      extra={
        !(phone && mode) ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating({ parentId: null })} data-testid="categories-add-root">
            {t(m.addRoot)}
          </Button>
        ) : undefined
      }
    />
  );
  const treeBox = error ? (
    <ErrorState error={error} onRetry={reload} />
  ) : !data ? (
    <Loading />
  ) : (
    <Flex vertical gap={8}>
      <CategoryTree items={shown} selectedId={selectedId} onSelect={open} height={phone ? undefined : 640} />
      <Flex justify="flex-end">
        <Checkbox checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} data-testid="categories-show-inactive">
          {t(m.showInactive)}
        </Checkbox>
      </Flex>
    </Flex>
  );

  if (phone) {
    return (
      <div>
        {header}
        {editor && data ? editor : <Card size="small">{treeBox}</Card>}
      </div>
    );
  }
  return (
    <div>
      {header}
      <Row gutter={16}>
        <Col xs={24} lg={8} xl={7}>
          <Card size="small">{treeBox}</Card>
        </Col>
        <Col xs={24} lg={16} xl={17}>
          {editor && data ? (
            editor
          ) : (
            <Card>
              <Empty description={t(m.pickCategory)} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
