/**
 * Crash safety of resident reports: the real server (server/main.ts) as a child process on a fresh
 * database, report submissions fired at it concurrently, `kill -9` in the middle, a restart on the same
 * data — then every report that was acknowledged with 201 must be there (same id, same Idempotency-Key),
 * and replaying the unacknowledged ones with their keys must file each exactly once. Runs on PGlite (a
 * data directory) and, with TEST_DATABASE_URL, on PostgreSQL (a database of its own).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../platform/db/index.js';
import { PG_TEMPLATE, withDatabase } from './db.js';
import { buildFixture, PASSWORD } from './fixture.js';

const PG_URL = process.env.TEST_DATABASE_URL || null;
const ACKS_BEFORE_KILL = 30;
const CONCURRENCY = 8;

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Where the test's database lives: a PGlite data directory, or a database on the PostgreSQL server. */
async function freshDatabase(): Promise<{ env: Record<string, string>; open(): Promise<Database> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-crash-'));
  cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  if (!PG_URL) return { env: { DATABASE_URL: '', GONGZHI_DATA_DIR: dataDir }, open: () => openDatabase({ databaseUrl: null, dataDir }) };
  const name = 'gz_crash_' + crypto.randomBytes(5).toString('hex');
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
  await admin.end();
  cleanup.push(async () => {
    const a = new pg.Client({ connectionString: PG_URL });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  });
  const url = withDatabase(PG_URL, name);
  return { env: { DATABASE_URL: url, GONGZHI_DATA_DIR: dataDir }, open: () => openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 }) };
}

interface Server {
  child: ChildProcess;
  url: string;
  output: string[];
}

/** Starts server/main.ts and waits until /api/health answers. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', GONGZHI_SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  cleanup.push(() => void (child.exitCode === null && child.kill('SIGKILL')));
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output.join('')}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return { child, url, output };
    if (Date.now() - t0 > 90_000) throw new Error(`server not healthy in 90 s:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

describe(`kill -9 during report submissions (${PG_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('keeps every acknowledged report, and a replay files each unacknowledged one exactly once', async () => {
    const where = await freshDatabase();
    const setup = await where.open();
    const fx = await buildFixture(setup.db);
    const categoryId = (await setup.db.selectFrom('case_category').select('id').where('code', '=', 'property.clutter').executeTakeFirstOrThrow()).id;
    await setup.close();
    const [minLng, minLat, maxLng, maxLat] = fx.nodes.G1.bbox!;

    let server = await startServer(where.env);
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'resident', password: PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const headers = (key: string) => ({ 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, 'idempotency-key': key });

    // Each report: its own key and body (a replay must send the very same body).
    const bodies = new Map<string, string>();
    const bodyOf = (i: number) => {
      const key = `crash-${i}-${crypto.randomBytes(4).toString('hex')}`;
      const f = (i * 0.618) % 1;
      bodies.set(key, JSON.stringify({ categoryId, description: `3号楼${1 + (i % 4)}单元楼道堆放纸箱和旧家具，影响通行（第${i}次）`, lat: minLat + (0.1 + 0.8 * f) * (maxLat - minLat), lng: minLng + (0.1 + 0.8 * ((f * 7) % 1)) * (maxLng - minLng) }));
      return key;
    };
    const post = (url: string, key: string) => fetch(`${url}/api/cases`, { method: 'POST', headers: headers(key), body: bodies.get(key)!, signal: AbortSignal.timeout(20_000) });

    const acked = new Map<string, number>();
    const unacked = new Set<string>();
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (!killed) {
        const key = bodyOf(next++);
        try {
          const res = await post(server.url, key);
          const body = (await res.json()) as { id?: number };
          if (res.status === 201 && typeof body.id === 'number') acked.set(key, body.id);
          else unacked.add(key);
        } catch {
          unacked.add(key); // the connection died with the server: no answer, nothing known
        }
        if (!killed && acked.size >= ACKS_BEFORE_KILL) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await exited(server.child);
    expect(server.child.signalCode).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    expect(unacked.size).toBeGreaterThan(0); // requests were in flight when the process died

    // Restart on the same data (PGlite: the dead process's lock is taken over; the WAL is replayed).
    server = await startServer(where.env);
    for (const [key, id] of acked) {
      const res = await post(server.url, key);
      expect(res.status, `acknowledged ${key}`).toBe(200);
      expect(((await res.json()) as { id: number }).id).toBe(id);
    }
    let committedUnanswered = 0;
    const replayed = new Map<string, number>();
    for (const key of unacked) {
      const first = await post(server.url, key);
      expect([200, 201], `replay of ${key}: ${first.status}`).toContain(first.status);
      if (first.status === 200) committedUnanswered++;
      const id = ((await first.json()) as { id: number }).id;
      const again = await post(server.url, key);
      expect(again.status).toBe(200);
      expect(((await again.json()) as { id: number }).id).toBe(id);
      replayed.set(key, id);
    }
    server.child.kill('SIGTERM');
    await exited(server.child);

    // In the database: one case per key, the acknowledged ones under their ids, each with its one report event.
    const db = await where.open();
    try {
      const rows = await db.db.selectFrom('case_file').select(['id', 'client_key', 'reporter_user_id']).execute();
      const byKey = new Map<string, number[]>();
      for (const r of rows) byKey.set(r.client_key!, [...(byKey.get(r.client_key!) ?? []), r.id]);
      expect(rows.length).toBe(acked.size + unacked.size);
      for (const [key, id] of acked) expect(byKey.get(key), key).toEqual([id]);
      for (const [key, id] of replayed) expect(byKey.get(key), key).toEqual([id]);
      expect(rows.every((r) => r.reporter_user_id === fx.users.resident)).toBe(true);
      const events = await sql<{ n: number; cases: number }>`select count(*)::int as n, count(distinct case_id)::int as cases from case_event where action = 'report'`.execute(db.db);
      expect(events.rows[0]).toEqual({ n: rows.length, cases: rows.length });
      const audits = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'case.report'`.execute(db.db);
      expect(audits.rows[0]!.n).toBe(rows.length);
      console.log(`[crash] ${acked.size} acknowledged before kill -9, ${unacked.size} unanswered (${committedUnanswered} of them had committed), all filed exactly once`);
    } finally {
      await db.close();
    }
  }, 240_000);
});
