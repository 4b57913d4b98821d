/**
 * Bulk writer for the generator: rows are buffered per table as column arrays and written with one
 * `INSERT … SELECT FROM unnest($1::type[], …)` per batch — a handful of parameters whatever the batch size,
 * the same SQL on PostgreSQL and PGlite. Parents are flushed before children (tables in declared order).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

/** One column: its name, the array type it travels in, and an optional cast to the column's type. */
export interface ColumnSpec {
  name: string;
  type: 'bigint' | 'int' | 'text' | 'float8' | 'bool' | 'date' | 'timestamptz';
  cast?: string;
}

export const TABLES = {
  org_node: [
    { name: 'id', type: 'bigint' },
    { name: 'parent_id', type: 'bigint' },
    { name: 'tree', type: 'text' },
    { name: 'type', type: 'text' },
    { name: 'level', type: 'int' },
    { name: 'code', type: 'text' },
    { name: 'name_zh', type: 'text' },
    { name: 'name_en', type: 'text' },
    { name: 'path', type: 'text' },
    { name: 'admin_node_id', type: 'bigint' },
    { name: 'geometry', type: 'text', cast: 'jsonb' },
    { name: 'bbox', type: 'text', cast: 'float8[]' },
    { name: 'attrs', type: 'text', cast: 'jsonb' },
    { name: 'sort', type: 'int' },
  ],
  building: [
    { name: 'id', type: 'bigint' },
    { name: 'grid_id', type: 'bigint' },
    { name: 'code', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'address', type: 'text' },
    { name: 'lat', type: 'float8' },
    { name: 'lng', type: 'float8' },
    { name: 'floors', type: 'int' },
    { name: 'unit_count', type: 'int' },
    { name: 'kind', type: 'text' },
  ],
  house: [
    { name: 'id', type: 'bigint' },
    { name: 'building_id', type: 'bigint' },
    { name: 'unit_no', type: 'text' },
    { name: 'floor', type: 'int' },
    { name: 'room_no', type: 'text' },
    { name: 'area_centi', type: 'bigint' },
    { name: 'use', type: 'text' },
  ],
  household: [
    { name: 'id', type: 'bigint' },
    { name: 'house_id', type: 'bigint' },
    { name: 'grid_id', type: 'bigint' },
    { name: 'household_no', type: 'text' },
    { name: 'address', type: 'text' },
    { name: 'kind', type: 'text' },
  ],
  resident: [
    { name: 'id', type: 'bigint' },
    { name: 'household_id', type: 'bigint' },
    { name: 'grid_id', type: 'bigint' },
    { name: 'name', type: 'text' },
    { name: 'gender', type: 'text' },
    { name: 'birth_date', type: 'date' },
    { name: 'id_number', type: 'text' },
    { name: 'phone', type: 'text' },
    { name: 'ethnicity', type: 'text' },
    { name: 'relation', type: 'text' },
    { name: 'tags', type: 'text', cast: 'text[]' },
    { name: 'is_party_member', type: 'bool' },
    { name: 'party_node_id', type: 'bigint' },
    { name: 'health', type: 'text' },
    { name: 'disability', type: 'text' },
    { name: 'income', type: 'text' },
    { name: 'search_tokens', type: 'text' },
  ],
  app_user: [
    { name: 'id', type: 'bigint' },
    { name: 'username', type: 'text' },
    { name: 'password_hash', type: 'text' },
    { name: 'display_name', type: 'text' },
    { name: 'phone', type: 'text' },
    { name: 'locale', type: 'text' },
    { name: 'resident_id', type: 'bigint' },
  ],
  role_grant: [
    { name: 'id', type: 'bigint' },
    { name: 'user_id', type: 'bigint' },
    { name: 'role', type: 'text' },
    { name: 'node_id', type: 'bigint' },
  ],
  patrol_log: [
    { name: 'id', type: 'bigint' },
    { name: 'grid_id', type: 'bigint' },
    { name: 'user_id', type: 'bigint' },
    { name: 'patrol_date', type: 'date' },
    { name: 'started_at', type: 'timestamptz' },
    { name: 'ended_at', type: 'timestamptz' },
    { name: 'route', type: 'text', cast: 'jsonb' },
    { name: 'notes', type: 'text' },
  ],
} satisfies Record<string, ColumnSpec[]>;

