/**
 * Keeping the grid index current, one index per database handle.
 *
 * Every grid change bumps `setting['geo.grid_version']` in its own transaction. The process that makes a
 * change holds its lookups while the change is in flight and rebuilds before answering, so it never uses a
 * stale index after its own change. Other processes on the same database read the version at most every
 * CHECK_INTERVAL_MS (on the first lookup after the interval) and rebuild when it moved, so they lag by at
 * most that interval. Polling works the same on PGlite and PostgreSQL, which LISTEN/NOTIFY through the
 * pg.Pool bridge does not, and needs no dedicated connection.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { GridIndex } from './grid-index.js';
import * as repo from './geo.repository.js';

export const CHECK_INTERVAL_MS = 2000;

interface IndexState {
  index: GridIndex | null;
  version: number;
  checkedAt: number;
  /** Serialises rebuilds. */
  chain: Promise<unknown>;
  checking: Promise<void> | null;
  /** Grid changes of this process in flight; lookups wait for them. */
  holds: number;
  released: Promise<void> | null;
  release: (() => void) | null;
}

const states = new WeakMap<Kysely<DB>, IndexState>();
let defaultDb: Kysely<DB> | null = null;

function stateOf(db: Kysely<DB>): IndexState {
  let s = states.get(db);
  if (!s) {
    s = { index: null, version: -1, checkedAt: 0, chain: Promise.resolve(), checking: null, holds: 0, released: null, release: null };
    states.set(db, s);
  }
  return s;
}

/** Reloads the active grids and swaps the index in (serialised per database). */
function rebuild(db: Kysely<DB>): Promise<{ grids: number; version: number }> {
  const s = stateOf(db);
  const run = s.chain.then(async () => {
    // Version first: a change landing between the two reads makes the next check rebuild again.
    const version = await repo.readGridVersion(db);
    const shapes = await repo.loadIndexGrids(db);
    s.index = new GridIndex(shapes);
    s.version = version;
    s.checkedAt = Date.now();
    return { grids: s.index.size, version };
  });
  s.chain = run.catch(() => {});
  return run;
}

/** The database `locate` uses when none is passed (the app's; set at start-up and when routes register). */
export function setDefaultGridDb(db: Kysely<DB>): void {
  defaultDb = db;
}

/** The default database, or an error when the index was never initialised. */
export function defaultGridDb(): Kysely<DB> {
  if (!defaultDb) throw new Error('grid index not initialised: call rebuildGridIndex(db) first');
  return defaultDb;
}

/** Builds (or rebuilds) the grid index of a database now; makes it the default database. */
export async function rebuildGridIndex(db: Kysely<DB>): Promise<{ grids: number; version: number }> {
  setDefaultGridDb(db);
  return rebuild(db);
}

/** A current index: waits for this process's grid changes, and re-checks the shared version when due. */
export async function gridIndexFor(db: Kysely<DB>): Promise<GridIndex> {
  const s = stateOf(db);
  while (s.released) await s.released;
  if (!s.index) await rebuild(db);
  else if (Date.now() - s.checkedAt > CHECK_INTERVAL_MS) {
    s.checking ??= (async () => {
      try {
        const v = await repo.readGridVersion(db);
        if (v !== s.version) await rebuild(db);
        else s.checkedAt = Date.now();
      } finally {
        s.checking = null;
      }
    })();
    await s.checking;
  }
  return s.index!;
}

/** Forces a rebuild now (e.g. when the index points at a grid that no longer exists). */
export function refreshGridIndex(db: Kysely<DB>): Promise<{ grids: number; version: number }> {
  return rebuild(db);
}

/**
 * Runs a grid change (which must bump the grid version in its transaction). Lookups in this process wait
 * until it has finished and, when it succeeded, until the index has been rebuilt.
 */
export async function withGridChange<T>(db: Kysely<DB>, change: () => Promise<T>): Promise<T> {
  const s = stateOf(db);
  if (s.holds++ === 0) s.released = new Promise<void>((resolve) => (s.release = resolve));
  try {
    const result = await change();
    // The change is committed: a failed rebuild must not fail it; the next lookup rebuilds instead.
    await rebuild(db).catch(() => {
      s.index = null;
    });
    return result;
  } finally {
    if (--s.holds === 0) {
      s.released = null;
      s.release?.();
      s.release = null;
    }
  }
}
