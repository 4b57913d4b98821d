/**
 * startup: time from spawning `server/main.ts` until GET /api/health answers 200.
 *  - first start on an empty embedded database, including migrations and the demo district (target ≤ 60 s)
 *  - start on the existing database (target ≤ 5 s) — the reported value
 * Baseline: opening the same PGlite directory alone (no app), measured in the same run.
 * Always on PGlite: this is the `npm install && npm start` promise.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Bench } from './harness.js';
import { round } from './harness.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Starts the server, waits for health, stops it; returns seconds until healthy. */
async function timedStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', GONGZHI_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) return (performance.now() - t0) / 1000;
      if (performance.now() - t0 > 180_000) throw new Error('server did not start in 180 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}

const bench: Bench = {
  name: 'startup',
  async run(ctx) {
    const dataDir = path.join(ctx.scratchDir, 'data');
    ctx.log('first start (empty database, demo seed) …');
    const first = await timedStart(dataDir);
    ctx.log(`first start ${first.toFixed(1)} s; restarts …`);
    const restarts: number[] = [];
    for (let i = 0; i < 3; i++) restarts.push(await timedStart(dataDir));
    const again = restarts.sort((a, b) => a - b)[1]!;
    const t0 = performance.now();
    const lite = await PGlite.create(path.join(dataDir, 'pg'));
    await lite.query('select 1');
    const baseline = (performance.now() - t0) / 1000;
    await lite.close();
    return {
      bench: 'startup',
      db: 'pglite',
      value: round(again, 2),
      unit: 's (restart on an existing database, median of 3)',
      baseline: round(baseline, 2),
      ratio: round(again / baseline, 2),
      first_start_s: round(first, 1),
      target: 'restart ≤ 5 s; first start with demo seed ≤ 60 s',
    };
  },
};
export default bench;
