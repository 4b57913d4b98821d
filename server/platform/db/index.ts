/**
 * The database: PGlite in a data directory by default, a real PostgreSQL server when DATABASE_URL is set.
 * Both are reached through Kysely's stock PostgresDialect over a pg.Pool, so the SQL and the result types
 * are identical (docs/decisions/0001-database.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { DB } from './schema.js';
import { lockDataDir } from './lock.js';
import { migrateToLatest } from '../migrations/index.js';

// int8 and numeric as JS numbers: ids, counts and sums in this product stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// dates as plain YYYY-MM-DD strings (no time-zone shift).
pg.types.setTypeParser(1082, (v) => v);

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** The PGlite instance (embedded only): backups and test cloning need it. */
  pglite: PGlite | null;
  /** The PostgreSQL connection string (server only): a LISTEN connection needs a client of its own. */
  connectionString: string | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** Open an existing PGlite instance instead (tests). */
  pglite?: PGlite;
  migrate?: boolean;
  poolSize?: number;
}

/** Opens (and by default migrates) the database; on PGlite takes the data directory's lock first. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  let pool: pg.Pool;
  let pglite: PGlite | null = null;
  let release = () => {};
  let kind: DatabaseKind;
  if (opts.databaseUrl && !opts.pglite) {
    kind = 'postgres';
    pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => {}); // an idle client's error must not kill the process; the next query reports it
  } else {
    kind = 'pglite';
    if (opts.pglite) pglite = opts.pglite;
    else {
      const dir = path.join(opts.dataDir, 'pg');
      release = lockDataDir(opts.dataDir);
      try {
        fs.mkdirSync(opts.dataDir, { recursive: true });
        pglite = await PGlite.create(dir);
      } catch (e) {
        release();
        throw e;
      }
    }
    pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (opts.migrate !== false) await migrateToLatest(db);
  } catch (e) {
    await db.destroy();
    if (pglite && !opts.pglite) await pglite.close();
    release();
    throw e;
  }
  return {
    db,
    kind,
    pglite,
    connectionString: kind === 'postgres' ? opts.databaseUrl : null,
    async close() {
      await db.destroy();
      if (pglite && !opts.pglite) await pglite.close();
      release();
    },
  };
}

/** True when a database error is a unique violation (optionally on a named constraint). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string };
  return err?.code === '23505' && (!constraint || err.constraint === constraint);
}