export type TableName = keyof typeof TABLES;
export type Value = string | number | boolean | null;
const ORDER = Object.keys(TABLES) as TableName[];

/** Buffers rows and writes them in batches; counts what it wrote. */
export class BulkWriter {
  private buffers = new Map<TableName, Value[][]>();
  private buffered = 0;
  private inflight: Promise<void> | null = null;
  readonly written: Record<string, number> = {};
  /** The next id per table (ids are assigned here, so children can point at parents before the flush). */
  private nextIds = new Map<TableName, number>();

  constructor(
    private readonly db: Q,
    private readonly batchRows = 2000,
  ) {}

  /** Reads max(id) of the tables so new ids follow the existing ones. */
  async init() {
    for (const t of ORDER) {
      const r = await sql<{ m: number | null }>`select max(id)::bigint as m from ${sql.table(t)}`.execute(this.db);
      this.nextIds.set(t, (r.rows[0]?.m ?? 0) + 1);
    }
  }

  /** Allocates the next id of a table. */
  id(table: TableName): number {
    const n = this.nextIds.get(table);
    if (n === undefined) throw new Error('BulkWriter.init() first');
    this.nextIds.set(table, n + 1);
    return n;
  }

  /** Queues one row (values in the table's column order); starts a batch write when the buffers are full. */
  async push(table: TableName, row: Value[]) {
    let buf = this.buffers.get(table);
    if (!buf) this.buffers.set(table, (buf = TABLES[table].map(() => [])));
    for (let i = 0; i < row.length; i++) buf[i]!.push(row[i]!);
    if (++this.buffered >= this.batchRows) await this.startWrite();
  }

  /** Writes everything buffered and waits for it. */
  async flush() {
    await this.startWrite();
    const last = this.inflight;
    this.inflight = null;
    await last;
  }

  /**
   * Hands the buffers to the database and returns without waiting, so the next rows are generated while
   * the database inserts these (double buffering). The previous batch is awaited first: batches reach the
   * database in order, parents before children.
   */
  private async startWrite() {
    const batch = this.buffers;
    this.buffers = new Map();
    this.buffered = 0;
    if (this.inflight) await this.inflight;
    const p = this.write(batch);
    p.catch(() => {}); // observed by whoever awaits `inflight` next
    this.inflight = p;
  }

  private async write(batch: Map<TableName, Value[][]>) {
    for (const t of ORDER) {
      const buf = batch.get(t);
      if (!buf || buf[0]!.length === 0) continue;
      const cols = TABLES[t] as ColumnSpec[];
      const n = buf[0]!.length;
      const select = sql.join(cols.map((c) => sql.raw(c.cast ? `u."${c.name}"::${c.cast}` : `u."${c.name}"`)));
      const names = sql.join(cols.map((c) => sql.ref(c.name)));
      // Large tables in slices, so one statement never carries more than ~4000 rows.
      for (let from = 0; from < n; from += 4000) {
        const params = sql.join(buf.map((c, i) => sql`${sql.val(c.slice(from, from + 4000))}::${sql.raw(cols[i]!.type)}[]`));
        await sql`insert into ${sql.table(t)} (${names}) select ${select} from unnest(${params}) as u(${names})`.execute(this.db);
      }
      this.written[t] = (this.written[t] ?? 0) + n;
    }
  }

  /** Sets each written table's identity sequence past the highest id. */
  async resetSequences() {
    for (const t of ORDER) {
      if (!this.written[t]) continue;
      await sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select max(id) from ${sql.table(t)}))`.execute(this.db);
    }
  }
}
