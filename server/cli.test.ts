/**
 * The command line as operators run it: real child processes on a real data directory. The server and the
 * CLI share the embedded database's lock, so a CLI started while the server runs must stop at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { parseArgs, main } from './cli.js';
import { openDatabase } from './platform/db/index.js';
import { withDatabase } from './test/db.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-cli-'));
const dataDir = path.join(root, 'data');
const restoredDir = path.join(root, 'restored');
const backupFile = path.join(root, 'demo.gzb');
const children: ChildProcess[] = [];

function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GONGZHI_DATA_DIR: dataDir, GONGZHI_LOCALE: 'en', LOG_LEVEL: 'warn', ...extra };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

/** Runs the CLI in a child process; resolves with its exit code, output and duration. */
function cli(args: string[], extra: Record<string, string> = {}): Promise<{ code: number; out: string; err: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { env: baseEnv(extra), cwd: process.cwd() });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err, ms: Date.now() - t0 }));
  });
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

describe('argument parsing', () => {
  it('accepts commands, arguments and flags, and refuses anything else', () => {
    expect(parseArgs(['seed-demo', '--households', '300', '--seed=5'])).toEqual({ command: 'seed-demo', args: [], flags: { households: '300', seed: '5' } });
    expect(parseArgs(['restore', 'x.gzb', '--force'])).toEqual({ command: 'restore', args: ['x.gzb'], flags: { force: true } });
    expect(parseArgs([]).command).toBe('help');
    expect(() => parseArgs(['bogus'])).toThrow(/bogus/);
    expect(() => parseArgs(['backup'])).toThrow();
    expect(() => parseArgs(['backup', 'a', 'b'])).toThrow();
    expect(() => parseArgs(['restore', 'x', '--forse'])).toThrow(/forse/);
    expect(() => parseArgs(['seed-demo', '--households'])).toThrow(/needs a value/);
    expect(() => parseArgs(['restore', 'x', '--force=yes'])).toThrow();
  });

  it('exits 2 on a usage error and 0 on help, before touching any database', async () => {
    expect(await main(['bogus'])).toBe(2);
    expect(await main(['seed-demo', '--households', '5'])).toBe(2);
    expect(await main(['create-admin', 'Bad Name'])).toBe(2);
    expect(await main(['help'])).toBe(0);
  });
});

describe('on the embedded database', () => {
  it('stops at once with exit code 2 while the server holds the data directory', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: baseEnv({ PORT: '0', HOST: '127.0.0.1', GONGZHI_SEED_DEMO: 'false' }),
      cwd: process.cwd(),
    });
    children.push(server);
    let log = '';
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (d) => {
        log += d;
        if (log.includes('is running at')) resolve();
      });
      server.stderr!.on('data', (d) => (log += d));
      server.on('exit', (code) => reject(new Error(`server exited (${code}): ${log}`)));
    });
    const r = await cli(['seed-demo', '--households', '100']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`pid ${server.pid}`);
    expect(r.err).toMatch(/in use by another Gongzhi process/);
    expect(r.ms).toBeLessThan(20_000); // no PGlite opened: just the process start
    const stopped = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await stopped).toBe(0);
  }, 240_000);

  it('seeds, creates an admin, backs up and restores into another directory', async () => {
    const seeded = await cli(['seed-demo', '--households', '150', '--seed', '3']);
    expect(seeded.code, seeded.err).toBe(0);
    expect(seeded.out).toContain('150 households');
    const admin = await cli(['create-admin', 'chief.ops']);
    expect(admin.code, admin.err).toBe(0);
    expect(admin.out).toMatch(/initial password: \S{16}/);
    const backup = await cli(['backup', backupFile]);
    expect(backup.code, backup.err).toBe(0);
    expect(await main(['backup', backupFile])).toBe(1); // exists: needs --force (checked before opening the database)
    const restored = await cli(['restore', backupFile], { GONGZHI_DATA_DIR: restoredDir });
    expect(restored.code, restored.err).toBe(0);
    // The restored directory holds what the CLI wrote into the first one: the demo and the new admin.
    for (const dir of [restoredDir]) {
      const d = await openDatabase({ databaseUrl: null, dataDir: dir });
      try {
        const n = await d.db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(n.n)).toBe(150);
        const grant = await d.db
          .selectFrom('app_user as u')
          .innerJoin('role_grant as g', 'g.user_id', 'u.id')
          .innerJoin('org_node as n', 'n.id', 'g.node_id')
          .select(['g.role', 'n.type', 'n.parent_id', 'u.must_change_password'])
          .where('u.username', '=', 'chief.ops')
          .executeTakeFirstOrThrow();
        expect(grant).toEqual({ role: 'admin', type: 'district', parent_id: null, must_change_password: true });
      } finally {
        await d.close();
      }
    }
  }, 240_000);
});

describe.runIf(!!process.env.TEST_DATABASE_URL)('on PostgreSQL', () => {
  it('migrates and seeds a PostgreSQL database, and its backup restores into the embedded one', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const name = 'gz_cli_' + crypto.randomBytes(5).toString('hex');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const env = { DATABASE_URL: withDatabase(url, name) };
    try {
      const m = await cli(['migrate'], env);
      expect(m.code, m.err).toBe(0);
      expect(m.out).toMatch(/applied [1-9]\d* migration/);
      const s = await cli(['seed-demo', '--households', '120'], env);
      expect(s.code, s.err).toBe(0);
      const file = path.join(root, 'pg.gzb');
      expect((await cli(['backup', file], env)).code).toBe(0);
      const r = await cli(['restore', file], { GONGZHI_DATA_DIR: path.join(root, 'from-pg') });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/restored: \d+ tables/);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 240_000);
});
