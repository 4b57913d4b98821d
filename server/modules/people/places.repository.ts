/** All SQL about places: buildings, houses and households. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { escapeLike } from './resident-search.js';
import { RESULT_CAP, gridIdsUnder } from './residents.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

const inGrids = (column: string, gridIds: number[]) => sql<boolean>`${sql.ref(column)} = any(${sql.val(gridIds)}::bigint[])`;

/** Runs a page query and a count capped at RESULT_CAP side by side. */
async function paged<T>(db: Q, rows: () => Promise<T[]>, countSql: ReturnType<typeof sql>, page: number, pageSize: number) {
  const offset = (page - 1) * pageSize;
  const [items, count] = await Promise.all([
    offset >= RESULT_CAP ? Promise.resolve([] as T[]) : rows(),
    sql<{ n: number }>`select count(*)::int as n from (${countSql} limit ${RESULT_CAP + 1}) s`.execute(db),
  ]);
  const n = count.rows[0]!.n;
  return { rows: items, total: Math.min(n, RESULT_CAP), capped: n > RESULT_CAP };
}

/** Buildings under some paths, by code, matching a text in code, name or address. */
export async function listBuildings(db: Q, paths: string[], q: string | undefined, page: number, pageSize: number) {
  let query = db.selectFrom('building as b').where(inGrids('b.grid_id', await gridIdsUnder(db, paths)));
  if (q) {
    const p = `%${escapeLike(q)}%`;
    query = query.where((eb) => eb.or([eb('b.code', 'ilike', p), eb('b.name', 'ilike', p), eb('b.address', 'ilike', p)]));
  }
  return paged(
    db,
    () =>
      query
        .innerJoin('org_node as g', 'g.id', 'b.grid_id')
        .select(['b.id', 'b.code', 'b.name', 'b.address', 'b.lat', 'b.lng', 'b.floors', 'b.unit_count', 'b.kind', 'b.grid_id', 'g.code as grid_code', 'g.name_zh as grid_name_zh', 'g.name_en as grid_name_en'])
        .select((eb) => [
          eb.selectFrom('house').select(eb.fn.countAll<number>().as('n')).whereRef('house.building_id', '=', 'b.id').as('house_count'),
        ])
        .orderBy('b.code')
        .orderBy('b.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    sql`${query.select(sql`1`.as('one'))}`,
    page,
    pageSize,
  );
}

/** A building with its grid's path and names. */
export function findBuilding(db: Q, id: number) {
  return db
    .selectFrom('building as b')
    .innerJoin('org_node as g', 'g.id', 'b.grid_id')
    .selectAll('b')
    .select(['g.path as grid_path', 'g.code as grid_code', 'g.name_zh as grid_name_zh', 'g.name_en as grid_name_en'])
    .where('b.id', '=', id)
    .executeTakeFirst();
}

/** The houses of a building (unit, floor, room order) and the households living in them. */
export async function housesOfBuilding(db: Q, buildingId: number) {
  const houses = await db
    .selectFrom('house')
    .selectAll()
    .where('building_id', '=', buildingId)
    .orderBy('unit_no')
    .orderBy('floor')
    .orderBy('room_no')
    .orderBy('id')
    .execute();
  const households = houses.length
    ? await db
        .selectFrom('household as h')
        .select(['h.id', 'h.house_id', 'h.household_no', 'h.address', 'h.kind'])
        .select((eb) => [eb.selectFrom('resident').select(eb.fn.countAll<number>().as('n')).whereRef('resident.household_id', '=', 'h.id').as('member_count')])
        .where('h.house_id', 'in', houses.map((h) => h.id))
        .orderBy('h.household_no')
        .execute()
    : [];
  return { houses, households };
}

/** Households under some paths, by household number, matching a text in the number or address. */
export async function listHouseholds(db: Q, paths: string[], q: string | undefined, page: number, pageSize: number) {
  let query = db.selectFrom('household as h').where(inGrids('h.grid_id', await gridIdsUnder(db, paths)));
  if (q) {
    const p = `%${escapeLike(q)}%`;
    query = query.where((eb) => eb.or([eb('h.household_no', 'ilike', p), eb('h.address', 'ilike', p)]));
  }
  return paged(
    db,
    () =>
      query
        .innerJoin('org_node as g', 'g.id', 'h.grid_id')
        .select(['h.id', 'h.household_no', 'h.address', 'h.kind', 'h.house_id', 'h.grid_id', 'g.code as grid_code', 'g.name_zh as grid_name_zh', 'g.name_en as grid_name_en'])
        .select((eb) => [eb.selectFrom('resident').select(eb.fn.countAll<number>().as('n')).whereRef('resident.household_id', '=', 'h.id').as('member_count')])
        .orderBy('h.household_no')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    sql`${query.select(sql`1`.as('one'))}`,
    page,
    pageSize,
  );
}

/** A household with its grid's path and names, and its house and building if any. */
export function findHousehold(db: Q, id: number) {
  return db
    .selectFrom('household as h')
    .innerJoin('org_node as g', 'g.id', 'h.grid_id')
    .leftJoin('house as ho', 'ho.id', 'h.house_id')
    .leftJoin('building as b', 'b.id', 'ho.building_id')
    .selectAll('h')
    .select([
      'g.path as grid_path',
      'g.code as grid_code',
      'g.name_zh as grid_name_zh',
      'g.name_en as grid_name_en',
      'ho.unit_no',
      'ho.floor',
      'ho.room_no',
      'ho.area_centi',
      'b.id as building_id',
      'b.name as building_name',
      'b.code as building_code',
    ])
    .where('h.id', '=', id)
    .executeTakeFirst();
}

/** A house with the grid of its building. */
export function findHouse(db: Q, id: number) {
  return db
    .selectFrom('house as ho')
    .innerJoin('building as b', 'b.id', 'ho.building_id')
    .innerJoin('org_node as g', 'g.id', 'b.grid_id')
    .selectAll('ho')
    .select(['b.grid_id', 'g.path as grid_path'])
    .where('ho.id', '=', id)
    .executeTakeFirst();
}

/** Residents of a household (for rewriting their search tokens when its address changes). */
export function householdMembers(db: Q, householdId: number) {
  return db.selectFrom('resident').select(['id', 'name']).where('household_id', '=', householdId).orderBy('id').execute();
}
