/** All SQL of the audit-log API (reads only; rows are written by server/platform/audit). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { escapeLike } from '../../platform/db/like.js';

/** Lists stop counting here: the total is then "at least this many". */
export const AUDIT_COUNT_CAP = 10_000;

export interface AuditFilter {
  /** Rows whose node lies under one of these paths are visible. */
  paths: string[];
  /** Rows without a node are visible too (audit.read on a root node). */
  includeNodeless: boolean;
  action?: string;
  actionPrefix?: string;
  entity?: string;
  entityId?: string;
  actorId?: number;
  from?: Date;
  /** Exclusive upper bound. */
  before?: Date;
  /** Inclusive upper bound. */
  until?: Date;
}

function filtered(db: Kysely<DB>, f: AuditFilter) {
  const inScope = sql<boolean>`a.node_id in (select n.id from org_node n where n.path like any(${sql.val(f.paths.map((p) => p + '%'))}::text[]))`;
  let q = db.selectFrom('audit_log as a').where((eb) => (f.includeNodeless ? eb.or([inScope, eb('a.node_id', 'is', null)]) : inScope));
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.actionPrefix) q = q.where(sql<boolean>`a.action like ${escapeLike(f.actionPrefix) + '%'}`);
  if (f.entity) q = q.where('a.entity', '=', f.entity);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.actorId !== undefined) q = q.where('a.actor_id', '=', f.actorId);
  if (f.from) q = q.where('a.at', '>=', f.from);
  if (f.before) q = q.where('a.at', '<', f.before);
  if (f.until) q = q.where('a.at', '<=', f.until);
  return q;
}

/** One page of audit rows, newest first, with actor and node names, and the count up to the cap. */
export async function listAudit(db: Kysely<DB>, f: AuditFilter, page: number, pageSize: number) {
  const offset = (page - 1) * pageSize;
  const [rows, count] = await Promise.all([
    offset >= AUDIT_COUNT_CAP
      ? Promise.resolve([])
      : filtered(db, f)
          .leftJoin('app_user as u', 'u.id', 'a.actor_id')
          .leftJoin('org_node as n', 'n.id', 'a.node_id')
          .select([
            'a.id',
            'a.at',
            'a.actor_id',
            'a.action',
            'a.entity',
            'a.entity_id',
            'a.node_id',
            'a.reason',
            'a.detail',
            'a.ip',
            'u.username',
            'u.display_name',
            'n.type as node_type',
            'n.code as node_code',
            'n.name_zh as node_name_zh',
            'n.name_en as node_name_en',
          ])
          .orderBy('a.at', 'desc')
          .orderBy('a.id', 'desc')
          .limit(pageSize)
          .offset(offset)
          .execute(),
    sql<{ n: number }>`select count(*)::int as n from (${filtered(db, f).select(sql`1`.as('one')).limit(AUDIT_COUNT_CAP + 1)}) s`.execute(db),
  ]);
  const n = count.rows[0]!.n;
  return { rows, total: Math.min(n, AUDIT_COUNT_CAP), capped: n > AUDIT_COUNT_CAP };
}
