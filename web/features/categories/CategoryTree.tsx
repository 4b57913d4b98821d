/** The category tree of the admin page, with a search box; inactive and staff-only categories are marked. */
import { useMemo, useState } from 'react';
import { Empty, Flex, Input, Tree, type TreeDataNode } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { m } from './messages.js';
import type { CategoryItem } from './types.js';

/** Ids from the top down to a category (inclusive). */
export function pathIds(items: CategoryItem[], id: number): number[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out: number[] = [];
  for (let c = byId.get(id); c; c = c.parentId !== null ? byId.get(c.parentId) : undefined) out.unshift(c.id);
  return out;
}

/** The tree; selecting a category calls onSelect. */
export function CategoryTree({ items, selectedId, onSelect, height }: { items: CategoryItem[]; selectedId?: number; onSelect(id: number): void; height?: number }) {
  const { t, pick } = useI18n();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const q = query.trim().toLowerCase();

  const visible = useMemo(() => {
    if (!q) return items;
    const keep = new Set<number>();
    for (const i of items) {
      if ([i.nameZh, i.nameEn, i.code].some((s) => s.toLowerCase().includes(q))) pathIds(items, i.id).forEach((id) => keep.add(id));
    }
    return items.filter((i) => keep.has(i.id));
  }, [items, q]);

  const data = useMemo(() => {
    const toNode = (i: CategoryItem): TreeDataNode => ({
      key: i.id,
      title: (
        <span data-testid={`category-node-${i.code}`} style={{ color: i.active ? undefined : '#aaa' }}>
          {pick(i.nameZh, i.nameEn)}
          {!i.public && <span style={{ color: '#d46b08', fontSize: 12, marginInlineStart: 6 }}>· {t(m.notPublic)}</span>}
          {!i.active && <span style={{ fontSize: 12, marginInlineStart: 6 }}>· {t(m.inactive)}</span>}
        </span>
      ),
      children: visible.filter((k) => k.parentId === i.id).map(toNode),
    });
    return visible.filter((i) => i.parentId === null || !visible.some((p) => p.id === i.parentId)).map(toNode);
  }, [visible, pick, t]);

  // Open: the way to the selected category; all while searching.
  const open = q ? visible.map((i) => i.id) : (expanded ?? (selectedId ? pathIds(items, selectedId).slice(0, -1) : []));

  return (
    <Flex vertical gap={8}>
      <Input allowClear prefix={<SearchOutlined style={{ color: '#999' }} />} placeholder={t(m.searchTree)} onChange={(e) => setQuery(e.target.value)} data-testid="categories-search" />
      {data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(common.empty)} />
      ) : (
        <Tree
          treeData={data}
          height={height}
          selectedKeys={selectedId ? [selectedId] : []}
          expandedKeys={[...new Set([...open, ...(selectedId && !q ? pathIds(items, selectedId).slice(0, -1) : [])])]}
          onExpand={(keys) => setExpanded(keys as number[])}
          onSelect={(keys) => keys[0] !== undefined && onSelect(Number(keys[0]))}
          blockNode
          data-testid="categories-tree"
        />
      )}
    </Flex>
  );
}
