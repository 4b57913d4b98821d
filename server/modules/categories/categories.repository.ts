/** All SQL of the categories module. */
import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { CaseCategoryTable } from '../../platform/db/tables/categories.js';
import type { CategoryRecord } from './categories.tree.js';

type Q = Kysely<DB> | Transaction<DB>;

export const VERSION_KEY = 'categories.version';

/** The shared categories version (0 before the first change). */
export async function readVersion(db: Q): Promise<number> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  return r ? Number(r.value) || 0 : 0;
}

/** Bumps the version in a change's transaction; its row lock also serialises category changes. */
export async function bumpVersion(tx: Q): Promise<number> {
  const r = await sql<{ value: unknown }>`
    insert into setting (key, value, updated_at) values (${VERSION_KEY}, '1'::jsonb, now())
    on conflict (key) do update
      set value = to_jsonb(coalesce((setting.value #>> '{}')::bigint, 0) + 1), updated_at = now()
    returning value`.execute(tx);
  return Number(r.rows[0]!.value);
}

/** Every category, active or not. */
export async function loadAll(db: Q): Promise<CategoryRecord[]> {
  const rows = await db.selectFrom('case_category').selectAll().execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    keywords: r.keywords,
    descriptionZh: r.description_zh,
    descriptionEn: r.description_en,
    defaultLevel: r.default_level,
    defaultDepartmentCode: r.default_department_code,
    limits: r.limits,
    public: r.public,
    active: r.active,
    sort: r.sort,
    updatedAt: r.updated_at,
  }));
}

/** Inserts a category; returns its id. */
export async function insertCategory(tx: Q, values: Insertable<CaseCategoryTable>): Promise<number> {
  const r = await tx.insertInto('case_category').values(values).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Updates a category and its updated_at. */
export async function updateCategory(tx: Q, id: number, set: Updateable<CaseCategoryTable>): Promise<void> {
  await tx.updateTable('case_category').set({ ...set, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** The largest sort among a parent's children (0 when it has none). */
export async function maxSiblingSort(tx: Q, parentId: number | null): Promise<number> {
  const r = await tx
    .selectFrom('case_category')
    .select((eb) => eb.fn.max('sort').as('m'))
    .where((eb) => (parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', parentId)))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** Matches a department node's code: the code itself, or `<anything>-<code>` (demo: `210503-CG`). */
const codeMatches = (code: string) => sql<boolean>`(d.code = ${code} or right(d.code, ${code.length + 1}) = ${'-' + code})`;

/** True when some active department carries the code (exactly or as its suffix). */
export async function departmentCodeExists(db: Q, code: string): Promise<boolean> {
  const r = await db
    .selectFrom('org_node as d')
    .select('d.id')
    .where('d.type', '=', 'department')
    .where('d.active', '=', true)
    .where(codeMatches(code))
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

/** The nearest active department with the code whose parent lies at or above a node's path. */
export function nearestDepartment(db: Q, code: string, nodePath: string) {
  return db
    .selectFrom('org_node as d')
    .innerJoin('org_node as p', 'p.id', 'd.parent_id')
    .select(['d.id', 'd.code', 'd.name_zh as nameZh', 'd.name_en as nameEn', 'd.path'])
    .where('d.type', '=', 'department')
    .where('d.active', '=', true)
    .where(codeMatches(code))
    .where(sql<boolean>`left(${nodePath}, length(p.path)) = p.path`)
    .orderBy(sql`length(p.path)`, 'desc')
    .orderBy('d.id')
    .limit(1)
    .executeTakeFirst();
}
