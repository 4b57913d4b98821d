/** Typed configuration from the environment. No DATABASE_URL → the embedded PGlite database. */
import path from 'node:path';

export interface Config {
  host: string;
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  uploadDir: string;
  /** Photos (media module): originals, display copies and thumbnails. */
  mediaDir: string;
  demoPassword: string;
  sessionHours: number;
  secureCookies: boolean;
  logLevel: string;
  bodyLimitBytes: number;
  importLimitBytes: number;
  mapTileUrl: string | null;
  seedDemoOnEmpty: boolean;
  demoSeed: number;
  /** What this process does: serve the API (`api`), run background jobs (`worker`), or both (`all`). */
  role: 'api' | 'worker' | 'all';
  /** Background jobs run at the same time in this process. */
  jobConcurrency: number;
  /** Longest wait between two looks at the job queue (a NOTIFY wakes the worker sooner). */
  jobPollMs: number;
  /** Live event streams (SSE): heartbeat interval; the session is re-checked at each beat. */
  sseHeartbeatMs: number;
  /** Outbound webhooks: time limit of one HTTP attempt, and attempts before a delivery is dead. */
  webhookTimeoutMs: number;
  webhookMaxAttempts: number;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function processRole(value: string | undefined): Config['role'] {
  if (value === undefined || value === '') return 'all';
  if (value === 'api' || value === 'worker' || value === 'all') return value;
  throw new Error(`GONGZHI_ROLE must be api, worker or all, got "${value}"`);
}

/** Reads the configuration; throws with the variable's name on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.GONGZHI_DATA_DIR || './data');
  return {
    host: env.HOST || '127.0.0.1',
    port: int(env.PORT, 3000, 'PORT'),
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    uploadDir: path.resolve(env.GONGZHI_UPLOAD_DIR || path.join(dataDir, 'uploads')),
    mediaDir: path.resolve(env.GONGZHI_MEDIA_DIR || path.join(dataDir, 'media')),
    demoPassword: env.GONGZHI_DEMO_PASSWORD || 'gongzhi-demo',
    sessionHours: int(env.GONGZHI_SESSION_HOURS, 12, 'GONGZHI_SESSION_HOURS'),
    secureCookies: env.GONGZHI_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimitBytes: int(env.GONGZHI_BODY_LIMIT, 1024 * 1024, 'GONGZHI_BODY_LIMIT'),
    importLimitBytes: int(env.GONGZHI_IMPORT_LIMIT, 20 * 1024 * 1024, 'GONGZHI_IMPORT_LIMIT'),
    mapTileUrl: env.GONGZHI_TILE_URL || null,
    seedDemoOnEmpty: env.GONGZHI_SEED_DEMO !== 'false',
    demoSeed: int(env.GONGZHI_DEMO_SEED, 20261121, 'GONGZHI_DEMO_SEED'),
    role: processRole(env.GONGZHI_ROLE),
    jobConcurrency: Math.max(1, int(env.GONGZHI_JOB_CONCURRENCY, 4, 'GONGZHI_JOB_CONCURRENCY')),
    jobPollMs: Math.max(100, int(env.GONGZHI_JOB_POLL_MS, 2000, 'GONGZHI_JOB_POLL_MS')),
    sseHeartbeatMs: Math.max(1000, int(env.GONGZHI_SSE_HEARTBEAT_MS, 25_000, 'GONGZHI_SSE_HEARTBEAT_MS')),
    webhookTimeoutMs: Math.max(1000, int(env.GONGZHI_WEBHOOK_TIMEOUT_MS, 10_000, 'GONGZHI_WEBHOOK_TIMEOUT_MS')),
    webhookMaxAttempts: Math.min(30, Math.max(1, int(env.GONGZHI_WEBHOOK_MAX_ATTEMPTS, 8, 'GONGZHI_WEBHOOK_MAX_ATTEMPTS'))),
  };
}
