/** Bulk-insert helpers of the demo cases: one `INSERT … SELECT FROM unnest(…)` per slice of rows. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** A column: its name, the array type it travels in, and an optional cast to the column's type. */
export type Col = [name: string, type: 'bigint' | 'int' | 'text' | 'float8' | 'bool' | 'timestamptz', cast?: string];

const SLICE = 2000;

/** Inserts rows (values in column order) into a table, in slices. */
export async function insertRows(db: Q, table: string, cols: Col[], rows: unknown[][]): Promise<number> {
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  const names = sql.join(cols.map(([n]) => sql.ref(n)));
  const select = sql.join(cols.map(([n, , cast]) => sql.raw(cast ? `u."${n}"::${cast}` : `u."${n}"`)));
  for (let from = 0; from < rows.length; from += SLICE) {
    const part = rows.slice(from, from + SLICE);
    const params = sql.join(cols.map(([, type], i) => sql`${sql.val(part.map((r) => toParam(r[i])))}::${sql.raw(type)}[]`));
    await sql`insert into ${sql.table(table)} (${names}) select ${select} from unnest(${params}) with ordinality as u(${names}, ord) order by u.ord`.execute(db);
  }
  if (process.env.GZ_DEMO_TIMING) {
    const u = process.cpuUsage(cpu0);
    console.log(`  insert ${table}: ${rows.length} rows ${Date.now() - t0} ms, ${Math.round((u.user + u.system) / 1000)} ms CPU`);
  }
  return rows.length;
}

function toParam(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v ?? null;
}

/** The highest id of a table (0 when empty). */
export async function maxId(db: Q, table: string): Promise<number> {
  const r = await sql<{ m: number | null }>`select max(id)::bigint as m from ${sql.table(table)}`.execute(db);
  return r.rows[0]?.m ?? 0;
}

/** Moves a table's id sequence past its highest id. */
export async function setSequence(db: Q, table: string): Promise<void> {
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), greatest(1, (select coalesce(max(id), 0) from ${sql.table(table)})), (select count(*) > 0 from ${sql.table(table)}))`.execute(db);
}

/**
 * Drops the foreign keys defined on these tables and returns the statements that add them back (a bulk
 * load checks them set-wise when they are re-added, instead of one index look-up per row and key).
 */
export async function dropForeignKeys(db: Q, tables: string[]): Promise<string[]> {
  const r = await sql<{ tbl: string; name: string; def: string }>`
    select t.relname as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def
    from pg_constraint c join pg_class t on t.oid = c.conrelid
    where c.contype = 'f' and t.relnamespace = current_schema()::regnamespace and t.relname = any(${sql.val(tables)}::text[])
    order by t.relname, c.conname`.execute(db);
  for (const c of r.rows) await sql`alter table ${sql.table(c.tbl)} drop constraint ${sql.id(c.name)}`.execute(db);
  return r.rows.map((c) => `alter table "${c.tbl}" add constraint "${c.name}" ${c.def}`);
}
