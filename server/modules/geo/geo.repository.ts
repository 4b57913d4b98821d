/** All SQL of the geo module. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, GeoJsonGeometry } from '../../platform/db/schema.js';
import type { GridShape } from './grid-index.js';

type Q = Kysely<DB> | Transaction<DB>;

const VERSION_KEY = 'geo.grid_version';

/** The shared grid version (0 before the first change). */
export async function readGridVersion(db: Q): Promise<number> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  return r ? Number(r.value) || 0 : 0;
}

/** Bumps the grid version inside a grid change's transaction; its row lock also serialises grid changes. */
export async function bumpGridVersion(tx: Q): Promise<number> {
  const r = await sql<{ value: unknown }>`
    insert into setting (key, value, updated_at) values (${VERSION_KEY}, '1'::jsonb, now())
    on conflict (key) do update
      set value = to_jsonb(coalesce((setting.value #>> '{}')::bigint, 0) + 1), updated_at = now()
    returning value`.execute(tx);
  return Number(r.rows[0]!.value);
}

/** Active grids with a geometry, with their community and street, for the point index. */
export async function loadIndexGrids(db: Q): Promise<GridShape[]> {
  const rows = await db
    .selectFrom('org_node as g')
    .innerJoin('org_node as c', 'c.id', 'g.parent_id')
    .select(['g.id', 'g.geometry', 'c.id as community_id', 'c.parent_id as street_id'])
    .where('g.type', '=', 'grid')
    .where('g.active', '=', true)
    .where('g.geometry', 'is not', null)
    .execute();
  return rows.map((r) => ({ id: r.id, communityId: r.community_id, streetId: r.street_id, geometry: r.geometry as GeoJsonGeometry }));
}

const NODE_COLUMNS = ['id', 'parent_id', 'type', 'code', 'name_zh', 'name_en', 'path', 'active', 'retired_at', 'geometry', 'bbox'] as const;
export type NodeRow = Awaited<ReturnType<typeof nodesByIds>>[number];

/** Nodes by id (with geometry). */
export function nodesByIds(db: Q, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_node').select(NODE_COLUMNS).where('id', 'in', ids).execute();
}

/** Nodes by code (with geometry). */
export function nodesByCodes(db: Q, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_node').select(NODE_COLUMNS).where('code', 'in', codes).execute();
}

/** Locks grids for a change and returns them. */
export function lockNodes(tx: Q, ids: number[]) {
  return tx.selectFrom('org_node').select(NODE_COLUMNS).where('id', 'in', ids).forUpdate().execute();
}

/** Active grids with a geometry whose bounding box meets the given one. */
export function activeGridsInBox(db: Q, box: number[]) {
  const [minX, minY, maxX, maxY] = box;
  return db
    .selectFrom('org_node')
    .select(NODE_COLUMNS)
    .where('type', '=', 'grid')
    .where('active', '=', true)
    .where('geometry', 'is not', null)
    .where(sql<boolean>`bbox[1] <= ${maxX} and bbox[3] >= ${minX} and bbox[2] <= ${maxY} and bbox[4] >= ${minY}`)
    .execute();
}

/** Codes of a community's grids (retired too), for numbering new ones. */
export async function gridCodesOf(db: Q, communityId: number): Promise<string[]> {
  const rows = await db.selectFrom('org_node').select('code').where('parent_id', '=', communityId).execute();
  return rows.map((r) => r.code);
}

/** Areas of one type under any of the paths (and under `under`), for the map. */
export function listAreas(db: Q, f: { type: 'grid' | 'community' | 'street'; paths: string[]; under: string | null; includeRetired: boolean }) {
  let q = db
    .selectFrom('org_node')
    .select(['id', 'parent_id', 'code', 'name_zh', 'name_en', 'path', 'active', 'retired_at', 'geometry'])
    .where('type', '=', f.type)
    .where(sql<boolean>`path like any(${sql.val(f.paths.map((p) => p + '%'))}::text[])`);
  if (f.under) q = q.where('path', 'like', f.under + '%');
  if (!f.includeRetired) q = q.where('active', '=', true);
  return q.orderBy('code').execute();
}

