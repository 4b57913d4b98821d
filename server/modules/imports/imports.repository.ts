/** All SQL of the imports module. Look-ups go in batches with `= any($1)`; inserts in multi-row batches. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ImportRowError } from '../../platform/db/schema.js';
import { escapeLike } from '../../platform/db/like.js';
import type { GridRef, Lookups } from './references.js';

type Q = Kysely<DB> | Transaction<DB>;

const LOOKUP_BATCH = 5000;
const INSERT_BATCH = 1000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const anyOf = (values: string[] | number[]) => sql<string>`any(${values})`;

/** An admin-tree node by id or code. */
export function findAdminNode(db: Q, by: { id: number } | { code: string }) {
  let q = db.selectFrom('org_node').select(['id', 'code', 'path', 'type', 'active', 'name_zh', 'name_en']).where('tree', '=', 'admin');
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('code', '=', by.code);
  return q.executeTakeFirst();
}

/** The root of the administrative tree (a system import's job hangs there when no row names a grid). */
export function findAdminRoot(db: Q) {
  return db.selectFrom('org_node').select(['id', 'path']).where('tree', '=', 'admin').where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
}

/** The node whose path is given. */
export function findNodeByPath(db: Q, path: string) {
  return db.selectFrom('org_node').select(['id', 'path']).where('path', '=', path).executeTakeFirst();
}

/** Everything the reference checks need, fetched in batches. */
export async function loadLookups(
  db: Q,
  keys: { gridCodes: string[]; idNumbers: string[]; householdNos: string[]; buildingCodes: string[] },
): Promise<Lookups> {
  const grids = new Map<string, GridRef>();
  for (const part of chunks(keys.gridCodes, LOOKUP_BATCH)) {
    const rows = await db.selectFrom('org_node').select(['id', 'code', 'path', 'type', 'active']).where('code', '=', anyOf(part)).execute();
    for (const g of rows) grids.set(g.code, g);
  }
  const existingIds = new Set<string>();
  for (const part of chunks(keys.idNumbers, LOOKUP_BATCH)) {
    const rows = await db.selectFrom('resident').select('id_number').where('id_number', '=', anyOf(part)).execute();
    for (const r of rows) existingIds.add(r.id_number);
  }
  const households: Lookups['households'] = new Map();
  for (const part of chunks(keys.householdNos, LOOKUP_BATCH)) {
    const rows = await db
      .selectFrom('household as h')
      .select(['h.id', 'h.household_no', 'h.grid_id', 'h.address'])
      .select((eb) => eb.exists(eb.selectFrom('resident as r').select('r.id').whereRef('r.household_id', '=', 'h.id').where('r.relation', '=', 'head')).as('has_head'))
      .where('h.household_no', '=', anyOf(part))
      .execute();
    for (const h of rows) households.set(h.household_no, { ...h, has_head: Boolean(h.has_head) });
  }
  const buildings: Lookups['buildings'] = new Map();
  const houses: Lookups['houses'] = new Map();
  for (const part of chunks(keys.buildingCodes, LOOKUP_BATCH)) {
    const rows = await db.selectFrom('building').select(['id', 'code', 'grid_id']).where('code', '=', anyOf(part)).execute();
    for (const b of rows) buildings.set(b.code, b);
  }
  const buildingIds = [...buildings.values()].map((b) => b.id);
  for (const part of chunks(buildingIds, LOOKUP_BATCH)) {
    const rows = await db.selectFrom('house').select(['id', 'building_id', 'unit_no', 'room_no']).where('building_id', '=', sql<number>`any(${part})`).execute();
    for (const h of rows) houses.set(h.building_id, [...(houses.get(h.building_id) ?? []), h]);
  }
  return { grids, existingIds, households, buildings, houses };
}

export interface NewHousehold {
  household_no: string;
  grid_id: number;
  address: string;
  house_id: number | null;
}

/** Inserts households; returns the id of each by household number. */
export async function insertHouseholds(tx: Transaction<DB>, rows: NewHousehold[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const part of chunks(rows, INSERT_BATCH)) {
    const out = await tx.insertInto('household').values(part.map((h) => ({ ...h, kind: 'family' as const }))).returning(['id', 'household_no']).execute();
    for (const h of out) ids.set(h.household_no, h.id);
  }
  return ids;
}

