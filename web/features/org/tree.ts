/** Builds the nested tree from the flat list the API returns. */
import type { TreeItem } from './types.js';

export interface TreeNode extends TreeItem {
  children: TreeNode[];
}

/** Nests items by parentId; items whose parent is not in the list become roots. */
export function buildTree(items: TreeItem[]): TreeNode[] {
  const byId = new Map<number, TreeNode>(items.map((i) => [i.id, { ...i, children: [] }]));
  const roots: TreeNode[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId != null ? byId.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

/** Ids on the way from a root to the node (inclusive), for expanding the tree. */
export function pathTo(items: TreeItem[], id: number): number[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out: number[] = [];
  let cur = byId.get(id);
  while (cur) {
    out.unshift(cur.id);
    cur = cur.parentId != null ? byId.get(cur.parentId) : undefined;
  }
  return out;
}
