/** Use case of the audit-log API: rows in the caller's audit.read scope, newest first. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { authorize, scopePaths, type Actor } from '../../platform/authz/index.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { ROLE_PERMISSIONS } from '../../../common/permissions.js';
import type { AuditListQuery } from '../../../common/contracts/audit.js';
import { findNode } from '../org/index.js';
import * as repo from './audit.repository.js';

const CHINA_OFFSET = '+08:00';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a day in China time, or the instant itself. */
function startOf(moment: string): Date {
  return DAY.test(moment) ? new Date(`${moment}T00:00:00${CHINA_OFFSET}`) : new Date(moment);
}

/** True when the actor holds audit.read on a node without a parent: such a reader also sees rows without a node. */
function readsRoot(actor: Actor): boolean {
  return actor.grants.some((g) => ROLE_PERMISSIONS[g.role].includes('audit.read') && g.nodePath.split('/').filter(Boolean).length === 1);
}

/**
 * Audit rows whose node lies in the caller's audit.read scope (rows without a node only for readers of a
 * root node), optionally narrowed to one node's subtree, filtered and paged, newest first.
 */
export async function listAudit(db: Kysely<DB>, actor: Actor, q: AuditListQuery) {
  let paths: string[];
  let includeNodeless = false;
  if (q.nodeId !== undefined) {
    const node = await findNode(db, q.nodeId);
    if (!node) throw notFound();
    authorize(actor, 'audit.read', node.path);
    paths = [node.path];
  } else {
    paths = scopePaths(actor, 'audit.read');
    if (paths.length === 0) throw forbidden();
    includeNodeless = readsRoot(actor);
  }
  const prefix = q.action?.endsWith('*') ? q.action.slice(0, -1) : undefined;
  const filter: repo.AuditFilter = {
    paths,
    includeNodeless,
    action: prefix === undefined ? q.action : undefined,
    actionPrefix: prefix,
    entity: q.entity,
    entityId: q.entityId,
    actorId: q.actorId,
    from: q.from ? startOf(q.from) : undefined,
  };
  if (q.to && DAY.test(q.to)) filter.before = new Date(startOf(q.to).getTime() + 86_400_000);
  else if (q.to) filter.until = new Date(q.to);
  const { rows, total, capped } = await repo.listAudit(db, filter, q.page, q.pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor_id === null ? null : { id: r.actor_id, username: r.username, displayName: r.display_name },
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      node: r.node_id === null ? null : { id: r.node_id, type: r.node_type, code: r.node_code, nameZh: r.node_name_zh, nameEn: r.node_name_en },
      reason: r.reason,
      detail: r.detail,
      ip: r.ip,
    })),
    total,
    totalCapped: capped,
    page: q.page,
    pageSize: q.pageSize,
  };
}
