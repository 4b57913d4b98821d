/**
 * Re-division of grids with history: split one grid into parts, merge several into one. The old grids are
 * retired (they keep geometry, cases and patrol logs); buildings, households, residents and role grants
 * move to the new grids; grid_change, grid_lineage and grid_change_node record what happened.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, GeoJsonGeometry } from '../../platform/db/schema.js';
import { AppError, conflict, notFound } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { authorize, type Actor } from '../../platform/authz/index.js';
import type { Locale } from '../../../common/i18n/errors.js';
import type { MergeBody, SplitBody } from '../../../common/contracts/geo.js';
import { createNodeUnchecked, findNode } from '../org/index.js';
import {
  areaM2,
  bboxOf,
  distanceToBoundary,
  dissolve,
  geometriesOverlap,
  geometryWithin,
  nextGridCodes,
  pointInGeometry,
  polygonsOf,
  validateGeometry,
  type AreaGeometry,
} from '../../../common/geo/index.js';
import { MAX_POSITIONS, ProblemList } from './geo.problems.js';
import { OVERLAP_TOL, WITHIN_TOL } from './geo-import.service.js';
import { withGridChange } from './grid-freshness.js';
import * as repo from './geo.repository.js';

/** Parts of a split must cover the original's area within this fraction. */
export const COVER_TOLERANCE = 0.01;

interface Target {
  id: number;
  code: string;
  geometry: AreaGeometry | null;
  area: number;
}

/** A grid's stored geometry, normalised when valid. */
function storedGeometry(g: unknown): AreaGeometry | null {
  if (!g) return null;
  const v = validateGeometry(g);
  return v.ok ? v.geometry : (g as AreaGeometry);
}

/** Loads a grid the actor may re-divide: 404 outside scope or not a grid, 403 without grid.manage. */
async function manageableGrid(db: Kysely<DB>, actor: Actor, id: number) {
  const node = await findNode(db, id);
  if (!node || node.type !== 'grid') throw notFound();
  authorize(actor, 'grid.manage', node.path);
  return node;
}

/** Codes for new grids: the given ones, else the community's next free numbers; 409 when taken. */
async function assignCodes(db: Kysely<DB>, community: { id: number; code: string }, wanted: (string | undefined)[]): Promise<string[]> {
  const missing = wanted.filter((c) => !c).length;
  const free = missing ? nextGridCodes(community.code, [...(await repo.gridCodesOf(db, community.id)), ...wanted.filter(Boolean) as string[]], missing) : [];
  if (free.length < missing) throw new AppError(409, 'GRID_CODES_EXHAUSTED', { community: community.code });
  const codes = wanted.map((c) => c ?? free.shift()!);
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) throw new AppError(422, 'GRIDS_DUPLICATE');
    seen.add(c);
  }
  const taken = await repo.nodesByCodes(db, codes);
  if (taken.length) throw new AppError(409, 'NODE_CODE_TAKEN', { code: taken[0]!.code });
  return codes;
}

