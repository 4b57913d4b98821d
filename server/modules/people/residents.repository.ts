/** All SQL about residents: the scoped search the API and the benchmark use, detail, writes. */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { ResidentSearch } from './resident-search.js';
import type { ResidentRow } from './people.present.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Browsing (no search text) counts up to this many matches; deeper pages are not served. */
export const BROWSE_CAP = 10_000;
/** A search counts up to this many matches ("1,000+": refine the search); deeper pages are not served. */
export const SEARCH_CAP = 1_000;
/** The larger of the two caps (for other lists of this module). */
export const RESULT_CAP = BROWSE_CAP;

export interface ResidentFilter {
  /** Path prefixes the residents' grids must lie under (the caller's scope, possibly narrowed). */
  paths: string[];
  search?: ResidentSearch | null;
  /** Key-population tag the resident must carry. */
  tag?: string;
  partyMember?: boolean;
  /** Restrict to one household. */
  householdId?: number;
  /** An exact ID number (a staff lookup by the full number; audited by the caller). */
  idNumber?: string;
}

export const RESIDENT_COLUMNS = [
  'r.id',
  'r.household_id',
  'r.grid_id',
  'r.name',
  'r.gender',
  'r.birth_date',
  'r.id_number',
  'r.phone',
  'r.ethnicity',
  'r.relation',
  'r.tags',
  'r.is_party_member',
  'r.party_node_id',
  'r.health',
  'r.disability',
  'r.income',
  'r.updated_at',
  'h.household_no',
  'h.address',
] as const;

/** Ids of every grid (active or retired) under some paths. */
export async function gridIdsUnder(db: Q, paths: string[]): Promise<number[]> {
  return (await gridScope(db, paths)).ids;
}

/**
 * The grids under some paths, and whether they are few (at most a fifth of all grids). An index on
 * grid_id only pays off for a narrow scope; over a whole district it makes the planner read every entry.
 */
export async function gridScope(db: Q, paths: string[]): Promise<{ ids: number[]; narrow: boolean }> {
  if (paths.length === 0) return { ids: [], narrow: true };
  const r = await sql<{ ids: number[]; total: number }>`
    select coalesce(array_agg(id order by id) filter (where path like any(${sql.val(paths.map((p) => p + '%'))}::text[])), '{}') as ids,
           count(*)::int as total
    from org_node where type = 'grid'`.execute(db);
  const { ids, total } = r.rows[0]!;
  const list = ids.map(Number);
  return { ids: list, narrow: list.length * 5 <= total };
}

type Grids = { ids: number[]; narrow: boolean };
type Cond = RawBuilder<boolean>;

/** Hides a condition from the planner's index matching (it is then a plain filter). */
const unindexed = (c: Cond) => sql<boolean>`coalesce(${c}, false)`;

/**
 * The WHERE conditions of a filter on `r` (a resident row). The scope condition may use the grid_id index
 * only for a narrow scope or when nothing else selects rows; over a district that index would be read
 * in full. The address recheck, which needs `h` (the household), is separate.
 */
function conditions(f: ResidentFilter, grids: Grids): Cond[] {
  const inGrids = sql<boolean>`r.grid_id = any(${sql.val(grids.ids)}::bigint[])`;
  const driven = f.search || f.tag || f.idNumber !== undefined || f.householdId !== undefined;
  const out: Cond[] = [grids.narrow || !driven ? inGrids : unindexed(inGrids)];
  if (f.search) out.push(sql<boolean>`r.tsv @@ to_tsquery('simple', ${f.search.tsquery})`);
  if (f.tag) out.push(sql<boolean>`r.tags @> array[${f.tag}]::text[]`);
  if (f.partyMember !== undefined) out.push(sql<boolean>`r.is_party_member = ${f.partyMember}`);
  if (f.householdId !== undefined) out.push(sql<boolean>`r.household_id = ${f.householdId}`);
  if (f.idNumber !== undefined) out.push(sql<boolean>`r.id_number = ${f.idNumber}`);
  return out;
}

/**
 * The exact-text recheck of a search on `r`. The address is looked up per row (a sub-select on the primary
 * key): with a join the planner may hash the whole household table to recheck a thousand rows.
 */
const recheck = (f: ResidentFilter): Cond | null =>
  f.search?.needsRecheck
    ? sql<boolean>`(r.name || ' ' || (select hh.address from household hh where hh.id = r.household_id)) ilike all(${sql.val(f.search.patterns)}::text[])`
    : null;

const where = (conds: (Cond | null)[]) => {
  const present = conds.filter((c): c is Cond => c !== null);
  return present.length ? sql.join(present, sql` and `) : sql`true`;
};
const COLUMN_LIST = sql.raw(RESIDENT_COLUMNS.join(', '));
/**
 * How many residents of the scope, in id order, the first attempt looks at: enough to fill a page of a
 * word that one resident in 150 carries (a common surname or character), ~1 ms of work.
 */
const windowFor = (need: number) => Math.max(3000, need * 10);

