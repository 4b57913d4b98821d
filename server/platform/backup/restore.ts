/**
 * Restores a logical backup into a database migrated to the same migrations: checks the header, refuses a
 * database that holds data (unless `force`, which empties it first), then inserts every table's rows in
 * one transaction — a bad or cut-off file changes nothing. Values travel as text and are cast to the
 * target column's own type, so a PGlite backup restores into PostgreSQL and back. Finally every sequence
 * gets its saved state and every identity sequence is moved past max(id).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import readline from 'node:readline';
import { sql, type Kysely, type Transaction } from 'kysely';
import { AppError } from '../http/errors.js';
import { readCatalog, appliedMigrations, dropSecondaryIndexes, createIndexes, type Catalog, type TableInfo } from './catalog.js';
import { BACKUP_FORMAT, BACKUP_VERSION, PORTABLE_SETTINGS, type BackupHeader, type RestoreStats } from './format.js';

const BATCH_ROWS = 1000;
const ident = (s: string) => sql.id(s);

/** Reads the header line of a backup file (throws BACKUP_INVALID when it is not one). */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = openLines(file);
  try {
    for await (const line of lines) return parseHeader(line, file);
    throw new AppError(400, 'BACKUP_INVALID', { file });
  } finally {
    lines.close();
  }
}

function openLines(file: string) {
  if (!fs.existsSync(file)) throw new AppError(404, 'BACKUP_FILE_MISSING', { file });
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  return readline.createInterface({ input, crlfDelay: Infinity });
}

function parseHeader(line: string, file: string): BackupHeader {
  let h: BackupHeader;
  try {
    h = JSON.parse(line);
  } catch {
    throw new AppError(400, 'BACKUP_INVALID', { file });
  }
  if (h?.format !== BACKUP_FORMAT || !Array.isArray(h.tables) || !Array.isArray(h.migrations)) throw new AppError(400, 'BACKUP_INVALID', { file });
  if (h.version !== BACKUP_VERSION) throw new AppError(400, 'BACKUP_VERSION', { version: String(h.version), supported: BACKUP_VERSION });
  return h;
}

/** Tables whose rows only users make; a database with none of them holds no user data. */
const USER_DATA_TABLES = ['org_node', 'app_user', 'case_file', 'resident'];

