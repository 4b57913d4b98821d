#!/usr/bin/env node
/**
 * Run by `npm start` before the server: builds the web app (web/dist) with Vite only when it is missing or
 * older than any source it is built from (web/, common/, vite.config.ts, package-lock.json). Otherwise it
 * returns at once (a stat walk over a few hundred files, a few milliseconds).
 *
 * GONGZHI_SKIP_WEB_BUILD=true skips the check (e.g. an API-only process, or a dist shipped prebuilt).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web', 'dist');
const stamp = path.join(dist, 'index.html');
const SOURCES = ['web', 'common', 'vite.config.ts', 'package-lock.json'];
const SKIP_DIRS = new Set(['dist', 'node_modules', '.tmp']);

/** The newest modification time under a path (files, and directories so deletions count), skipping build output. */
function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIP_DIRS.has(entry.name)) continue;
    if (entry.name.endsWith('.test.ts')) continue;
    const t = newest(path.join(p, entry.name));
    if (t > max) max = t;
  }
  return max;
}

/** Why a build is needed, or null when web/dist is up to date. */
function staleReason() {
  if (!fs.existsSync(stamp)) return 'web/dist is missing';
  const built = fs.statSync(stamp).mtimeMs;
  for (const s of SOURCES) {
    if (newest(path.join(root, s)) > built) return `${s} changed since the last build`;
  }
  return null;
}

if (process.env.GONGZHI_SKIP_WEB_BUILD === 'true') process.exit(0);
const reason = staleReason();
if (!reason) process.exit(0);

const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!fs.existsSync(vite)) {
  console.error(`[gongzhi] ${reason}, and Vite is not installed: run \`npm install\` (with dev dependencies) first.`);
  process.exit(1);
}
console.log(`[gongzhi] building the web app (${reason}) …`);
const t0 = Date.now();
const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  console.error('[gongzhi] the web build failed; see the messages above.');
  process.exit(r.status ?? 1);
}
// Vite writes index.html early; touch it so the stamp is newer than every output and source read.
const now = new Date();
fs.utimesSync(stamp, now, now);
console.log(`[gongzhi] web app built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
