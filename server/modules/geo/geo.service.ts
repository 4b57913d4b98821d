/** Read use cases of the geo module: map layers, point → grid, grid history. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { notFound } from '../../platform/http/errors.js';
import { authorize, scopePaths, type Actor } from '../../platform/authz/index.js';
import { findNode } from '../org/index.js';
import { bboxOf, type AreaGeometry, type BBox } from '../../../common/geo/index.js';
import { defaultGridDb, gridIndexFor, refreshGridIndex } from './grid-freshness.js';
import * as repo from './geo.repository.js';

export type AreaLevel = 'grid' | 'community' | 'street';

/**
 * Outlines of grids, communities or streets in the caller's org.read scope (optionally under one node) as
 * a GeoJSON FeatureCollection, with household and resident counts. Areas without a geometry are included
 * with `geometry: null` so the map can list them.
 */
export async function areaFeatures(db: Kysely<DB>, actor: Actor, q: { nodeId?: number; level: AreaLevel; includeRetired: boolean }) {
  let under: string | null = null;
  if (q.nodeId) {
    const node = await findNode(db, q.nodeId);
    if (!node || node.tree !== 'admin') throw notFound();
    authorize(actor, 'org.read', node.path);
    under = node.path;
  }
  const paths = scopePaths(actor, 'org.read');
  if (paths.length === 0) return { type: 'FeatureCollection' as const, features: [] };
  const [rows, counts] = await Promise.all([
    repo.listAreas(db, { type: q.level, paths, under, includeRetired: q.includeRetired }),
    repo.gridCounts(db, under ? [under] : paths, q.includeRetired),
  ]);
  const byGrid = new Map(counts.map((c) => [c.id, c]));
  const total = (areaId: number, areaPath: string) => {
    if (q.level === 'grid') return { households: byGrid.get(areaId)?.households ?? 0, residents: byGrid.get(areaId)?.residents ?? 0 };
    let households = 0;
    let residents = 0;
    for (const c of counts) {
      if (c.path.startsWith(areaPath)) {
        households += c.households;
        residents += c.residents;
      }
    }
    return { households, residents };
  };
  const boxes: BBox[] = [];
  const features = rows.map((r) => {
    const geometry = (r.geometry as AreaGeometry | null) ?? null;
    if (geometry) boxes.push(bboxOf(geometry));
    return {
      type: 'Feature' as const,
      id: r.id,
      geometry,
      properties: {
        id: r.id,
        level: q.level,
        code: r.code,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        parentId: r.parent_id,
        ...(q.level === 'grid' && { communityId: r.parent_id }),
        active: r.active,
        retiredAt: r.retired_at,
        ...total(r.id, r.path),
      },
    };
  });
  const bbox: BBox | undefined = boxes.length
    ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]
    : undefined;
  return { type: 'FeatureCollection' as const, ...(bbox && { bbox }), features };
}

export interface NodeSummary {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
}
export interface Located {
  grid: NodeSummary;
  community: NodeSummary;
  street: NodeSummary | null;
}

/** The active grid containing the point, with its community and street; null outside every grid. */
export async function locate(lat: number, lng: number, db: Kysely<DB> = defaultGridDb()): Promise<Located | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const hit = (await gridIndexFor(db)).locate(lng, lat);
    if (!hit) return null;
    const rows = await repo.nodesByIds(db, [hit.id, hit.communityId, ...(hit.streetId ? [hit.streetId] : [])]);
    const byId = new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, nameZh: r.name_zh, nameEn: r.name_en, active: r.active }]));
    const grid = byId.get(hit.id);
    const community = byId.get(hit.communityId);
    if (grid?.active && community) {
      const strip = (n: { id: number; code: string; nameZh: string; nameEn: string }) => ({ id: n.id, code: n.code, nameZh: n.nameZh, nameEn: n.nameEn });
      const street = hit.streetId ? byId.get(hit.streetId) : undefined;
      return { grid: strip(grid), community: strip(community), street: street ? strip(street) : null };
    }
    // The grid was deleted or retired behind the index's back (e.g. by another module): rebuild once.
    await refreshGridIndex(db);
  }
  return null;
}

/** A grid's changes and its lineage: the grids it came from and the grids it became, over several steps. */
export async function gridHistory(db: Kysely<DB>, actor: Actor, id: number) {
  const grid = await findNode(db, id);
  if (!grid || grid.type !== 'grid') throw notFound();
  authorize(actor, 'org.read', grid.path);
  const [changes, up, down] = await Promise.all([repo.changesOfNode(db, id), repo.lineage(db, id, 'up'), repo.lineage(db, id, 'down')]);
  const nodes = new Map((await repo.nodesByIds(db, [...new Set([...up, ...down].map((l) => l.node_id))])).map((n) => [n.id, n]));
  const changeInfo = new Map((await repo.changesByIds(db, [...new Set([...up, ...down].map((l) => l.change_id))])).map((c) => [c.id, c]));
  const related = (rows: typeof up) =>
    rows.map((l) => {
      const n = nodes.get(l.node_id)!;
      const c = changeInfo.get(l.change_id)!;
      return { id: n.id, code: n.code, nameZh: n.name_zh, nameEn: n.name_en, active: n.active, retiredAt: n.retired_at, depth: l.depth, changeId: c.id, changeKind: c.kind, changedAt: c.created_at };
    });
  return {
    grid: { id: grid.id, code: grid.code, nameZh: grid.name_zh, nameEn: grid.name_en, communityId: grid.parent_id, active: grid.active, retiredAt: grid.retired_at, geometry: grid.geometry },
    changes: changes.map((c) => ({
      id: c.id,
      kind: c.kind,
      action: c.action,
      note: c.note,
      createdAt: c.created_at,
      createdBy: c.created_by ? { id: c.created_by, displayName: c.display_name } : null,
      previousGeometry: c.previous_geometry,
    })),
    predecessors: related(up),
    successors: related(down),
  };
}
