/** Typed configuration from the environment. No DATABASE_URL → the embedded PGlite database. */
import path from 'node:path';

export interface Config {
  host: string;
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  uploadDir: string;
  demoPassword: string;
  sessionHours: number;
  secureCookies: boolean;
  logLevel: string;
  bodyLimitBytes: number;
  importLimitBytes: number;
  mapTileUrl: string | null;
  seedDemoOnEmpty: boolean;
  demoSeed: number;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
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
    demoPassword: env.GONGZHI_DEMO_PASSWORD || 'gongzhi-demo',
    sessionHours: int(env.GONGZHI_SESSION_HOURS, 12, 'GONGZHI_SESSION_HOURS'),
    secureCookies: env.GONGZHI_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimitBytes: int(env.GONGZHI_BODY_LIMIT, 1024 * 1024, 'GONGZHI_BODY_LIMIT'),
    importLimitBytes: int(env.GONGZHI_IMPORT_LIMIT, 20 * 1024 * 1024, 'GONGZHI_IMPORT_LIMIT'),
    mapTileUrl: env.GONGZHI_TILE_URL || null,
    seedDemoOnEmpty: env.GONGZHI_SEED_DEMO !== 'false',
    demoSeed: int(env.GONGZHI_DEMO_SEED, 20261121, 'GONGZHI_DEMO_SEED'),
  };
}
