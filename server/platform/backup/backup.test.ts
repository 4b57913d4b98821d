/** Backup → restore round trips on the test database (PGlite or PostgreSQL), and across the two. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { testDatabase } from '../../test/db.js';
import { openDatabase, type Database } from '../db/index.js';
import { seedDemo } from '../../modules/demo/index.js';
import { writeBackup, restoreBackup, readBackupHeader, tableChecksums, readCatalog } from './index.js';
import { AppError } from '../http/errors.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-backup-'));
const file = path.join(dir, 'demo.gzb');
let source: Database;
let sums: Record<string, string>;

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
};
const rewrite = (from: string, to: string, edit: (lines: string[]) => string[]) => {
  const lines = zlib.gunzipSync(fs.readFileSync(from)).toString('utf8').split('\n').filter(Boolean);
  fs.writeFileSync(to, zlib.gzipSync(edit(lines).join('\n') + '\n'));
};

beforeAll(async () => {
  source = await testDatabase();
  await seedDemo(source.db, { seed: 11, password: 'demo-password-1', households: 300, today: '2026-11-20' });
  // A row with awkward values: quotes, backslashes, newlines, unicode, a NULL, microseconds.
  await sql`insert into setting (key, value, updated_at) values ('x"y\\z', ${JSON.stringify({ s: "它's\n\t\\ok", n: 1.0000000000000002 })}::jsonb, '2026-01-02 03:04:05.123456+08')`.execute(source.db);
  await sql`insert into audit_log (action, entity, detail, ip) values ('test', 'x', '{}', null)`.execute(source.db);
  sums = await tableChecksums(source.db);
});
afterAll(async () => {
  await source?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes a gzip file with a header, every table in foreign-key order and an end marker', async () => {
    const stats = await writeBackup(source.db, file, { database: source.kind });
    expect(stats.bytes).toBeGreaterThan(1000);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const header = await readBackupHeader(file);
    expect(header.format).toBe('gongzhi-backup');
    expect(header.database).toBe(source.kind);
    expect(header.migrations.length).toBeGreaterThan(0);
    const names = header.tables.map((t) => t.name);
    expect(names).not.toContain('kysely_migration');
    const catalog = await readCatalog(source.db);
    expect(names.sort()).toEqual(catalog.tables.map((t) => t.name).sort());
    const order = header.tables.map((t) => t.name);
    expect(order.indexOf('org_node')).toBeLessThan(order.indexOf('building'));
    expect(order.indexOf('household')).toBeLessThan(order.indexOf('resident'));
    expect(order.indexOf('resident')).toBeLessThan(order.indexOf('app_user'));
    expect(header.tables.find((t) => t.name === 'resident')!.columns.map((c) => c.name)).not.toContain('tsv');
    expect(header.tables.reduce((s, t) => s + t.rows, 0)).toBe(stats.rows);
    const last = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last)).toEqual({ end: true, rows: stats.rows });
  });

  it('restores into a fresh database: same rows, same checksums, sequences past max(id)', async () => {
    const target = await testDatabase();
    try {
      const stats = await restoreBackup(target.db, file);
      expect(stats.rows).toBe((await readBackupHeader(file)).tables.reduce((s, t) => s + t.rows, 0));
      expect(await tableChecksums(target.db)).toEqual(sums);
      const found = await sql<{ n: number }>`select count(*)::int as n from resident where tsv @@ to_tsquery('simple', '明湖')`.execute(target.db);
      expect(found.rows[0]!.n).toBeGreaterThan(0); // generated column recomputed
      const node = await target.db
        .insertInto('org_node')
        .values({ parent_id: null, tree: 'admin', type: 'district', level: 30, code: 'NEW', name_zh: '新区', name_en: 'New', path: '/x/', attrs: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const max = await sql<{ m: number }>`select max(id)::bigint as m from org_node where code <> 'NEW'`.execute(target.db);
      expect(node.id).toBe(max.rows[0]!.m + 1);
      // A database that holds data is refused, and left as it was…
      expect(await codeOf(restoreBackup(target.db, file))).toBe('RESTORE_NOT_EMPTY');
      expect((await target.db.selectFrom('org_node').select('id').where('code', '=', 'NEW').execute()).length).toBe(1);
      // …unless forced: then it is replaced entirely.
      await restoreBackup(target.db, file, { force: true });
      expect(await tableChecksums(target.db)).toEqual(sums);
    } finally {
      await target.close();
    }
  });

  it('changes nothing when the file is cut off, damaged or from other migrations', async () => {
    const target = await testDatabase();
    try {
      const cut = path.join(dir, 'cut.gzb');
      rewrite(file, cut, (lines) => lines.slice(0, Math.floor(lines.length * 0.8)));
      expect(await codeOf(restoreBackup(target.db, cut))).toBe('BACKUP_TRUNCATED');
      const halfGzip = path.join(dir, 'half.gzb');
      const bytes = fs.readFileSync(file);
      fs.writeFileSync(halfGzip, bytes.subarray(0, Math.floor(bytes.length / 2)));
      expect(await codeOf(restoreBackup(target.db, halfGzip))).toBe('BACKUP_TRUNCATED');
      const other = path.join(dir, 'other.gzb');
      rewrite(file, other, ([h, ...rest]) => [JSON.stringify({ ...JSON.parse(h!), migrations: ['1999_other'] }), ...rest]);
      expect(await codeOf(restoreBackup(target.db, other))).toBe('BACKUP_MIGRATIONS_MISMATCH');
      const notBackup = path.join(dir, 'not.gzb');
      fs.writeFileSync(notBackup, zlib.gzipSync('{"hello":1}\n'));
      expect(await codeOf(restoreBackup(target.db, notBackup))).toBe('BACKUP_INVALID');
      expect(await codeOf(restoreBackup(target.db, path.join(dir, 'missing.gzb')))).toBe('BACKUP_FILE_MISSING');
      const counts = await sql<{ n: number }>`select (select count(*) from org_node) + (select count(*) from resident) + (select count(*) from app_user) as n`.execute(target.db);
      expect(Number(counts.rows[0]!.n)).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('stops on rows that refer to each other in a cycle, leaving no file behind', async () => {
    const db = await testDatabase();
    try {
      const node = (code: string, parent: number | null) =>
        db.db.insertInto('org_node').values({ parent_id: parent, tree: 'admin', type: 'district', level: 30, code, name_zh: code, name_en: code, path: '/', attrs: '{}' }).returning('id').executeTakeFirstOrThrow();
      const a = await node('A', null);
      const b = await node('B', a.id);
      await db.db.updateTable('org_node').set({ parent_id: b.id }).where('id', '=', a.id).execute();
      const cyc = path.join(dir, 'cycle.gzb');
      await expect(writeBackup(db.db, cyc, { database: db.kind })).rejects.toThrow(/cycle/);
      expect(fs.existsSync(cyc) || fs.existsSync(`${cyc}.partial`)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)('moves a PGlite database into PostgreSQL', async () => {
    const lite = await PGlite.create();
    const embedded = await openDatabase({ databaseUrl: null, dataDir: '', pglite: lite });
    const target = await testDatabase();
    try {
      await seedDemo(embedded.db, { seed: 12, password: 'demo-password-1', households: 200, today: '2026-11-20' });
      const liteFile = path.join(dir, 'lite.gzb');
      await writeBackup(embedded.db, liteFile, { database: 'pglite' });
      await restoreBackup(target.db, liteFile);
      expect(await tableChecksums(target.db)).toEqual(await tableChecksums(embedded.db));
      // …and back again.
      const pgFile = path.join(dir, 'pg.gzb');
      await writeBackup(target.db, pgFile, { database: 'postgres' });
      await restoreBackup(embedded.db, pgFile, { force: true });
      expect(await tableChecksums(embedded.db)).toEqual(await tableChecksums(target.db));
    } finally {
      await embedded.close();
      await lite.close();
      await target.close();
    }
  }, 120_000);
});
