/** All SQL of the media module. */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { MediaTable } from '../../platform/db/tables/media.js';

type Q = Kysely<DB> | Transaction<DB>;

/** One photo's row. */
export type MediaRow = Selectable<MediaTable>;

/** Reserves n photo ids from the table's sequence (files are named by id before the rows exist). */
export async function reserveIds(db: Q, n: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('media', 'id')) as id from generate_series(1, ${n})`.execute(db);
  return rows.map((r) => Number(r.id));
}

/** Inserts photos' rows. */
export async function insertMedia(db: Q, rows: Insertable<MediaTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('media').values(rows).execute();
}

/** One photo's row by id. */
export function findMedia(db: Q, id: number): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Rows by id, locked for update (attach). */
export function lockMedia(db: Transaction<DB>, ids: number[]): Promise<MediaRow[]> {
  return db.selectFrom('media').selectAll().where('id', 'in', ids).forUpdate().execute();
}

/** The next free position among the photos attached to an entity. */
export async function nextPosition(db: Q, entity: string, entityId: number): Promise<number> {
  const row = await db
    .selectFrom('media')
    .select(sql<number | null>`max(attached_position)`.as('last'))
    .where('attached_entity', '=', entity)
    .where('attached_id', '=', entityId)
    .executeTakeFirstOrThrow();
  return row.last == null ? 0 : Number(row.last) + 1;
}

/** Marks photos as attached, each at its position. */
export async function markAttached(db: Transaction<DB>, ids: number[], target: { entity: string; entityId: number; role: string | null }, first: number) {
  for (const [i, id] of ids.entries()) {
    await db
      .updateTable('media')
      .set({ attached_entity: target.entity, attached_id: target.entityId, attached_role: target.role, attached_position: first + i, attached_at: sql`now()` })
      .where('id', '=', id)
      .where('attached_entity', 'is', null)
      .execute();
  }
}

/** Photos attached to some records of an entity, in attach order. */
export function listAttached(db: Q, entity: string, entityIds: number[]): Promise<MediaRow[]> {
  if (entityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('media')
    .selectAll()
    .where('attached_entity', '=', entity)
    .where('attached_id', 'in', entityIds)
    .orderBy('attached_id')
    .orderBy('attached_position')
    .execute();
}

/** Ids of photos never attached and created before a moment (oldest first, a batch at a time). */
export async function staleUnattached(db: Q, olderThan: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('media')
    .select('id')
    .where('attached_entity', 'is', null)
    .where('created_at', '<', olderThan)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Deletes those of the given photos that are still unattached; returns the ids actually deleted. */
export async function deleteUnattached(db: Q, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.deleteFrom('media').where('id', 'in', ids).where('attached_entity', 'is', null).returning('id').execute();
  return rows.map((r) => r.id);
}
