/** Figures of the people module for dashboards and the grid card: residents and key populations per node. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface NodeKeyPopulations {
  nodeId: number;
  residents: number;
  /** Residents carrying each tag (tags nobody carries are absent). */
  tags: Record<string, number>;
}

/**
 * For each node, the residents of the grids under it and how many carry each key-population tag.
 * Unfiltered figures: callers decide which tags the viewer may see (people.service, dashboards).
 * Counted per grid (the tag counts read only tagged residents, through the partial index
 * resident_tagged) and summed up the tree here.
 */
export async function keyPopulationsUnder(db: Q, nodeIds: number[]): Promise<NodeKeyPopulations[]> {
  if (nodeIds.length === 0) return [];
  const nodes = await db.selectFrom('org_node').select(['id', 'path']).where('id', 'in', nodeIds).execute();
  const grids = nodes.length
    ? await db
        .selectFrom('org_node')
        .select(['id', 'path'])
        .where('type', '=', 'grid')
        .where(sql<boolean>`path like any(${sql.val(nodes.map((n) => n.path + '%'))}::text[])`)
        .execute()
    : [];
  const ids = sql.val(grids.map((g) => g.id));
  const [totals, tags] = grids.length
    ? await Promise.all([
        sql<{ grid_id: number; n: number }>`
          select grid_id, count(*)::int as n from resident where grid_id = any(${ids}::bigint[]) group by grid_id`.execute(db),
        sql<{ grid_id: number; tag: string; n: number }>`
          select r.grid_id, t.tag, count(*)::int as n
          from resident r cross join lateral unnest(r.tags) as t(tag)
          where r.grid_id = any(${ids}::bigint[]) and r.tags <> '{}'
          group by r.grid_id, t.tag`.execute(db),
      ])
    : [{ rows: [] }, { rows: [] }];
  const gridPath = new Map(grids.map((g) => [g.id, g.path]));
  return nodeIds.map((nodeId) => {
    const path = nodes.find((n) => n.id === nodeId)?.path;
    const under = (gridId: number) => path !== undefined && gridPath.get(gridId)!.startsWith(path);
    const counts: Record<string, number> = {};
    for (const t of tags.rows) if (under(t.grid_id)) counts[t.tag] = (counts[t.tag] ?? 0) + t.n;
    return { nodeId, residents: totals.rows.filter((t) => under(t.grid_id)).reduce((s, t) => s + t.n, 0), tags: counts };
  });
}
