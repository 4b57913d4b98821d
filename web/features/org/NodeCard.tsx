/** One organisation node: where it sits, its figures, what is below it, its party organisations and staff. */
import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Flex, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { ApiError, del } from '../../lib/api.js';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { nodeTypeLabel, roleLabel } from '../../lib/labels.js';
import { common } from '../../lib/messages.js';
import { ErrorState } from '../../ui/ErrorState.js';
import { Loading } from '../../ui/Loading.js';
import { Figures } from './Figures.js';
import { NodeForm, childTypes, type NodeFormMode } from './NodeForm.js';
import { m } from './messages.js';
import type { NodeDetail } from './types.js';

const ADMIN_TYPES = ['city', 'district', 'street', 'community', 'grid'];

/** Fetches and shows the node; `onChanged` is told when the tree changed (create, rename, delete). */
export function NodeCard({ id, onChanged, inScope }: { id: number; onChanged?(selectId: number | null): void; inScope?(id: number): boolean }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: node, error, loading, reload } = useFetch<NodeDetail>(`/org/nodes/${id}`);
  const [form, setForm] = useState<NodeFormMode | null>(null);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!node) return <Loading />;
  const canManage = node.abilities.includes('org.manage');
  // Residents hold a grant on their grid, but they are not staff.
  const staff = node.staff.filter((s) => s.role !== 'resident');
  const name = pick(node.nameZh, node.nameEn);
  const treeQs = `?tree=${node.tree}`;
  const remove = async () => {
    try {
      await del(`/org/nodes/${node.id}`);
      message.success(t(common.deleted));
      onChanged?.(node.parentId);
      navigate(node.parentId ? `/org/${node.parentId}${treeQs}` : `/org${treeQs}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Flex vertical gap={12} data-testid="node-card" style={{ opacity: loading ? 0.6 : 1 }}>
      <Card>
        {node.ancestors.length > 0 && (
          <Breadcrumb
            style={{ marginBottom: 8 }}
            items={node.ancestors.map((a) => ({
              key: a.id,
              title: inScope?.(a.id) ? <Link to={`/org/${a.id}?tree=admin`}>{pick(a.nameZh, a.nameEn)}</Link> : pick(a.nameZh, a.nameEn),
            }))}
          />
        )}
        <Flex justify="space-between" align="flex-start" gap={8} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="node-name">
              {name}
            </Typography.Title>
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <Tag color="blue">{t(nodeTypeLabel(node.type))}</Tag>
              <Typography.Text type="secondary" copyable={{ text: node.code }}>
                {t(m.code)} {node.code}
              </Typography.Text>
              {!node.active && <Tag color="default">{t(m.retired)}</Tag>}
            </Space>
          </div>
          <Space wrap>
            {node.type === 'grid' && (
              <Link to={`/grids/${node.id}`}>
                <Button icon={<EnvironmentOutlined />} data-testid="node-open-grid">{t(m.openGrid)}</Button>
              </Link>
            )}
            {canManage && childTypes(node.type, node.tree).length > 0 && (
              <Button icon={<PlusOutlined />} onClick={() => setForm({ kind: 'create', parent: node, tree: node.tree })} data-testid="node-add-child">
                {t(m.addChild)}
              </Button>
            )}
            {canManage && (
              <Button icon={<EditOutlined />} onClick={() => setForm({ kind: 'edit', node })} data-testid="node-edit">
                {t(m.rename)}
              </Button>
            )}
            {canManage && (
              <Popconfirm title={t(m.deleteConfirm, { name })} onConfirm={remove} okText={t(common.delete)} cancelText={t(common.cancel)} okButtonProps={{ danger: true }}>
                <Button danger icon={<DeleteOutlined />} data-testid="node-delete">
                  {t(m.deleteNode)}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Flex>
      </Card>

      {ADMIN_TYPES.includes(node.type) && <Figures figures={node.figures} nodeId={node.id} hideGrids={node.type === 'grid'} linkPeople={node.abilities.includes('people.read')} />}

      <Card size="small" title={`${t(m.children)} (${node.children.length})`}>
        {node.children.length === 0 ? (
          <Typography.Text type="secondary">{t(common.none)}</Typography.Text>
        ) : (
          <Flex vertical gap={10}>
            {[...new Set(node.children.map((c) => c.type))].map((type) => (
              <div key={type}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(nodeTypeLabel(type))} ({node.children.filter((c) => c.type === type).length})
                </Typography.Text>
                <Flex wrap gap={8} style={{ marginTop: 4 }}>
                  {node.children
                    .filter((c) => c.type === type)
                    .map((c) => (
                      <Link key={c.id} to={`/org/${c.id}${treeQs}`} data-testid={`node-child-${c.id}`}>
                        <Tag style={{ padding: '4px 10px', fontSize: 13, cursor: 'pointer', marginInlineEnd: 0 }} color={c.active === false ? 'default' : undefined}>
                          {pick(c.nameZh, c.nameEn)}
                          {c.active === false && <span style={{ color: '#999' }}> · {t(m.retired)}</span>}
                        </Tag>
                      </Link>
                    ))}
                </Flex>
              </div>
            ))}
          </Flex>
        )}
      </Card>

      {node.tree === 'admin' && (
        <Card size="small" title={`${t(m.partyOrgs)} (${node.party.length})`}>
          {node.party.length === 0 ? (
            <Typography.Text type="secondary">{t(common.none)}</Typography.Text>
          ) : (
            <Flex wrap gap={8}>
              {node.party.map((p) => (
                <Link key={p.id} to={`/org/${p.id}?tree=party`}>
                  <Tag color="red" style={{ padding: '4px 10px', fontSize: 13 }}>
                    {pick(p.nameZh, p.nameEn)}
                  </Tag>
                </Link>
              ))}
            </Flex>
          )}
        </Card>
      )}

      <Card size="small" title={t(m.staff)}>
        {staff.length === 0 ? (
          <Typography.Text type="secondary">{t(m.noStaff)}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={staff}
            renderItem={(s) => (
              <List.Item>
                <span>{s.displayName}</span>
                <Tag>{t(roleLabel(s.role))}</Tag>
              </List.Item>
            )}
          />
        )}
      </Card>

      <NodeForm
        mode={form}
        onClose={() => setForm(null)}
        onDone={(savedId) => {
          const created = form?.kind === 'create';
          setForm(null);
          message.success(t(created ? m.created : common.saved));
          onChanged?.(savedId);
          if (created) navigate(`/org/${savedId}${treeQs}`);
          else reload();
        }}
      />
    </Flex>
  );
}
