/** All SQL of the calendar module. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export const VERSION_KEY = 'calendar.version';

/** The shared calendar version (0 before the first change). */
export async function readCalendarVersion(db: Q): Promise<number> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  return r ? Number(r.value) || 0 : 0;
}

/** Bumps the calendar version inside a change's transaction; its row lock also serialises calendar changes. */
export async function bumpCalendarVersion(tx: Q): Promise<number> {
  const r = await sql<{ value: unknown }>`
    insert into setting (key, value, updated_at) values (${VERSION_KEY}, '1'::jsonb, now())
    on conflict (key) do update
      set value = to_jsonb(coalesce((setting.value #>> '{}')::bigint, 0) + 1), updated_at = now()
    returning value`.execute(tx);
  return Number(r.rows[0]!.value);
}

/** Every override, in day order (for the in-memory calendar). */
export function allOverrides(db: Q) {
  return db.selectFrom('calendar_day').select(['day', 'kind']).orderBy('day').execute();
}

/** The overrides of one year with who changed them last, in day order. */
export function overridesOfYear(db: Q, year: number) {
  return db
    .selectFrom('calendar_day as c')
    .leftJoin('app_user as u', 'u.id', 'c.updated_by')
    .select(['c.day', 'c.kind', 'c.name_zh', 'c.name_en', 'c.updated_at', 'c.updated_by', 'u.display_name as updated_by_name'])
    .where('c.day', '>=', `${year}-01-01`)
    .where('c.day', '<=', `${year}-12-31`)
    .orderBy('c.day')
    .execute();
}

export type OverrideRow = Awaited<ReturnType<typeof overridesOfYear>>[number];

/** One override, if any. */
export function findOverride(db: Q, day: string) {
  return db.selectFrom('calendar_day').select(['day', 'kind', 'name_zh', 'name_en']).where('day', '=', day).executeTakeFirst();
}

/** Sets one override (insert or replace). */
export async function upsertOverride(tx: Q, row: { day: string; kind: 'holiday' | 'workday'; nameZh: string; nameEn: string; userId: number }) {
  await tx
    .insertInto('calendar_day')
    .values({ day: row.day, kind: row.kind, name_zh: row.nameZh, name_en: row.nameEn, updated_by: row.userId, updated_at: sql`now()` })
    .onConflict((oc) =>
      oc.column('day').doUpdateSet({ kind: row.kind, name_zh: row.nameZh, name_en: row.nameEn, updated_by: row.userId, updated_at: sql`now()` }),
    )
    .execute();
}

/** Removes one override; true when there was one. */
export async function deleteOverride(tx: Q, day: string): Promise<boolean> {
  const r = await tx.deleteFrom('calendar_day').where('day', '=', day).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Removes the overrides of a year that are not in `keep`. */
export async function deleteYearExcept(tx: Q, year: number, keep: string[]): Promise<void> {
  let q = tx.deleteFrom('calendar_day').where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  if (keep.length > 0) q = q.where('day', 'not in', keep);
  await q.execute();
}
