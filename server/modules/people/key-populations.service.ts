/** Key-population counts per child node, for the grid card and dashboards. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { authorize, can, scopePaths, type Actor } from '../../platform/authz/index.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { KEY_POPULATIONS } from '../../../common/key-populations.js';
import { findNode } from '../org/index.js';
import { pathNodeId } from './people.scope.js';
import { keyPopulationsUnder } from './people.stats.js';
import { nodeRef } from './people.present.js';

type NodeRow = { id: number; type: string; code: string; name_zh: string; name_en: string; path: string };
type Figures = { node: ReturnType<typeof nodeRef>; residents: number; sensitiveShown: boolean; counts: Record<string, number> };
export interface KeyPopulationsView {
  node: Figures | null;
  children: Figures[];
  tags: { code: string; zh: string; en: string; group: string; sensitive: boolean }[];
}

/**
 * Counts per tag for a node and for each of its administrative children. Without a node: for each root of
 * the caller's people.read scope. Sensitive tags are counted only where the caller may reveal.
 */
export async function keyPopulations(db: Kysely<DB>, actor: Actor, nodeId: number | undefined): Promise<KeyPopulationsView> {
  let node: NodeRow | null = null;
  let rows: NodeRow[];
  if (nodeId === undefined) {
    const ids = scopePaths(actor, 'people.read').map(pathNodeId).filter((n): n is number => n !== null);
    if (ids.length === 0) throw forbidden();
    if (ids.length === 1) return keyPopulations(db, actor, ids[0]);
    rows = await db.selectFrom('org_node').select(['id', 'type', 'code', 'name_zh', 'name_en', 'path']).where('id', 'in', ids).orderBy('code').execute();
  } else {
    const found = await findNode(db, nodeId);
    if (!found) throw notFound();
    authorize(actor, 'people.read', found.path);
    node = found;
    rows = await db
      .selectFrom('org_node')
      .select(['id', 'type', 'code', 'name_zh', 'name_en', 'path'])
      .where('parent_id', '=', found.id)
      .where('tree', '=', 'admin')
      .where('active', '=', true)
      .orderBy('sort')
      .orderBy('code')
      .execute();
  }
  const figures = await keyPopulationsUnder(db, [...new Set([...(node ? [node.id] : []), ...rows.map((r) => r.id)])]);
  const present = (n: NodeRow) => {
    const f = figures.find((x) => x.nodeId === n.id)!;
    const sensitiveShown = can(actor, 'personal.reveal', n.path);
    const tags = KEY_POPULATIONS.filter((t) => sensitiveShown || !t.sensitive);
    return { node: nodeRef(n), residents: f.residents, sensitiveShown, counts: Object.fromEntries(tags.map((t) => [t.code, f.tags[t.code] ?? 0])) };
  };
  return {
    node: node ? present(node) : null,
    children: rows.map(present),
    tags: KEY_POPULATIONS.map((t) => ({ code: t.code, zh: t.zh, en: t.en, group: t.group, sensitive: t.sensitive })),
  };
}