/** Restores `file` into the database (which must be migrated to the backup's migrations). */
export async function restoreBackup(db: Kysely<any>, file: string, opts: { force?: boolean } = {}): Promise<RestoreStats> {
  const t0 = Date.now();
  const lines = openLines(file);
  const it = lines[Symbol.asyncIterator]();
  let rows = 0;
  let tables = 0;
  try {
    const first = await it.next().catch(() => ({ done: true as const, value: undefined }));
    if (first.done) throw new AppError(400, 'BACKUP_INVALID', { file });
    const header = parseHeader(first.value, file);
    tables = header.tables.length;
    await db.transaction().execute(async (tx) => {
      for (const s of PORTABLE_SETTINGS) await sql.raw(s).execute(tx);
      const catalog = await readCatalog(tx);
      await checkCompatible(tx, header, catalog);
      // Migrations seed reference data (calendar, categories, settings) that the backup holds too: only user
      // data makes a database "not empty"; everything is replaced either way.
      const nonEmpty = await nonEmptyTables(tx, { ...catalog, tables: catalog.tables.filter((t) => USER_DATA_TABLES.includes(t.name)) });
      if (nonEmpty.length && !opts.force) throw new AppError(409, 'RESTORE_NOT_EMPTY', { tables: nonEmpty.slice(0, 5).join(', ') });
      await sql`truncate ${sql.join(catalog.tables.map((t) => ident(t.name)))} restart identity cascade`.execute(tx);
      const byName = new Map(catalog.tables.map((t) => [t.name, t]));
      const withTriggers = catalog.tables.filter((t) => t.hasUserTriggers);
      for (const t of withTriggers) await sql`alter table ${ident(t.name)} disable trigger user`.execute(tx);
      // Secondary indexes are rebuilt once after the load (GIN above all), as pg_restore does.
      const deferred = await dropSecondaryIndexes(tx, catalog.tables.map((t) => t.name));

      let table: TableInfo | null = null;
      let columns: string[] = [];
      let batch: (string | null)[][] = [];
      let tableRows = 0;
      let ended = false;
      const seen: string[] = [];
      const finishTable = async () => {
        if (!table) return;
        await insertBatch(tx, table, columns, batch);
        batch = [];
        const expected = header.tables.find((h) => h.name === table!.name)!.rows;
        if (tableRows !== expected) throw new AppError(400, 'BACKUP_TRUNCATED', { file });
        rows += tableRows;
      };
      for (;;) {
        const next = await it.next().catch(() => {
          throw new AppError(400, 'BACKUP_TRUNCATED', { file });
        });
        if (next.done) break;
        const line = next.value;
        if (line.startsWith('[')) {
          if (!table) throw new AppError(400, 'BACKUP_INVALID', { file });
          const row = JSON.parse(line) as (string | null)[];
          if (row.length !== columns.length) throw new AppError(400, 'BACKUP_INVALID', { file });
          batch.push(row);
          tableRows++;
          if (batch.length >= BATCH_ROWS) {
            await insertBatch(tx, table, columns, batch);
            batch = [];
          }
          continue;
        }
        const marker = JSON.parse(line) as { table?: string; end?: boolean; rows?: number };
        await finishTable();
        if (marker.end) {
          if (marker.rows !== rows) throw new AppError(400, 'BACKUP_TRUNCATED', { file });
          ended = true;
          break;
        }
        table = byName.get(marker.table ?? '') ?? null;
        if (!table) throw new AppError(400, 'BACKUP_INVALID', { file });
        columns = header.tables.find((h) => h.name === table!.name)!.columns.map((c) => c.name);
        seen.push(table.name);
        tableRows = 0;
      }
      if (!ended || seen.length !== header.tables.length) throw new AppError(400, 'BACKUP_TRUNCATED', { file });
      await createIndexes(tx, deferred);
      for (const t of withTriggers) await sql`alter table ${ident(t.name)} enable trigger user`.execute(tx);
      await restoreSequences(tx, header, catalog);
    });
  } catch (e) {
    if (e instanceof SyntaxError) throw new AppError(400, 'BACKUP_INVALID', { file });
    if ((e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' || (e as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') throw new AppError(400, 'BACKUP_TRUNCATED', { file });
    throw e;
  } finally {
    lines.close();
  }
  return { file, tables, rows, ms: Date.now() - t0 };
}

/** Same migrations, and every table of the backup exists here with the same stored columns. */
async function checkCompatible(tx: Transaction<any>, header: BackupHeader, catalog: Catalog) {
  const here = await appliedMigrations(tx);
  if (here.join('\n') !== header.migrations.join('\n')) {
    throw new AppError(409, 'BACKUP_MIGRATIONS_MISMATCH', { backup: header.migrations.at(-1) ?? '-', database: here.at(-1) ?? '-' });
  }
  const byName = new Map(catalog.tables.map((t) => [t.name, t]));
  for (const h of header.tables) {
    const t = byName.get(h.name);
    const same = t && t.columns.length === h.columns.length && h.columns.every((c) => t.columns.some((x) => x.name === c.name && x.type === c.type));
    if (!same) throw new AppError(409, 'BACKUP_TABLE_MISMATCH', { table: h.name });
  }
  const missing = catalog.tables.find((t) => !header.tables.some((h) => h.name === t.name));
  if (missing) throw new AppError(409, 'BACKUP_TABLE_MISMATCH', { table: missing.name });
}

async function nonEmptyTables(tx: Transaction<any>, catalog: Catalog): Promise<string[]> {
  const out: string[] = [];
  for (const t of catalog.tables) {
    const r = await sql<{ any: boolean }>`select exists(select 1 from ${ident(t.name)}) as any`.execute(tx);
    if (r.rows[0]!.any) out.push(t.name);
  }
  return out;
}

/** One INSERT … SELECT FROM unnest(text[] …) per batch, each value cast to its column's type here. */
async function insertBatch(tx: Transaction<any>, t: TableInfo, columns: string[], batch: (string | null)[][]) {
  if (batch.length === 0) return;
  const types = columns.map((c) => t.columns.find((x) => x.name === c)!.type);
  const arrays = columns.map((_, i) => batch.map((r) => r[i]!));
  const names = sql.join(columns.map((c) => ident(c)));
  const aliases = sql.join(columns.map((_, i) => sql.raw(`c${i}`)));
  const select = sql.join(columns.map((_, i) => sql`u.${sql.raw(`c${i}`)}::${sql.raw(types[i]!)}`));
  const params = sql.join(arrays.map((a) => sql`${sql.val(a)}::text[]`));
  const overriding = t.columns.some((c) => c.identity === 'a') ? sql`overriding system value` : sql``;
  await sql`insert into ${ident(t.name)} (${names}) ${overriding} select ${select} from unnest(${params}) as u(${aliases})`.execute(tx);
}

/** Saved sequence states first, then every identity/serial sequence past the highest value in its column. */
async function restoreSequences(tx: Transaction<any>, header: BackupHeader, catalog: Catalog) {
  for (const s of header.sequences) {
    if (!catalog.sequences.includes(s.name)) continue;
    await sql`select setval(${s.name}::regclass, ${s.lastValue}, ${s.isCalled})`.execute(tx);
  }
  for (const t of catalog.tables) {
    for (const c of t.columns) {
      if (!c.sequence) continue;
      await sql`
        select setval(${c.sequence}::regclass, greatest(
          (select coalesce(max(${ident(c.name)}), 0) + 1 from ${ident(t.name)}),
          (select case when is_called then last_value + 1 else last_value end from ${ident(c.sequence)})), false)`.execute(tx);
    }
  }
}
