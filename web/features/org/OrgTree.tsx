/** The tree of one organisation tree (admin / department / party) with a search box. */
import { useEffect, useMemo, useState } from 'react';
import { Empty, Flex, Input, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { nodeTypeLabel } from '../../lib/labels.js';
import { common } from '../../lib/messages.js';
import { buildTree, pathTo, type TreeNode } from './tree.js';
import type { TreeItem } from './types.js';
import { m } from './messages.js';

/** The tree; selecting a node calls onSelect. */
export function OrgTree({ items, selectedId, onSelect, height }: { items: TreeItem[]; selectedId?: number; onSelect(id: number): void; height?: number }) {
  const { t, pick } = useI18n();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<number[]>([]);

  // Open the way to the selected node, and the first two levels.
  useEffect(() => {
    const base = items.filter((i) => i.parentId === null || !items.some((p) => p.id === i.parentId)).map((i) => i.id);
    const second = items.filter((i) => base.includes(i.parentId ?? -1)).map((i) => i.id);
    const toSel = selectedId ? pathTo(items, selectedId).slice(0, -1) : [];
    setExpanded((prev) => [...new Set([...prev, ...base, ...(items.length < 200 ? second : []), ...toSel])]);
  }, [items, selectedId]);

  const q = query.trim().toLowerCase();
  const visible = useMemo(() => {
    if (!q) return items;
    const hits = items.filter((i) => i.nameZh.toLowerCase().includes(q) || i.nameEn.toLowerCase().includes(q) || i.code.toLowerCase().includes(q));
    const keep = new Set<number>();
    for (const h of hits) for (const id of pathTo(items, h.id)) keep.add(id);
    return items.filter((i) => keep.has(i.id));
  }, [items, q]);

  const data = useMemo(() => {
    const toData = (n: TreeNode): TreeDataNode => ({
      key: n.id,
      title: (
        <span data-testid={`tree-node-${n.id}`} style={{ color: n.inScope ? undefined : '#999' }}>
          {pick(n.nameZh, n.nameEn)}
          <span style={{ color: '#aaa', fontSize: 12, marginInlineStart: 6 }}>{t(nodeTypeLabel(n.type))}</span>
          {!n.active && <span style={{ color: '#aaa', fontSize: 12, marginInlineStart: 6 }}>· {t(m.retired)}</span>}
        </span>
      ),
      selectable: n.inScope,
      children: n.children.map(toData),
    });
    return buildTree(visible).map(toData);
  }, [visible, t, pick]);

  return (
    <Flex vertical gap={8}>
      <Input allowClear prefix={<SearchOutlined style={{ color: '#999' }} />} placeholder={t(m.searchTree)} onChange={(e) => setQuery(e.target.value)} data-testid="org-tree-search" />
      {data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(common.empty)} />
      ) : (
        <Tree
          treeData={data}
          height={height}
          selectedKeys={selectedId ? [selectedId] : []}
          expandedKeys={q ? visible.map((i) => i.id) : expanded}
          onExpand={(keys) => setExpanded(keys as number[])}
          onSelect={(keys) => keys[0] !== undefined && onSelect(Number(keys[0]))}
          blockNode
          data-testid="org-tree"
        />
      )}
      {items.some((i) => !i.inScope) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(m.contextOnly)}
        </Typography.Text>
      )}
    </Flex>
  );
}