/** Households and residents per grid under the given paths (one index lookup per grid). */
export async function gridCounts(db: Q, paths: string[], includeRetired: boolean) {
  const r = await sql<{ id: number; path: string; households: number; residents: number }>`
    select g.id, g.path, h.n as households, r.n as residents
    from org_node g
    cross join lateral (select count(*)::int as n from household where grid_id = g.id) h
    cross join lateral (select count(*)::int as n from resident where grid_id = g.id) r
    where g.type = 'grid' and g.path like any(${sql.val(paths.map((p) => p + '%'))}::text[])
      ${includeRetired ? sql`` : sql`and g.active`}`.execute(db);
  return r.rows;
}

/** Records a grid change and returns its id. */
export async function insertChange(tx: Q, c: { kind: 'import' | 'split' | 'merge' | 'reshape'; communityId: number; note: string | null; createdBy: number | null }) {
  const row = await tx
    .insertInto('grid_change')
    .values({ kind: c.kind, community_id: c.communityId, note: c.note, created_by: c.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records which grid became which. */
export async function insertLineage(tx: Q, rows: { change_id: number; from_node_id: number; to_node_id: number }[]) {
  if (rows.length) await tx.insertInto('grid_lineage').values(rows).execute();
}

/** Records the grids a change touched. */
export async function insertChangeNodes(
  tx: Q,
  rows: { change_id: number; node_id: number; action: 'created' | 'reshaped' | 'retired'; previous_geometry?: GeoJsonGeometry | null }[],
) {
  if (rows.length === 0) return;
  await tx
    .insertInto('grid_change_node')
    .values(rows.map((r) => ({ ...r, previous_geometry: r.previous_geometry ? JSON.stringify(r.previous_geometry) : null })))
    .execute();
}

/** Replaces a grid's geometry and names. */
export async function updateGrid(tx: Q, id: number, g: { geometry: GeoJsonGeometry; bbox: number[]; nameZh: string; nameEn: string }) {
  await tx
    .updateTable('org_node')
    .set({ geometry: JSON.stringify(g.geometry), bbox: g.bbox, name_zh: g.nameZh, name_en: g.nameEn, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Retires grids (they keep their geometry and history). */
export async function retireGrids(tx: Q, ids: number[]) {
  await tx.updateTable('org_node').set({ active: false, retired_at: new Date(), updated_at: new Date() }).where('id', 'in', ids).execute();
}

/** Buildings of grids with their positions. */
export function buildingsOf(tx: Q, gridIds: number[]) {
  return tx.selectFrom('building').select(['id', 'grid_id', 'lat', 'lng']).where('grid_id', 'in', gridIds).orderBy('id').execute();
}

/** Moves buildings to a grid. */
export async function setBuildingsGrid(tx: Q, gridId: number, buildingIds: number[]) {
  if (buildingIds.length) await tx.updateTable('building').set({ grid_id: gridId }).where('id', 'in', buildingIds).execute();
}

/** Households of the old grids follow their house's building into one of the new grids; returns how many. */
export async function moveHouseholdsWithBuildings(tx: Q, fromIds: number[], toIds: number[]): Promise<number> {
  const r = await sql`
    update household h set grid_id = b.grid_id, updated_at = now()
    from house hs join building b on b.id = hs.building_id
    where h.house_id = hs.id and h.grid_id = any(${sql.val(fromIds)}::bigint[]) and b.grid_id = any(${sql.val(toIds)}::bigint[])`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/** Moves every household still in the old grids to one grid; returns how many. */
export async function moveRemainingHouseholds(tx: Q, fromIds: number[], to: number): Promise<number> {
  const r = await tx.updateTable('household').set({ grid_id: to, updated_at: new Date() }).where('grid_id', 'in', fromIds).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Residents of the old grids follow their household; the rest (inconsistent rows) go to `fallback`. */
export async function moveResidents(tx: Q, fromIds: number[], toIds: number[], fallback: number): Promise<number> {
  const a = await sql`
    update resident r set grid_id = h.grid_id, updated_at = now()
    from household h
    where r.household_id = h.id and r.grid_id = any(${sql.val(fromIds)}::bigint[]) and h.grid_id = any(${sql.val(toIds)}::bigint[])`.execute(tx);
  const b = await tx.updateTable('resident').set({ grid_id: fallback, updated_at: new Date() }).where('grid_id', 'in', fromIds).executeTakeFirst();
  return Number(a.numAffectedRows ?? 0) + Number(b.numUpdatedRows);
}

/** Households per grid. */
export async function householdCounts(tx: Q, gridIds: number[]): Promise<Map<number, number>> {
  const rows = await tx
    .selectFrom('household')
    .select(['grid_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('grid_id', 'in', gridIds)
    .groupBy('grid_id')
    .execute();
  return new Map(rows.map((r) => [r.grid_id, Number(r.n)]));
}

/** Role grants on grids, with the grid their user lives in (for resident grants). */
export async function grantsOn(tx: Q, gridIds: number[]) {
  return tx
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .leftJoin('resident as r', 'r.id', 'u.resident_id')
    .leftJoin('household as h', 'h.id', 'r.household_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.node_id', 'u.username', 'h.grid_id as home_grid_id'])
    .where('g.node_id', 'in', gridIds)
    .orderBy('g.id')
    .execute();
}

/** Moves a grant to another node, or drops it when the user already holds that role there. */
export async function moveGrant(tx: Q, g: { id: number; user_id: number; role: string }, to: number) {
  const existing = await tx
    .selectFrom('role_grant')
    .select('id')
    .where('user_id', '=', g.user_id)
    .where('role', '=', g.role)
    .where('node_id', '=', to)
    .executeTakeFirst();
  if (existing) await tx.deleteFrom('role_grant').where('id', '=', g.id).execute();
  else await tx.updateTable('role_grant').set({ node_id: to }).where('id', '=', g.id).execute();
}

/** Party organisations linked to the given grids. */
export function partyNodesLinkedTo(tx: Q, gridIds: number[]) {
  return tx
    .selectFrom('org_node')
    .select(['id', 'type', 'code', 'name_zh', 'name_en', 'admin_node_id'])
    .where('tree', '=', 'party')
    .where('admin_node_id', 'in', gridIds)
    .orderBy('id')
    .execute();
}

/** The changes that touched a node, oldest first. */
export function changesOfNode(db: Q, nodeId: number) {
  return db
    .selectFrom('grid_change_node as cn')
    .innerJoin('grid_change as c', 'c.id', 'cn.change_id')
    .leftJoin('app_user as u', 'u.id', 'c.created_by')
    .select(['c.id', 'c.kind', 'c.note', 'c.created_at', 'c.created_by', 'u.display_name', 'cn.action', 'cn.previous_geometry'])
    .where('cn.node_id', '=', nodeId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

/** Grids before (`up`) or after (`down`) a grid through splits and merges, with their distance. */
export async function lineage(db: Q, nodeId: number, direction: 'up' | 'down') {
  const [self, other] = direction === 'up' ? [sql.ref('to_node_id'), sql.ref('from_node_id')] : [sql.ref('from_node_id'), sql.ref('to_node_id')];
  const r = await sql<{ node_id: number; change_id: number; depth: number }>`
    with recursive walk(node_id, change_id, depth) as (
      select l.${other}, l.change_id, 1 from grid_lineage l where l.${self} = ${nodeId} and l.from_node_id <> l.to_node_id
      union
      select l.${other}, l.change_id, w.depth + 1
      from grid_lineage l join walk w on l.${self} = w.node_id
      where w.depth < 20 and l.from_node_id <> l.to_node_id
    )
    select node_id, change_id, min(depth)::int as depth from walk group by node_id, change_id order by depth, node_id`.execute(db);
  return r.rows;
}

/** Grid changes by id. */
export function changesByIds(db: Q, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('grid_change').select(['id', 'kind', 'created_at']).where('id', 'in', ids).execute();
}
