/**
 * Test databases. On PGlite: a migrated data directory is made once (global setup) and each test file
 * loads a copy of it. On PostgreSQL (TEST_DATABASE_URL): a migrated template database is made once and
 * each test file gets `create database … template …`. Both are real PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../platform/db/index.js';

/**
 * One template per test run, so that runs started side by side (several engineers in one checkout) never
 * overwrite or drop each other's template. The global setup picks the id; test workers inherit it.
 */
const RUN_ID = (process.env.GZ_TEST_RUN ??= crypto.randomBytes(4).toString('hex'));
export const TEMPLATE_DIR = path.resolve('.tmp/test-template');
export const TEMPLATE_TAR = path.join(TEMPLATE_DIR, `pglite-${RUN_ID}.tar.gz`);
export const PG_TEMPLATE = `gongzhi_test_template_${RUN_ID}`;

/** Removes this run's template (global teardown). */
export async function dropTemplate(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${PG_TEMPLATE}`).catch(() => undefined);
    await admin.end();
  } else fs.rmSync(TEMPLATE_TAR, { force: true });
}

/** Connection string of the same server, another database. */
export function withDatabase(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = '/' + dbName;
  return u.toString();
}

/** Creates the migrated template once per test run. */
export async function prepareTemplate(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${PG_TEMPLATE}`);
    await admin.query(`create database ${PG_TEMPLATE}`);
    await admin.end();
    const d = await openDatabase({ databaseUrl: withDatabase(url, PG_TEMPLATE), dataDir: '' });
    await d.close();
    return;
  }
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  const lite = await PGlite.create();
  const d = await openDatabase({ databaseUrl: null, dataDir: '', pglite: lite });
  await d.close();
  const blob = await lite.dumpDataDir('gzip');
  fs.writeFileSync(TEMPLATE_TAR, Buffer.from(await blob.arrayBuffer()));
  await lite.close();
}

/** A fresh migrated database for one test file. */
export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = 'gz_t_' + crypto.randomBytes(6).toString('hex');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
    await admin.end();
    const d = await openDatabase({ databaseUrl: withDatabase(url, name), dataDir: '', poolSize: 5 });
    return {
      ...d,
      async close() {
        await d.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`drop database if exists ${name}`);
        await a.end();
      },
    };
  }
  const blob = new Blob([fs.readFileSync(TEMPLATE_TAR)]);
  const lite = await PGlite.create({ loadDataDir: blob });
  const d = await openDatabase({ databaseUrl: null, dataDir: '', pglite: lite });
  return {
    ...d,
    async close() {
      await d.close();
      await lite.close();
    },
  };
}
