/** Geo: grid polygons, point → grid, GeoJSON import, split and merge with history. See README.md. */
import fs from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Module } from '../index.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/index.js';
import { AppError } from '../../platform/http/errors.js';
import { geoRoutes } from './geo.routes.js';
import { importGrids, type ImportOptions, type ImportResult } from './geo-import.service.js';

export { GridIndex } from './grid-index.js';
export { rebuildGridIndex, gridIndexFor, CHECK_INTERVAL_MS } from './grid-freshness.js';
export { locate, type Located } from './geo.service.js';
export { importGrids, type ImportResult, type ImportOptions } from './geo-import.service.js';

export const geoModule: Module = { name: 'geo', routes: geoRoutes };

/**
 * Imports a GeoJSON file of grids (the CLI's `import-grids FILE`). `actor` null means the system
 * (every community, audited without a user). Throws AppError 422 GEOJSON_INVALID with the report.
 */
export async function importGridsFile(db: Kysely<DB>, filePath: string, actor: Actor | null, opts: ImportOptions & { maxBytes?: number } = {}): Promise<ImportResult> {
  let text: string;
  try {
    const stat = await fs.stat(filePath);
    if (opts.maxBytes && stat.size > opts.maxBytes) throw new AppError(413, 'BODY_TOO_LARGE', { limit: `${Math.round(opts.maxBytes / 1024)} KiB` });
    text = await fs.readFile(filePath, 'utf8');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(400, 'IMPORT_FILE_BROKEN', { reason: (e as Error).message });
  }
  return importGrids(db, actor, { text }, { ...opts, filename: opts.filename ?? filePath.split(/[\\/]/).pop() ?? null });
}
