/**
 * Who may see a case and who may act on it.
 * - See: staff holding `case.read` over the case's grid or over any node involved (holder, owner,
 *   handler, copied, escalated, whistled department); the reporter and followers (their own view).
 * - Act: staff act *for a node* — a grant on exactly that node (a street operator does not sign for a
 *   grid worker). Centres act with `case.dispatch`, grids and departments with `case.handle`.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { can, scopePaths, type Actor } from '../../platform/authz/index.js';
import { ROLE_PERMISSIONS, type Permission } from '../../../common/permissions.js';
import { nodeKind, RULES, type CaseAction, type Who } from './case-workflow.js';

/** True when one of the actor's grants is on exactly this node and carries the permission. */
export function actsFor(actor: Actor | null, nodeId: number, perm: Permission): boolean {
  return !!actor && actor.grants.some((g) => g.nodeId === nodeId && ROLE_PERMISSIONS[g.role].includes(perm));
}

/** The permission needed to act for a node holding a case. */
export function holderPermission(nodeType: string): Permission {
  return nodeKind(nodeType) === 'centre' ? 'case.dispatch' : 'case.handle';
}

export interface CaseAccessFacts {
  gridPath: string;
  holderNodeId: number;
  holderType: string;
  ownerNodeId: number;
  reporterUserId: number | null;
  /** Paths of every node involved (case_party). */
  partyPaths: string[];
  isFollower: boolean;
}

/** How the actor relates to a case: 'staff' (case.read in scope), 'reporter', 'follower' or none. */
export function accessOf(actor: Actor | null, c: CaseAccessFacts): 'staff' | 'reporter' | 'follower' | null {
  if (!actor) return null;
  if (can(actor, 'case.read', c.gridPath) || c.partyPaths.some((p) => can(actor, 'case.read', p))) return 'staff';
  if (c.reporterUserId === actor.userId) return 'reporter';
  if (c.isFollower) return 'follower';
  return null;
}

/** True when the actor may take the action as far as *who* is concerned (status is checked elsewhere). */
export function mayAct(actor: Actor | null, who: Who, c: CaseAccessFacts): boolean {
  if (!actor) return false;
  switch (who) {
    case 'holder':
      return actsFor(actor, c.holderNodeId, holderPermission(c.holderType));
    case 'holder-centre':
      return nodeKind(c.holderType) === 'centre' && actsFor(actor, c.holderNodeId, 'case.dispatch');
    case 'owner':
      return actsFor(actor, c.ownerNodeId, 'case.dispatch');
    case 'reporter':
      return c.reporterUserId === actor.userId;
  }
}

/** Whether the actor is the right person for an action (status aside). */
export function mayTake(actor: Actor | null, action: CaseAction, c: CaseAccessFacts): boolean {
  return mayAct(actor, RULES[action].who, c);
}

/**
 * The SQL condition "the actor may see this case as staff" over `case_file as c`: the grid under a scope
 * path, or some involved node under one.
 */
export function staffVisibility(actor: Actor): Expression<SqlBool> | null {
  const paths = scopePaths(actor, 'case.read');
  if (paths.length === 0) return null;
  const likes = sql.val(paths.map((p) => p + '%'));
  return sql<SqlBool>`(c.grid_path like any(${likes}::text[]) or exists (select 1 from case_party cp where cp.case_id = c.id and cp.node_path like any(${likes}::text[])))`;
}
