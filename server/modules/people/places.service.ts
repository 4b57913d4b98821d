/** Use cases about places: buildings (with houses) and households (with their masked members). */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { authorize, can, type Actor } from '../../platform/authz/index.js';
import { isUniqueViolation } from '../../platform/db/index.js';
import type { BuildingCreate, BuildingUpdate, HouseCreate, HouseholdCreate, HouseholdUpdate } from '../../../common/contracts/people.js';
import { findNode } from '../org/index.js';
import { listPaths } from './people.scope.js';
import { residentSearchTokens } from './resident-search.js';
import { searchResidents } from './residents.repository.js';
import { presentRows } from './residents.service.js';
import * as repo from './places.repository.js';

const grid = (r: { grid_id: number; grid_code: string; grid_name_zh: string; grid_name_en: string }) => ({
  id: r.grid_id,
  code: r.grid_code,
  nameZh: r.grid_name_zh,
  nameEn: r.grid_name_en,
});

const abilities = (actor: Actor, gridPath: string) => ({ edit: can(actor, 'people.write', gridPath) });

/** Buildings in the caller's scope (or under one node of it). */
export async function listBuildings(db: Kysely<DB>, actor: Actor, query: { nodeId?: number; q?: string; page: number; pageSize: number }) {
  const paths = await listPaths(db, actor, 'people.read', query.nodeId);
  const { rows, total, capped } = await repo.listBuildings(db, paths, query.q || undefined, query.page, query.pageSize);
  return {
    items: rows.map((b) => ({
      id: b.id,
      code: b.code,
      name: b.name,
      address: b.address,
      lat: b.lat,
      lng: b.lng,
      floors: b.floors,
      unitCount: b.unit_count,
      kind: b.kind,
      houseCount: Number(b.house_count ?? 0),
      grid: grid(b),
    })),
    total,
    totalCapped: capped,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One building with its houses and the households in each. */
export async function getBuilding(db: Kysely<DB>, actor: Actor, id: number) {
  const b = await repo.findBuilding(db, id);
  if (!b) throw notFound();
  authorize(actor, 'people.read', b.grid_path);
  const { houses, households } = await repo.housesOfBuilding(db, id);
  return {
    id: b.id,
    code: b.code,
    name: b.name,
    address: b.address,
    lat: b.lat,
    lng: b.lng,
    floors: b.floors,
    unitCount: b.unit_count,
    kind: b.kind,
    grid: grid(b),
    houses: houses.map((h) => ({
      id: h.id,
      unitNo: h.unit_no,
      floor: h.floor,
      roomNo: h.room_no,
      areaCenti: h.area_centi,
      use: h.use,
      households: households
        .filter((x) => x.house_id === h.id)
        .map((x) => ({ id: x.id, householdNo: x.household_no, address: x.address, kind: x.kind, memberCount: Number(x.member_count ?? 0) })),
    })),
    abilities: abilities(actor, b.grid_path),
  };
}

/** Households in the caller's scope (or under one node of it). */
export async function listHouseholds(db: Kysely<DB>, actor: Actor, query: { nodeId?: number; q?: string; page: number; pageSize: number }) {
  const paths = await listPaths(db, actor, 'people.read', query.nodeId);
  const { rows, total, capped } = await repo.listHouseholds(db, paths, query.q || undefined, query.page, query.pageSize);
  return {
    items: rows.map((h) => ({
      id: h.id,
      householdNo: h.household_no,
      address: h.address,
      kind: h.kind,
      houseId: h.house_id,
      memberCount: Number(h.member_count ?? 0),
      grid: grid(h),
    })),
    total,
    totalCapped: capped,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One household: address, house and building, grid, and its members (masked). */
export async function getHousehold(db: Kysely<DB>, actor: Actor, id: number) {
  const h = await repo.findHousehold(db, id);
  if (!h) throw notFound();
  authorize(actor, 'people.read', h.grid_path);
  const members = await searchResidents(db, { paths: [h.grid_path], householdId: id }, 1, 200);
  return {
    id: h.id,
    householdNo: h.household_no,
    address: h.address,
    kind: h.kind,
    house: h.house_id
      ? { id: h.house_id, unitNo: h.unit_no, floor: h.floor, roomNo: h.room_no, areaCenti: h.area_centi, building: { id: h.building_id, code: h.building_code, name: h.building_name } }
      : null,
    grid: grid(h),
    members: await presentRows(db, actor, members.rows),
    abilities: abilities(actor, h.grid_path),
  };
}

/** A grid node the actor may write people data in (404/403), or 400 when the node is not a grid. */
async function writableGrid(db: Kysely<DB>, actor: Actor, gridId: number) {
  const node = await findNode(db, gridId);
  if (!node) throw notFound();
  authorize(actor, 'people.write', node.path);
  if (node.type !== 'grid') throw new AppError(400, 'NODE_NOT_GRID');
  return node;
}

/** Registers a building in a grid. */
export async function createBuilding(db: Kysely<DB>, actor: Actor, input: BuildingCreate, ctx: AuditContext) {
  const node = await writableGrid(db, actor, input.gridId);
  try {
    const id = await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('building')
        .values({ grid_id: node.id, code: input.code, name: input.name, address: input.address, lat: input.lat, lng: input.lng, floors: input.floors, unit_count: input.unitCount, kind: input.kind })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, ctx, { action: 'building.create', entity: 'building', entityId: row.id, nodeId: node.id, detail: { code: input.code } });
      return row.id;
    });
    return getBuilding(db, actor, id);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'BUILDING_CODE_TAKEN', { code: input.code });
    throw e;
  }
}