/** Splits a grid into 2–20 parts that lie inside it, do not overlap and cover it. */
export async function splitGrid(db: Kysely<DB>, actor: Actor, gridId: number, body: SplitBody, ctx: AuditContext, locale: Locale) {
  const grid = await manageableGrid(db, actor, gridId);
  if (!grid.active) throw new AppError(409, 'GRID_RETIRED', { code: grid.code });
  const original = storedGeometry(grid.geometry);
  if (!original) throw new AppError(409, 'GRID_NO_GEOMETRY', { code: grid.code });
  const community = (await findNode(db, grid.parent_id!))!;

  const problems = new ProblemList(locale, 'part');
  const parts = body.parts.map((p, i) => {
    const v = validateGeometry(p.geometry, { maxPositions: MAX_POSITIONS, tol: OVERLAP_TOL });
    if (!v.ok) problems.addGeometry(i, p.code ?? null, v.problem);
    return { ...p, geometry: v.ok ? v.geometry : null };
  });
  parts.forEach((p, i) => {
    if (p.geometry && !geometryWithin(p.geometry, original, WITHIN_TOL)) problems.add(i, p.code ?? null, 'GEO_PART_OUTSIDE');
    for (let j = 0; j < i; j++) {
      const q = parts[j]!;
      if (p.geometry && q.geometry && geometriesOverlap(p.geometry, q.geometry, OVERLAP_TOL)) {
        problems.add(i, p.code ?? null, 'GEO_OVERLAP', { other: q.code ?? `#${j + 1}` });
      }
    }
  });
  if (problems.size === 0) {
    const ratio = parts.reduce((s, p) => s + areaM2(p.geometry!), 0) / areaM2(original);
    if (Math.abs(ratio - 1) > COVER_TOLERANCE) problems.add(null, null, 'GEO_PARTS_NOT_COVER', { percent: (ratio * 100).toFixed(1) });
  }
  if (problems.size) throw new AppError(422, 'GRID_PARTS_INVALID', {}, problems.sorted());
  const codes = await assignCodes(db, community, parts.map((p) => p.code));

  return withGridChange(db, () =>
    db.transaction().execute(async (tx) => {
      await repo.bumpGridVersion(tx);
      const [locked] = await repo.lockNodes(tx, [grid.id]);
      if (!locked?.active) throw new AppError(409, 'GRID_RETIRED', { code: grid.code });
      // The parts were checked against the shape read before the lock: it must not have changed since.
      if (JSON.stringify(locked.geometry) !== JSON.stringify(grid.geometry)) throw conflict();
      const created: Target[] = [];
      for (const [i, p] of parts.entries()) {
        const node = await createNodeUnchecked(tx, {
          parentId: community.id,
          type: 'grid',
          code: codes[i]!,
          nameZh: p.nameZh,
          nameEn: p.nameEn ?? codes[i]!,
          geometry: p.geometry as GeoJsonGeometry,
          bbox: bboxOf(p.geometry!),
        });
        created.push({ id: node.id, code: node.code, geometry: p.geometry, area: areaM2(p.geometry!) });
      }
      await repo.retireGrids(tx, [grid.id]);
      const changeId = await repo.insertChange(tx, { kind: 'split', communityId: community.id, note: body.note ?? null, createdBy: actor.userId });
      await repo.insertLineage(tx, created.map((c) => ({ change_id: changeId, from_node_id: grid.id, to_node_id: c.id })));
      await repo.insertChangeNodes(tx, [
        { change_id: changeId, node_id: grid.id, action: 'retired' },
        ...created.map((c) => ({ change_id: changeId, node_id: c.id, action: 'created' as const })),
      ]);
      const moved = await moveContents(tx, [grid.id], created);
      await audit(tx, ctx, {
        action: 'geo.grid_split',
        entity: 'org_node',
        entityId: grid.id,
        nodeId: community.id,
        reason: body.note ?? null,
        detail: { changeId, from: grid.code, to: created.map((c) => c.code), moved: moved.counts, grants: moved.grants },
      });
      return {
        changeId,
        retired: { id: grid.id, code: grid.code },
        created: created.map((c, i) => ({ id: c.id, code: c.code, nameZh: parts[i]!.nameZh, nameEn: parts[i]!.nameEn ?? c.code })),
        ...moved,
      };
    }),
  );
}

/** Merges 2–20 active grids of one community into a new grid. */
export async function mergeGrids(db: Kysely<DB>, actor: Actor, body: MergeBody, ctx: AuditContext) {
  if (new Set(body.gridIds).size !== body.gridIds.length) throw new AppError(422, 'GRIDS_DUPLICATE');
  const grids: Awaited<ReturnType<typeof manageableGrid>>[] = [];
  for (const id of body.gridIds) grids.push(await manageableGrid(db, actor, id));
  for (const g of grids) if (!g.active) throw new AppError(409, 'GRID_RETIRED', { code: g.code });
  if (new Set(grids.map((g) => g.parent_id)).size !== 1) throw new AppError(422, 'GRIDS_NOT_SAME_COMMUNITY');
  const shaped = grids.map((g) => storedGeometry(g.geometry));
  const lacking = grids.find((_, i) => !shaped[i]);
  if (lacking && shaped.some(Boolean)) throw new AppError(409, 'GRID_NO_GEOMETRY', { code: lacking.code });
  const geometry = lacking ? null : mergedGeometry(shaped as AreaGeometry[]);
  const community = (await findNode(db, grids[0]!.parent_id!))!;
  const [code] = await assignCodes(db, community, [body.code]);

  return withGridChange(db, () =>
    db.transaction().execute(async (tx) => {
      await repo.bumpGridVersion(tx);
      const locked = await repo.lockNodes(tx, body.gridIds);
      const retiredNow = locked.find((g) => !g.active);
      if (retiredNow) throw new AppError(409, 'GRID_RETIRED', { code: retiredNow.code });
      const before = new Map(grids.map((g) => [g.id, JSON.stringify(g.geometry)]));
      if (locked.some((g) => JSON.stringify(g.geometry) !== before.get(g.id))) throw conflict();
      const node = await createNodeUnchecked(tx, {
        parentId: community.id,
        type: 'grid',
        code: code!,
        nameZh: body.nameZh,
        nameEn: body.nameEn ?? code!,
        geometry: geometry as GeoJsonGeometry | null,
        bbox: geometry ? bboxOf(geometry) : null,
      });
      const ids = grids.map((g) => g.id);
      await repo.retireGrids(tx, ids);
      const changeId = await repo.insertChange(tx, { kind: 'merge', communityId: community.id, note: body.note ?? null, createdBy: actor.userId });
      await repo.insertLineage(tx, ids.map((id) => ({ change_id: changeId, from_node_id: id, to_node_id: node.id })));
      await repo.insertChangeNodes(tx, [
        ...ids.map((id) => ({ change_id: changeId, node_id: id, action: 'retired' as const })),
        { change_id: changeId, node_id: node.id, action: 'created' },
      ]);
      const moved = await moveContents(tx, ids, [{ id: node.id, code: node.code, geometry, area: geometry ? areaM2(geometry) : 0 }]);
      await audit(tx, ctx, {
        action: 'geo.grid_merge',
        entity: 'org_node',
        entityId: node.id,
        nodeId: community.id,
        reason: body.note ?? null,
        detail: { changeId, from: grids.map((g) => g.code), to: node.code, moved: moved.counts, grants: moved.grants },
      });
      return {
        changeId,
        retired: grids.map((g) => ({ id: g.id, code: g.code })),
        created: { id: node.id, code: node.code, nameZh: node.name_zh, nameEn: node.name_en, geometryType: geometry?.type ?? null },
        ...moved,
      };
    }),
  );
}

