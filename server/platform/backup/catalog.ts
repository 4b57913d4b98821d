/**
 * What a backup holds, discovered from the database itself so that tables added later by any module are
 * included without a code change: the base tables of the current schema (information_schema, without the
 * migration bookkeeping), their stored columns, primary keys, foreign keys (pg_constraint) and sequences.
 */
import { sql, type Kysely, type Transaction } from 'kysely';

type Q = Kysely<any> | Transaction<any>;

export const EXCLUDED_TABLES = ['kysely_migration', 'kysely_migration_lock'];

export interface ColumnInfo {
  name: string;
  /** format_type(): e.g. bigint, text, timestamp with time zone, double precision[]. */
  type: string;
  identity: '' | 'a' | 'd';
  /** The sequence that fills this column (identity or serial), if any. */
  sequence: string | null;
}

export interface SelfReference {
  /** Column of the table pointing at `target` of the same table. */
  column: string;
  target: string;
}

export interface TableInfo {
  name: string;
  /** Stored columns only: generated columns are recomputed on restore. */
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Tables this table's foreign keys point at (other than itself). */
  dependsOn: string[];
  selfReferences: SelfReference[];
  hasUserTriggers: boolean;
}

export interface Catalog {
  /** In foreign-key order: a table comes after every table it points at. */
  tables: TableInfo[];
  sequences: string[];
}

/** Reads the catalog of the current schema. */
export async function readCatalog(db: Q): Promise<Catalog> {
  const tables = await sql<{ name: string }>`
    select t.table_name as name
    from information_schema.tables t
    join pg_class c on c.relname = t.table_name and c.relnamespace = to_regnamespace(t.table_schema)
    where t.table_schema = current_schema() and t.table_type = 'BASE TABLE' and not c.relispartition
      and t.table_name <> all(${sql.val(EXCLUDED_TABLES)}::text[])
    order by t.table_name`.execute(db);
  const names = tables.rows.map((r) => r.name);
  const columns = await sql<{ table: string; name: string; type: string; identity: '' | 'a' | 'd'; generated: string; sequence: string | null }>`
    select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
      a.attidentity::text as identity, a.attgenerated::text as generated,
      pg_get_serial_sequence(quote_ident(c.relname), a.attname) as sequence
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = current_schema()::regnamespace and c.relname = any(${sql.val(names)}::text[])
      and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(db);
  const keys = await sql<{ table: string; column: string }>`
    select c.relname as table, a.attname as column
    from pg_index i join pg_class c on c.oid = i.indrelid
    join lateral unnest(i.indkey) with ordinality as k(attnum, ord) on true
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and c.relnamespace = current_schema()::regnamespace and c.relname = any(${sql.val(names)}::text[])
    order by c.relname, k.ord`.execute(db);
  const fks = await sql<{ child: string; parent: string; columns: string[]; targets: string[] }>`
    select ch.relname as child, pa.relname as parent,
      array(select a.attname::text from unnest(f.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.n order by k.o) as columns,
      array(select a.attname::text from unnest(f.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = f.confrelid and a.attnum = k.n order by k.o) as targets
    from pg_constraint f join pg_class ch on ch.oid = f.conrelid join pg_class pa on pa.oid = f.confrelid
    where f.contype = 'f' and f.connamespace = current_schema()::regnamespace`.execute(db);
  const triggers = await sql<{ table: string }>`
    select distinct c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace`.execute(db);
  const sequences = await sql<{ name: string }>`
    select relname as name from pg_class where relkind = 'S' and relnamespace = current_schema()::regnamespace order by relname`.execute(db);

  const info = new Map<string, TableInfo>(
    names.map((n) => [n, { name: n, columns: [], primaryKey: [], dependsOn: [], selfReferences: [], hasUserTriggers: false }]),
  );
  for (const c of columns.rows) {
    if (c.generated) continue;
    info.get(c.table)!.columns.push({ name: c.name, type: c.type, identity: c.identity, sequence: c.sequence ? unqualified(c.sequence) : null });
  }
  for (const k of keys.rows) info.get(k.table)!.primaryKey.push(k.column);
  for (const f of fks.rows) {
    const t = info.get(f.child);
    if (!t || !info.has(f.parent)) continue;
    if (f.child === f.parent) {
      if (f.columns.length !== 1) throw new Error(`table ${f.child}: a composite self-referencing foreign key is not supported by the backup`);
      t.selfReferences.push({ column: f.columns[0]!, target: f.targets[0]! });
    } else if (!t.dependsOn.includes(f.parent)) t.dependsOn.push(f.parent);
  }
  for (const t of triggers.rows) if (info.has(t.table)) info.get(t.table)!.hasUserTriggers = true;
  return { tables: foreignKeyOrder([...info.values()]), sequences: sequences.rows.map((s) => s.name) };
}

/** `public.org_node_id_seq` → `org_node_id_seq` (the schema is the current one). */
function unqualified(name: string): string {
  const i = name.lastIndexOf('.');
  return (i >= 0 ? name.slice(i + 1) : name).replace(/^"|"$/g, '');
}

/** Topological order by foreign keys (alphabetical among equals, so the order is stable). */
export function foreignKeyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  let left = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (left.length) {
    const ready = left.filter((t) => t.dependsOn.every((d) => done.has(d) || !byName.has(d)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle between tables ${left.map((t) => t.name).join(', ')}: not supported by the backup`);
    for (const t of ready) {
      out.push(t);
      done.add(t.name);
    }
    left = left.filter((t) => !done.has(t.name));
  }
  return out;
}

/** The names of the migrations applied to the database, in order. */
export async function appliedMigrations(db: Q): Promise<string[]> {
  const exists = await sql<{ ok: boolean }>`select to_regclass('kysely_migration') is not null as ok`.execute(db);
  if (!exists.rows[0]!.ok) return [];
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

/**
 * Drops the indexes of the given tables that back no constraint and returns their definitions, so a bulk
 * load can rebuild them once at the end (inside the same transaction: a failure restores them).
 */
export async function dropSecondaryIndexes(tx: Transaction<any>, tables: string[]): Promise<string[]> {
  const r = await sql<{ name: string; def: string }>`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as def
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relnamespace = current_schema()::regnamespace and t.relname = any(${sql.val(tables)}::text[])
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by i.relname`.execute(tx);
  for (const i of r.rows) await sql`drop index ${sql.id(i.name)}`.execute(tx);
  return r.rows.map((i) => i.def);
}

/** Recreates indexes from their definitions (pg_get_indexdef output). */
export async function createIndexes(tx: Transaction<any>, definitions: string[]): Promise<void> {
  for (const def of definitions) await sql.raw(def).execute(tx);
}