/** Matches counted up to cap + 1. */
async function countMatches(db: Q, f: ResidentFilter, grids: Grids, cap: number): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from (select 1 from resident r where ${where([...conditions(f, grids), recheck(f)])} limit ${cap + 1}) s`.execute(db);
  return r.rows[0]!.n;
}

/**
 * A page among the first residents of the scope in id order (a primary-key walk of bounded length); it is
 * the right page only when it comes back full. Common words are found here at once.
 */
async function pageInWindow(db: Q, f: ResidentFilter, grids: Grids, offset: number, size: number) {
  const [scope, ...rest] = conditions(f, grids);
  const r = await sql<ResidentRow>`
    select ${COLUMN_LIST}
    from (select * from resident r where ${scope} order by r.id limit ${windowFor(offset + size)}) r
    join household h on h.id = r.household_id
    where ${where([...rest, recheck(f)])}
    order by r.id limit ${size} offset ${offset}`.execute(db);
  return r.rows;
}

/**
 * The ids of the first `limit` matches in id order: candidates through the token, tag and grid indexes,
 * sorted (never a primary-key walk, which reads the whole table when matches are rare), then the address
 * recheck on just those — one statement; widened if the recheck dropped too many.
 */
async function firstMatchIds(db: Q, f: ResidentFilter, grids: Grids, limit: number): Promise<number[]> {
  const check = recheck(f);
  const conds = where(conditions(f, grids));
  if (!check) return (await sql<{ id: number }>`select r.id from resident r where ${conds} order by r.id + 0 limit ${limit}`.execute(db)).rows.map((r) => r.id);
  // Most candidates pass the recheck: twice the candidates usually settle it in one round.
  for (let n = limit * 2; ; n *= 4) {
    // The first row (id -1) carries the number of candidates: fewer than n means all were seen.
    const rows = (
      await sql<{ id: number; n: number }>`
        with c as materialized (select r.id, r.name, r.household_id from resident r where ${conds} order by r.id + 0 limit ${n})
        select -1 as id, count(*)::int as n from c
        union all
        (select r.id, 0 from c r where ${check} order by r.id limit ${limit})`.execute(db)
    ).rows;
    const candidates = rows.find((r) => r.id === -1)!.n;
    const passed = rows.filter((r) => r.id !== -1).map((r) => r.id);
    if (passed.length >= limit || candidates < n) return passed;
  }
}

/**
 * One page of residents under the filter, ordered by id (stable), and the number of matches counted up
 * to a cap. This is the query behind GET /api/people/residents and the resident-search benchmark.
 *
 * A planner left alone picks a row-goal plan (walk the primary key, stop after a page) whenever it thinks
 * matches are common; for AND-ed bigrams or an unknown token it cannot tell, and such a plan then reads the
 * whole table. So the walk is bounded: the page is first looked for among the first residents of the scope
 * (found there when matches are common; the capped count then stops early too); otherwise
 * the first cap + 1 matches are taken through the indexes, which gives the page and the count in one pass.
 */
export async function searchResidents(db: Q, f: ResidentFilter, page: number, pageSize: number) {
  const cap = f.search ? SEARCH_CAP : BROWSE_CAP;
  const grids = await gridScope(db, f.paths);
  if (grids.ids.length === 0) return { rows: [] as ResidentRow[], total: 0, capped: false };
  const offset = (page - 1) * pageSize;
  const size = Math.min(pageSize, cap - offset);
  if (size > 0) {
    const rows = await pageInWindow(db, f, grids, offset, size);
    if (rows.length === size) {
      const n = await countMatches(db, f, grids, cap);
      return { rows, total: Math.min(n, cap), capped: n > cap };
    }
  }
  const ids = await firstMatchIds(db, f, grids, cap + 1);
  const total = Math.min(ids.length, cap);
  const pageIds = ids.slice(offset, Math.min(offset + pageSize, total));
  const rows = pageIds.length
    ? (
        await sql<ResidentRow>`
          select ${COLUMN_LIST} from resident r join household h on h.id = r.household_id
          where r.id = any(${sql.val(pageIds)}::bigint[]) order by r.id`.execute(db)
      ).rows
    : [];
  return { rows, total, capped: ids.length > cap };
}

/** A resident by id with the household, house, building, grid and party organisation it belongs to. */
export function findResident(db: Q, id: number) {
  return db
    .selectFrom('resident as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('org_node as g', 'g.id', 'r.grid_id')
    .leftJoin('house as ho', 'ho.id', 'h.house_id')
    .leftJoin('building as b', 'b.id', 'ho.building_id')
    .leftJoin('org_node as p', 'p.id', 'r.party_node_id')
    .select(RESIDENT_COLUMNS)
    .select([
      'r.created_at',
      'h.kind as household_kind',
      'h.house_id',
      'ho.unit_no',
      'ho.floor',
      'ho.room_no',
      'b.id as building_id',
      'b.name as building_name',
      'g.path as grid_path',
      'g.code as grid_code',
      'g.name_zh as grid_name_zh',
      'g.name_en as grid_name_en',
      'p.id as party_id',
      'p.type as party_type',
      'p.name_zh as party_name_zh',
      'p.name_en as party_name_en',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** The raw stored value of one personal column (for a reveal, inside its audit transaction). */
export async function personalValue(db: Q, id: number, column: 'id_number' | 'phone' | 'health' | 'disability' | 'income') {
  const row = await db.selectFrom('resident').select(column).where('id', '=', id).executeTakeFirst();
  return row ? (row[column as keyof typeof row] as string | null) : undefined;
}

/** A resident's row locked for update. */
export function lockResident(tx: Transaction<DB>, id: number) {
  return tx.selectFrom('resident').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Names of grid nodes by id (for list rows). */
export async function gridNames(db: Q, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; code: string; name_zh: string; name_en: string; path: string }>();
  const rows = await db.selectFrom('org_node').select(['id', 'code', 'name_zh', 'name_en', 'path']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
