/**
 * Data for the case benchmarks: a scratch database holding the demo district (20,000 households, the
 * default) and cases generated set-wise (server/modules/demo/cases-scale.ts). On PostgreSQL the database
 * is created on the DATABASE_URL server and dropped afterwards; with CASE_BENCH_KEEP=1 it is kept as a
 * template named after its contents and reused by later runs (generating millions of cases takes a while).
 * On PGlite it lives in the benchmark's scratch directory.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import type { BenchContext } from './harness.js';
import { openDatabase, type Database } from '../server/platform/db/index.js';
import { seedDemo } from '../server/modules/demo/index.js';
import { seedScaleCases, type ScaleOptions } from '../server/modules/demo/cases-scale.js';

/** Bump when the generator changes what it writes, so kept templates are not reused. */
const GENERATOR_VERSION = 3;
export const BENCH_SEED = 20261121;
export const BENCH_PASSWORD = 'gongzhi-demo';

export interface CaseData {
  database: Database;
  /** The connection string (PostgreSQL) of this scratch database, else null. */
  url: string | null;
  /** Seconds spent generating (0 when a kept template was reused). */
  generatedS: number;
  drop(): Promise<void>;
}

async function admin<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
};

/**
 * A database with the demo district and `scale` generated cases (plus the demo's own cases when
 * `demoCases` is set). `now` is fixed so that a kept template stays meaningful.
 */
export async function caseDatabase(
  ctx: BenchContext,
  opts: { label: string; households?: number; demoCases?: number; scale: Omit<ScaleOptions, 'seed' | 'log'> & { now: Date } },
): Promise<CaseData> {
  const households = opts.households ?? 20_000;
  const build = async (db: Database) => {
    const t0 = performance.now();
    ctx.log(`seeding the demo district (${households} households) …`);
    await seedDemo(db.db, { seed: BENCH_SEED, password: BENCH_PASSWORD, households, cases: opts.demoCases ?? 0, now: opts.scale.now });
    if (opts.scale.count > 0) {
      ctx.log(`generating ${opts.scale.count.toLocaleString('en')} cases (${opts.scale.mode ?? 'history'}) …`);
      await seedScaleCases(db.db, { ...opts.scale, seed: BENCH_SEED, stats: opts.scale.stats ?? false, log: (m) => ctx.log(`  ${m}`) });
    }
    await sql`analyze`.execute(db.db);
    return (performance.now() - t0) / 1000;
  };
  if (!ctx.databaseUrl) {
    const lite = await PGlite.create(path.join(ctx.scratchDir, `pg-${opts.label}`));
    const database = await openDatabase({ databaseUrl: null, dataDir: '', pglite: lite });
    const generatedS = await build(database);
    return { database, url: null, generatedS, drop: async () => (await database.close(), await lite.close()) };
  }
  const base = ctx.databaseUrl;
  const key = crypto.createHash('sha1').update(JSON.stringify({ v: GENERATOR_VERSION, households, d: opts.demoCases ?? 0, ...opts.scale })).digest('hex').slice(0, 10);
  const template = `gz_bench_${opts.label}_${key}`;
  const name = `gz_bench_${opts.label}_run_${crypto.randomBytes(3).toString('hex')}`;
  const keep = process.env.CASE_BENCH_KEEP === '1';
  let generatedS = 0;
  const exists = await admin(base, async (c) => (await c.query('select 1 from pg_database where datname = $1', [template])).rowCount! > 0);
  if (keep && exists) {
    ctx.log(`reusing the kept database ${template}`);
    await admin(base, (c) => c.query(`create database ${name} template ${template}`));
  } else {
    const target = keep ? template : name;
    await admin(base, (c) => c.query(`create database ${target}`));
    const db = await openDatabase({ databaseUrl: withDb(base, target), dataDir: '', poolSize: 4 });
    try {
      generatedS = await build(db);
    } finally {
      await db.close();
    }
    if (keep) await admin(base, (c) => c.query(`create database ${name} template ${template}`));
  }
  const url = withDb(base, name);
  const database = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 10 });
  return {
    database,
    url,
    generatedS,
    async drop() {
      await database.close().catch(() => {}); // the caller may have closed it already
      await admin(base, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/**
 * A copy of a PostgreSQL scratch database, for a scenario that changes data (the source must have no open
 * connections: close its pool first). Null on PGlite.
 */
export async function copyDatabase(ctx: BenchContext, from: CaseData): Promise<{ database: Database; drop(): Promise<void> } | null> {
  if (!ctx.databaseUrl || !from.url) return null;
  const src = new URL(from.url).pathname.slice(1);
  const name = `${src}_c${crypto.randomBytes(2).toString('hex')}`;
  await admin(ctx.databaseUrl, (c) => c.query(`create database ${name} template ${src}`));
  const database = await openDatabase({ databaseUrl: withDb(ctx.databaseUrl, name), dataDir: '', poolSize: 10 });
  return {
    database,
    async drop() {
      await database.close();
      await admin(ctx.databaseUrl!, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
