#!/usr/bin/env node
/**
 * `npm test`: the whole suite, on both databases and in a real browser.
 *   1. type check (tsc)
 *   2. unit, service and HTTP tests on PGlite (vitest)
 *   3. the server tests again on PostgreSQL — TEST_DATABASE_URL if set, else a throwaway PostgreSQL 15
 *      started here with initdb/pg_ctl (and stopped afterwards)
 *   4. browser journeys in Debian's Chromium against a real server on the demo district
 * Prints a plain `N passed, N failed` line and exits non-zero on any failure.
 * GONGZHI_TEST_STEPS=unit,pg,e2e (any subset, default all) runs only some steps.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgres, stopPostgres } from './pg-throwaway.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const steps = new Set((process.env.GONGZHI_TEST_STEPS || 'types,unit,pg,e2e').split(','));
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
let passed = 0;
let failed = 0;
const problems = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

/** Runs vitest with a JSON report and adds its counts. */
function vitest(label, config, env, extra = []) {
  const out = path.join(tmp, `vitest-${label.replace(/\W+/g, '-')}.json`);
  fs.rmSync(out, { force: true });
  const ok = run(label, 'npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extra], env);
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    if (r.numFailedTests > 0 || !ok) problems.push(`${label}: ${r.numFailedTests} failed`);
    if (!ok && r.numFailedTests === 0) {
      failed += 1; // a suite that could not run (import error, hook failure) counts as a failure
      problems.push(`${label}: the run failed (see above)`);
    }
  } else {
    failed += 1;
    problems.push(`${label}: vitest did not report`);
  }
}

if (steps.has('types')) {
  if (run('type check', 'npx', ['tsc', '-p', '.'])) passed += 1;
  else {
    failed += 1;
    problems.push('type check failed');
  }
}

if (steps.has('unit')) vitest('tests on PGlite', 'vitest.config.ts', { TEST_DATABASE_URL: '' });

if (steps.has('pg')) {
  let url = process.env.TEST_DATABASE_URL;
  // Under the system temp dir, not the checkout: the postgres user must be able to reach it, and a
  // checkout may live in a private (0700) directory.
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-pg-'));
  fs.chmodSync(pgDir, 0o755);
  let started = false;
  try {
    if (!url) {
      console.log('\n=== starting a throwaway PostgreSQL 15 ===');
      url = await startPostgres(pgDir, 55500);
      started = true;
    }
    vitest('tests on PostgreSQL', 'vitest.config.ts', { TEST_DATABASE_URL: url }, ['server']);
  } catch (e) {
    failed += 1;
    problems.push(`PostgreSQL tests could not run: ${e.message} — install PostgreSQL 15 (initdb, pg_ctl on PATH) or set TEST_DATABASE_URL`);
  } finally {
    if (started) stopPostgres(pgDir);
    fs.rmSync(pgDir, { recursive: true, force: true });
  }
}

if (steps.has('e2e')) {
  if (!fs.existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    failed += 1;
    problems.push('browser journeys need Chromium: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)');
  } else if (!run('build the web app', 'node', ['scripts/ensure-web-build.mjs'])) {
    failed += 1;
    problems.push('web build failed');
  } else {
    vitest('browser journeys', 'vitest.e2e.config.ts', {});
  }
}

console.log('');
for (const p of problems) console.log(`! ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