/**
 * The union of the grids' shapes: dissolved into one outline when that can be built and checked (valid,
 * same area), else a MultiPolygon of all their polygons.
 */
export function mergedGeometry(shapes: AreaGeometry[]): AreaGeometry {
  const polygons = shapes.flatMap(polygonsOf);
  const total = shapes.reduce((s, g) => s + areaM2(g), 0);
  const d = dissolve(polygons, OVERLAP_TOL);
  if (d) {
    const v = validateGeometry(d, { tol: OVERLAP_TOL });
    if (v.ok && Math.abs(areaM2(v.geometry) - total) <= total * 1e-6) return v.geometry;
  }
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** The target containing a point, else the nearest one. */
function targetAt(targets: Target[], lng: number, lat: number): Target {
  if (targets.length === 1) return targets[0]!;
  const inside = targets.find((t) => t.geometry && pointInGeometry(lng, lat, t.geometry));
  if (inside) return inside;
  let best = targets[0]!;
  let bestD = Infinity;
  for (const t of targets) {
    const d = t.geometry ? distanceToBoundary(lng, lat, polygonsOf(t.geometry)) : Infinity;
    if (d < bestD) [best, bestD] = [t, d];
  }
  return best;
}

/**
 * Moves what belongs to the old grids into the targets: buildings by position (the target containing the
 * building, else the nearest), households with their building, households without a building to the
 * target that received the most households (ties: the larger area), residents with their household,
 * grid workers' grants to that same target, residents' grants to the grid they now live in.
 */
async function moveContents(tx: Transaction<DB>, fromIds: number[], targets: Target[]) {
  const toIds = targets.map((t) => t.id);
  const buildings = await repo.buildingsOf(tx, fromIds);
  const byTarget = new Map<number, number[]>();
  for (const b of buildings) {
    const t = targetAt(targets, b.lng, b.lat);
    byTarget.set(t.id, [...(byTarget.get(t.id) ?? []), b.id]);
  }
  for (const [t, ids] of byTarget) await repo.setBuildingsGrid(tx, t, ids);
  const withBuilding = await repo.moveHouseholdsWithBuildings(tx, fromIds, toIds);
  const counts = await repo.householdCounts(tx, toIds);
  const primary = [...targets].sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || b.area - a.area)[0]!;
  const withoutBuilding = await repo.moveRemainingHouseholds(tx, fromIds, primary.id);
  const residents = await repo.moveResidents(tx, fromIds, toIds, primary.id);
  const grants = [];
  for (const g of await repo.grantsOn(tx, fromIds)) {
    const to = g.role === 'resident' && g.home_grid_id && toIds.includes(g.home_grid_id) ? g.home_grid_id : primary.id;
    await repo.moveGrant(tx, g, to);
    grants.push({ userId: g.user_id, username: g.username, role: g.role, fromGridId: g.node_id, toGridId: to, toGridCode: targets.find((t) => t.id === to)!.code });
  }
  const party = await repo.partyNodesLinkedTo(tx, fromIds);
  const finalCounts = await repo.householdCounts(tx, toIds);
  return {
    primaryGridId: primary.id,
    counts: {
      buildings: buildings.length,
      households: withBuilding + withoutBuilding,
      householdsWithoutBuilding: withoutBuilding,
      residents,
      byGrid: Object.fromEntries(targets.map((t) => [t.code, { buildings: byTarget.get(t.id)?.length ?? 0, households: finalCounts.get(t.id) ?? 0 }])),
    },
    grants,
    /** Party organisations still linked to a retired grid: relink them in the organisation tree. */
    partyNodesOnRetiredGrids: party.map((p) => ({ id: p.id, type: p.type, code: p.code, nameZh: p.name_zh, nameEn: p.name_en, gridId: p.admin_node_id })),
  };
}
