/**
 * Authorization: one check, `can(actor, permission, nodePath)`, scoped to the organisation tree.
 * A grant of a role on a node gives the role's permissions on that node and on everything whose path
 * starts with the node's path. Outside every grant a thing does not exist for the caller (404); inside
 * the scope but without the permission it is forbidden (403).
 */
import type { FastifyRequest } from 'fastify';
import { ROLE_PERMISSIONS, type Permission, type Role } from '../../../common/permissions.js';
import type { Locale } from '../../../common/i18n/errors.js';
import { AppError, forbidden, notFound } from '../http/errors.js';

export interface Grant {
  id: number;
  role: Role;
  nodeId: number;
  nodePath: string;
  nodeType: string;
  nodeNameZh: string;
  nodeNameEn: string;
}

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  locale: Locale;
  residentId: number | null;
  mustChangePassword: boolean;
  grants: Grant[];
  sessionId: string;
  csrfToken: string;
}

/** True when one of the actor's grants carries the permission on a node at or above this path. */
export function can(actor: Actor | null, permission: Permission, nodePath: string): boolean {
  if (!actor) return false;
  return actor.grants.some((g) => nodePath.startsWith(g.nodePath) && ROLE_PERMISSIONS[g.role].includes(permission));
}

/** True when the node is inside any of the actor's grants, whatever the permission. */
export function inScope(actor: Actor | null, nodePath: string): boolean {
  return !!actor && actor.grants.some((g) => nodePath.startsWith(g.nodePath));
}

/** The smallest set of paths under which the actor holds the permission (for SQL filters). */
export function scopePaths(actor: Actor | null, permission: Permission): string[] {
  if (!actor) return [];
  const paths = actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission)).map((g) => g.nodePath);
  return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && p.startsWith(q))).sort();
}

/** True when the actor holds the permission anywhere. */
export function holds(actor: Actor | null, permission: Permission): boolean {
  return scopePaths(actor, permission).length > 0;
}

/** Throws 404 when the node is outside the actor's scope and 403 when inside it but not permitted. */
export function authorize(actor: Actor | null, permission: Permission, nodePath: string): void {
  if (can(actor, permission, nodePath)) return;
  if (inScope(actor, nodePath)) throw forbidden();
  throw notFound();
}

/** The signed-in actor, or 401. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError(401, 'AUTH_REQUIRED');
  return req.actor;
}

/** The signed-in actor holding the permission somewhere, or 401/403. */
export function requirePermission(req: FastifyRequest, permission: Permission): Actor {
  const actor = requireActor(req);
  if (!holds(actor, permission)) throw forbidden();
  return actor;
}

/** All permissions the actor holds on a node: sent with resources so the UI shows only what is allowed. */
export function abilitiesOn(actor: Actor | null, nodePath: string): Permission[] {
  if (!actor) return [];
  const out = new Set<Permission>();
  for (const g of actor.grants) if (nodePath.startsWith(g.nodePath)) ROLE_PERMISSIONS[g.role].forEach((p) => out.add(p));
  return [...out].sort();
}
