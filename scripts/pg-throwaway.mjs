#!/usr/bin/env node
/**
 * A throwaway PostgreSQL server for tests and benchmarks: `initdb` into a fresh directory, `pg_ctl start`
 * on a spare loopback port with its own socket directory, and stop it by its data directory when done.
 * initdb refuses root, so as root it runs as the `postgres` user.
 *
 *   node scripts/pg-throwaway.mjs start DIR [PORT]   → prints the connection URL
 *   node scripts/pg-throwaway.mjs stop DIR
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';

const asRoot = process.getuid?.() === 0;
function run(cmd, args) {
  const full = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return execFileSync(full[0], full[1], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

async function freePort(preferred) {
  for (let p = preferred; p < preferred + 200; p++) {
    const ok = await new Promise((resolve) => {
      const s = net.createServer().once('error', () => resolve(false)).once('listening', () => s.close(() => resolve(true)));
      s.listen(p, '127.0.0.1');
    });
    if (ok) return p;
  }
  throw new Error('no free port');
}

/** Starts a fresh server in dir; returns its URL. */
export async function startPostgres(dir, port) {
  dir = path.resolve(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'sock'), { recursive: true });
  if (asRoot) execFileSync('chown', ['-R', 'postgres', dir]);
  port = await freePort(port ?? 55432);
  run('initdb', ['-D', path.join(dir, 'data'), '-E', 'UTF8', '--locale=C.UTF-8', '-U', 'postgres', '--auth=trust']);
  run('pg_ctl', [
    '-D', path.join(dir, 'data'), '-l', path.join(dir, 'log.txt'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${path.join(dir, 'sock')} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`,
    'start',
  ]);
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

/** Stops the server started in dir (no error when it is not running). */
export function stopPostgres(dir) {
  try {
    run('pg_ctl', ['-D', path.join(path.resolve(dir), 'data'), '-m', 'fast', '-w', 'stop']);
  } catch {
    /* not running */
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [cmd, dir, port] = process.argv.slice(2);
  if (cmd === 'start' && dir) console.log(await startPostgres(dir, port ? Number(port) : undefined));
  else if (cmd === 'stop' && dir) stopPostgres(dir);
  else {
    console.error('usage: pg-throwaway.mjs start DIR [PORT] | stop DIR');
    process.exit(2);
  }
}
