/**
 * Process entry: `npm start`. Opens the database (PGlite in GONGZHI_DATA_DIR unless DATABASE_URL is set),
 * migrates, seeds the demo district into an empty embedded database, serves the API and the web app, runs
 * background jobs, and shuts down cleanly on SIGINT/SIGTERM. GONGZHI_ROLE=api|worker|all (default all)
 * chooses what this process does; every role listens for live events (LISTEN/NOTIFY).
 */
import { loadConfig } from './config.js';
import { openDatabase } from './platform/db/index.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { buildApp } from './app.js';
import { seedDemo, isEmptyDatabase, DEMO_USERS } from './modules/demo/index.js';
import { rebuildGridIndex } from './modules/geo/index.js';
import { consoleLog, startEventListener, stopEventListener } from './platform/events/index.js';
import { startJobWorker, type JobWorker } from './platform/jobs/index.js';

async function main() {
  const t0 = Date.now();
  const config = loadConfig();
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`[gongzhi] ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  let seeded = false;
  if (database.kind === 'pglite' && config.seedDemoOnEmpty && (await isEmptyDatabase(database.db))) {
    console.log('[gongzhi] empty embedded database: generating the demo district …');
    const summary = await seedDemo(database.db, { seed: config.demoSeed, password: config.demoPassword });
    console.log(`[gongzhi] demo district ready: ${JSON.stringify(summary)}`);
    seeded = true;
  }
  const app = config.role !== 'worker'
    ? await buildApp({ db: database.db, kind: database.kind, config, startedAt: new Date() }, { logger: { level: config.logLevel } })
    : null;
  const log = app?.log ?? consoleLog;
  await rebuildGridIndex(database.db);
  await startEventListener(database, { log });
  let worker: JobWorker | null = null;
  if (config.role !== 'api') {
    worker = startJobWorker(database.db, { concurrency: config.jobConcurrency, pollMs: config.jobPollMs, log });
  } else if (database.kind === 'pglite') {
    log.warn({}, 'GONGZHI_ROLE=api on the embedded database: no process runs background jobs');
  }
  if (!app) {
    console.log(`\n  Gongzhi 共治 job worker ${worker!.id} is running (database: ${database.kind}, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  } else {
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const url = `http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`;
    const hasDemo = seeded || (await app.ctx.db.selectFrom('app_user').select('id').where('username', '=', 'grid').executeTakeFirst());
    console.log(`\n  Gongzhi 共治 is running at ${url}  (database: ${database.kind}, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    console.log(`  API docs: ${url}/docs`);
    if (hasDemo) {
      console.log(`\n  Demo logins (password: ${config.demoPassword}${seeded ? '' : ', unless changed'}):`);
      for (const u of DEMO_USERS) console.log(`    ${u.username.padEnd(11)} ${u.roleZh} / ${u.roleEn}`);
    }
    console.log('');
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    try {
      await worker?.stop();
      await app?.close();
      await stopEventListener();
      await database.close();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  console.error('[gongzhi] failed to start:', e);
  process.exit(1);
});
