/** Which part of the organisation tree a people request covers. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Permission } from '../../../common/permissions.js';
import { authorize, scopePaths, type Actor } from '../../platform/authz/index.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { findNode } from '../org/index.js';

/**
 * The path prefixes a list covers: the caller's scope for the permission, or — when a node is named —
 * that node's subtree after checking it lies in the scope (outside: 404; inside but not allowed: 403).
 */
export async function listPaths(db: Kysely<DB>, actor: Actor, permission: Permission, nodeId?: number): Promise<string[]> {
  if (nodeId !== undefined) {
    const node = await findNode(db, nodeId);
    if (!node) throw notFound();
    authorize(actor, permission, node.path);
    return [node.path];
  }
  const paths = scopePaths(actor, permission);
  if (paths.length === 0) throw forbidden();
  return paths;
}

/** The parts of some subtrees where the caller also holds a second permission (path intersection). */
export function intersectPaths(paths: string[], others: string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    for (const o of others) {
      if (o.startsWith(p)) out.add(o);
      else if (p.startsWith(o)) out.add(p);
    }
  }
  return [...out].sort();
}

/** The node id a path ends with (party segments are "p<id>"). */
export function pathNodeId(path: string): number | null {
  const last = path.split('/').filter(Boolean).pop();
  const n = last ? Number(last.replace(/^p/, '')) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

/** The reveal scope within some paths, for a filter by a sensitive tag; 403 when there is none. */
export function revealPathsWithin(actor: Actor, paths: string[]): string[] {
  const within = intersectPaths(paths, scopePaths(actor, 'personal.reveal'));
  if (within.length === 0) throw new AppError(403, 'SENSITIVE_TAG_FORBIDDEN');
  return within;
}
