/**
 * Two processes on one PGlite directory corrupt it (measured), so the second server must refuse at once.
 * Real processes: one server holds the directory, a second `server/main.ts` on the same directory must exit
 * non-zero with a clear message, and the first must keep serving.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const onPglite = !process.env.TEST_DATABASE_URL;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function startServer(dir: string, port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, GONGZHI_DATA_DIR: dir, PORT: String(port), DATABASE_URL: '', GONGZHI_SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe.skipIf(!onPglite)('the embedded data directory lock', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-lock-'));
  const procs: ReturnType<typeof startServer>[] = [];
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) {
      p.child.kill('SIGTERM');
      await p.exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second server on the same directory and leaves the first one serving', async () => {
    const port1 = await freePort();
    const first = startServer(dir, port1);
    procs.push(first);
    const deadline = Date.now() + 150_000; // generous: a loaded CI box starts slowly
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port1}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (first.child.exitCode !== null || Date.now() > deadline) throw new Error('first server did not start: ' + first.output());
      await new Promise((r) => setTimeout(r, 300));
    }
    const t0 = Date.now();
    const second = startServer(dir, await freePort());
    procs.push(second);
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(Date.now() - t0).toBeLessThan(45_000);
    expect(second.output()).toMatch(/in use by another Gongzhi process \(pid \d+\)/);
    const health = await fetch(`http://127.0.0.1:${port1}/api/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).database).toBe('pglite');
  }, 240_000);
});
