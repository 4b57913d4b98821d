/** Organisation page: tabs for the three trees, the tree on the left and the chosen node's card on the right. */
import { useState } from 'react';
import { Button, Card, Checkbox, Col, Empty, Flex, Row, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../lib/auth.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useIsPhone } from '../../ui/use-phone.js';
import { NodeCard } from './NodeCard.js';
import { NodeForm, type NodeFormMode } from './NodeForm.js';
import { OrgTree } from './OrgTree.js';
import type { TreeItem, TreeName } from './types.js';
import { m } from './messages.js';

const TREES: TreeName[] = ['admin', 'department', 'party'];

/** The organisation page. */
export function OrgPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const tree = (TREES.includes(search.get('tree') as TreeName) ? search.get('tree') : 'admin') as TreeName;
  const [retired, setRetired] = useState(false);
  const [form, setForm] = useState<NodeFormMode | null>(null);
  const { data, error, reload } = useFetch<{ items: TreeItem[] }>(`/org/tree?tree=${tree}${retired ? '&includeRetired=true' : ''}`);
  const selectedId = params.id ? Number(params.id) : undefined;
  // Ancestors outside the caller's scope are shown for orientation but cannot be opened.
  const admin = useFetch<{ items: TreeItem[] }>(tree === 'admin' ? null : '/org/tree?tree=admin');
  const scopeItems = tree === 'admin' ? data?.items : admin.data?.items;
  const inScope = (id: number) => !!scopeItems?.some((i) => i.id === id && i.inScope);
  const open = (id: number) => navigate(`/org/${id}?tree=${tree}`);

  const treeBox = error ? (
    <ErrorState error={error} onRetry={reload} />
  ) : !data ? (
    <Loading />
  ) : (
    <OrgTree items={data.items} selectedId={selectedId} onSelect={open} height={phone ? undefined : 560} />
  );

  const header = (
    <PageHeader
      title={t(m.title)}
      back={phone && selectedId ? { to: `/org?tree=${tree}`, label: t(m.title) } : undefined}
      extra={
        can('org.manage') && tree !== 'department' && !(phone && selectedId) ? (
          <Button icon={<PlusOutlined />} onClick={() => setForm({ kind: 'create', parent: null, tree })} data-testid="org-add-root">
            {t(m.addRoot)}
          </Button>
        ) : undefined
      }
    />
  );
  const tabs = (
    <Tabs
      activeKey={tree}
      onChange={(k) => {
        setSearch({ tree: k });
        if (selectedId) navigate(`/org?tree=${k}`);
      }}
      items={TREES.map((k) => ({ key: k, label: <span data-testid={`org-tab-${k}`}>{t(m[k])}</span> }))}
    />
  );
  const rootForm = (
    <NodeForm
      mode={form}
      onClose={() => setForm(null)}
      onDone={(id) => {
        setForm(null);
        reload();
        open(id);
      }}
    />
  );

  if (phone) {
    return (
      <div>
        {header}
        {selectedId ? (
          <NodeCard id={selectedId} onChanged={reload} inScope={inScope} />
        ) : (
          <Card size="small">
            {tabs}
            {treeBox}
          </Card>
        )}
        {rootForm}
      </div>
    );
  }

  return (
    <div>
      {header}
      <Row gutter={16}>
        <Col xs={24} lg={9} xl={8}>
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            {tabs}
            {treeBox}
            <Flex justify="flex-end" style={{ marginTop: 8 }}>
              <Checkbox checked={retired} onChange={(e) => setRetired(e.target.checked)} data-testid="org-show-retired">
                {t(m.showRetired)}
              </Checkbox>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          {selectedId ? (
            <NodeCard key={selectedId} id={selectedId} onChanged={reload} inScope={inScope} />
          ) : (
            <Card>
              <Empty description={t(m.pickNode)} />
            </Card>
          )}
        </Col>
      </Row>
      {rootForm}
    </div>
  );
}