/** Changes a building's code, name, address, position, size or kind. */
export async function updateBuilding(db: Kysely<DB>, actor: Actor, id: number, input: BuildingUpdate, ctx: AuditContext) {
  const b = await repo.findBuilding(db, id);
  if (!b) throw notFound();
  authorize(actor, 'people.write', b.grid_path);
  const set = {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.address !== undefined && { address: input.address }),
    ...(input.lat !== undefined && { lat: input.lat }),
    ...(input.lng !== undefined && { lng: input.lng }),
    ...(input.floors !== undefined && { floors: input.floors }),
    ...(input.unitCount !== undefined && { unit_count: input.unitCount }),
    ...(input.kind !== undefined && { kind: input.kind }),
  };
  if (Object.keys(set).length > 0) {
    try {
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('building').set(set).where('id', '=', id).execute();
        await audit(tx, ctx, { action: 'building.update', entity: 'building', entityId: id, nodeId: b.grid_id, detail: { fields: Object.keys(input).sort() } });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError(409, 'BUILDING_CODE_TAKEN', { code: input.code ?? '' });
      throw e;
    }
  }
  return getBuilding(db, actor, id);
}

/** Adds a house (unit, floor, room, area) to a building. */
export async function createHouse(db: Kysely<DB>, actor: Actor, buildingId: number, input: HouseCreate, ctx: AuditContext) {
  const b = await repo.findBuilding(db, buildingId);
  if (!b) throw notFound();
  authorize(actor, 'people.write', b.grid_path);
  try {
    const id = await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('house')
        .values({ building_id: buildingId, unit_no: input.unitNo, floor: input.floor, room_no: input.roomNo, area_centi: input.areaCenti, use: input.use })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, ctx, { action: 'house.create', entity: 'house', entityId: row.id, nodeId: b.grid_id, detail: { buildingId } });
      return row.id;
    });
    return { id, buildingId, unitNo: input.unitNo, floor: input.floor, roomNo: input.roomNo, areaCenti: input.areaCenti, use: input.use };
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'HOUSE_TAKEN', { unit: input.unitNo, room: input.roomNo });
    throw e;
  }
}

/** The grid a household goes in: its house's grid, which must agree with a grid named as well. */
async function householdGrid(db: Kysely<DB>, actor: Actor, gridId: number | undefined, houseId: number | null | undefined) {
  if (houseId != null) {
    const house = await repo.findHouse(db, houseId);
    if (!house) throw notFound();
    authorize(actor, 'people.write', house.grid_path);
    if (gridId !== undefined && gridId !== house.grid_id) throw new AppError(400, 'HOUSEHOLD_GRID_MISMATCH');
    return house.grid_id;
  }
  return (await writableGrid(db, actor, gridId!)).id;
}

/** Registers a household in a grid, optionally living in a registered house. */
export async function createHousehold(db: Kysely<DB>, actor: Actor, input: HouseholdCreate, ctx: AuditContext) {
  const gridId = await householdGrid(db, actor, input.gridId, input.houseId);
  try {
    const id = await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('household')
        .values({ grid_id: gridId, house_id: input.houseId ?? null, household_no: input.householdNo, address: input.address, kind: input.kind })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, ctx, { action: 'household.create', entity: 'household', entityId: row.id, nodeId: gridId, detail: { householdNo: input.householdNo } });
      return row.id;
    });
    return getHousehold(db, actor, id);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'HOUSEHOLD_NO_TAKEN', { code: input.householdNo });
    throw e;
  }
}

/** Changes a household's number, address, kind or house; a new address is re-indexed for its members. */
export async function updateHousehold(db: Kysely<DB>, actor: Actor, id: number, input: HouseholdUpdate, ctx: AuditContext) {
  const h = await repo.findHousehold(db, id);
  if (!h) throw notFound();
  authorize(actor, 'people.write', h.grid_path);
  if (input.houseId != null) await householdGrid(db, actor, h.grid_id, input.houseId);
  const set = {
    ...(input.householdNo !== undefined && { household_no: input.householdNo }),
    ...(input.address !== undefined && { address: input.address }),
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.houseId !== undefined && { house_id: input.houseId }),
  };
  if (Object.keys(set).length > 0) {
    try {
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('household').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
        if (input.address !== undefined && input.address !== h.address) {
          for (const m of await repo.householdMembers(tx, id)) {
            await tx.updateTable('resident').set({ search_tokens: residentSearchTokens(m.name, input.address) }).where('id', '=', m.id).execute();
          }
        }
        await audit(tx, ctx, { action: 'household.update', entity: 'household', entityId: id, nodeId: h.grid_id, detail: { fields: Object.keys(input).sort() } });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError(409, 'HOUSEHOLD_NO_TAKEN', { code: input.householdNo ?? '' });
      throw e;
    }
  }
  return getHousehold(db, actor, id);
}
