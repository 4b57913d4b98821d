/**
 * The category tree, cached per database handle. Every change bumps `setting['categories.version']` in its
 * transaction and drops this process's copy once committed; other processes on the same database re-read
 * the version at most every CHECK_INTERVAL_MS and reload when it moved (the same scheme as
 * server/modules/geo/grid-freshness.ts, which works alike on PGlite and PostgreSQL). Inside a transaction
 * the tree is read afresh, so a caller's own uncommitted changes are seen.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { CategoryTree } from './categories.tree.js';
import * as repo from './categories.repository.js';

export const CHECK_INTERVAL_MS = 2000;

interface CacheState {
  tree: CategoryTree | null;
  checkedAt: number;
  /** Bumped on every local invalidation: a load that started before it does not install its result. */
  generation: number;
  loading: Promise<CategoryTree> | null;
}

const states = new WeakMap<Kysely<DB>, CacheState>();

function stateOf(db: Kysely<DB>): CacheState {
  let s = states.get(db);
  if (!s) states.set(db, (s = { tree: null, checkedAt: 0, generation: 0, loading: null }));
  return s;
}

/** Reads the version, then the rows (a change landing between the two makes the next check reload). */
async function load(db: Kysely<DB> | Transaction<DB>): Promise<CategoryTree> {
  const version = await repo.readVersion(db);
  return new CategoryTree(await repo.loadAll(db), version);
}

/** A current category tree of the database (or of the transaction, read afresh). */
export async function categoryTree(db: Kysely<DB> | Transaction<DB>): Promise<CategoryTree> {
  if (db.isTransaction) return load(db);
  const s = stateOf(db);
  if (s.tree && Date.now() - s.checkedAt <= CHECK_INTERVAL_MS) return s.tree;
  if (s.tree) {
    const version = await repo.readVersion(db);
    if (version === s.tree.version) {
      s.checkedAt = Date.now();
      return s.tree;
    }
  }
  if (!s.loading) {
    const generation = s.generation;
    const loading = load(db);
    s.loading = loading;
    loading.then(
      (tree) => {
        if (s.generation === generation) {
          s.tree = tree;
          s.checkedAt = Date.now();
        }
      },
      () => {},
    ).finally(() => {
      if (s.loading === loading) s.loading = null;
    });
  }
  return s.loading;
}

/** Drops this process's copy after a committed change (the next read reloads). */
export function invalidateCategoryTree(db: Kysely<DB>): void {
  const s = stateOf(db);
  s.generation++;
  s.tree = null;
  s.loading = null;
}