export interface NewResident {
  household_id: number;
  grid_id: number;
  name: string;
  gender: 'M' | 'F';
  birth_date: string;
  id_number: string;
  phone: string | null;
  ethnicity: string;
  relation: string;
  tags: string[];
  is_party_member: boolean;
  health: string | null;
  disability: string | null;
  income: string | null;
  search_tokens: string;
}

/**
 * Inserts residents, one statement per 5,000 rows: each column travels as one array parameter and
 * `unnest` turns the arrays back into rows (about twice as fast as multi-row VALUES on both databases).
 */
export async function insertResidents(tx: Transaction<DB>, rows: NewResident[]): Promise<void> {
  for (const p of chunks(rows, 5 * INSERT_BATCH)) {
    const col = <K extends keyof NewResident>(k: K) => p.map((r) => r[k]);
    await sql`
      insert into resident (household_id, grid_id, name, gender, birth_date, id_number, phone, ethnicity, relation, tags,
        is_party_member, health, disability, income, search_tokens)
      select household_id, grid_id, name, gender, birth_date::date, id_number, phone, ethnicity, relation,
        string_to_array(tags, ','), is_party_member, health, disability, income, search_tokens
      from unnest(${col('household_id')}::bigint[], ${col('grid_id')}::bigint[], ${col('name')}::text[], ${col('gender')}::text[],
        ${col('birth_date')}::text[], ${col('id_number')}::text[], ${col('phone')}::text[], ${col('ethnicity')}::text[],
        ${col('relation')}::text[], ${p.map((r) => r.tags.join(','))}::text[], ${col('is_party_member')}::boolean[],
        ${col('health')}::text[], ${col('disability')}::text[], ${col('income')}::text[], ${col('search_tokens')}::text[])
        as r(household_id, grid_id, name, gender, birth_date, id_number, phone, ethnicity, relation, tags,
          is_party_member, health, disability, income, search_tokens)
    `.execute(tx);
  }
}

export interface NewJob {
  filename: string;
  status: 'rejected' | 'completed';
  row_count: number;
  error_count: number;
  errors: ImportRowError[];
  node_id: number;
  created_by: number | null;
  household_count: number;
  resident_count: number;
}

/** Stores an import job; returns its id. */
export async function insertJob(db: Q, job: NewJob): Promise<number> {
  const row = await db
    .insertInto('import_job')
    .values({ ...job, kind: 'residents', errors: JSON.stringify(job.errors) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const jobColumns = [
  'j.id',
  'j.kind',
  'j.filename',
  'j.status',
  'j.row_count',
  'j.error_count',
  'j.household_count',
  'j.resident_count',
  'j.node_id',
  'j.created_by',
  'j.created_at',
  'n.path as node_path',
  'n.code as node_code',
  'n.name_zh as node_name_zh',
  'n.name_en as node_name_en',
  'u.display_name as creator_name',
] as const;

function jobs(db: Q) {
  return db
    .selectFrom('import_job as j')
    .innerJoin('org_node as n', 'n.id', 'j.node_id')
    .leftJoin('app_user as u', 'u.id', 'j.created_by')
    .where('j.kind', '=', 'residents');
}

/** One residents import job with its node and creator (errors included). */
export function findJob(db: Q, id: number) {
  return jobs(db).select([...jobColumns, 'j.errors']).where('j.id', '=', id).executeTakeFirst();
}

/** Residents import jobs created by the user or on a node under one of the paths, newest first. */
export async function listJobs(db: Q, userId: number, paths: string[], page: number, pageSize: number) {
  const visible = jobs(db).where((eb) =>
    eb.or([eb('j.created_by', '=', userId), ...paths.map((p) => eb('n.path', 'like', escapeLike(p) + '%'))]),
  );
  const [rows, total] = await Promise.all([
    visible.select(jobColumns).orderBy('j.created_at', 'desc').orderBy('j.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    visible.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
