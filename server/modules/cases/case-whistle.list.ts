/** Lists of whistles: those summoning the caller's departments, blown by the caller's units, or awaiting approval. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/index.js';
import { ROLE_PERMISSIONS, type Permission } from '../../../common/permissions.js';
import type { whistleListQuery } from '../../../common/contracts/cases.js';

const nodesWith = (actor: Actor, perm: Permission) => [...new Set(actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(perm)).map((g) => g.nodeId))];

/** A page of whistles for the caller's view, newest first. */
export async function listWhistles(db: Kysely<DB>, actor: Actor, q: z.infer<typeof whistleListQuery>) {
  const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  let base = db.selectFrom('case_whistle as w').innerJoin('case_file as c', 'c.id', 'w.case_id').innerJoin('case_category as k', 'k.id', 'c.category_id').innerJoin('org_node as n', 'n.id', 'w.node_id');
  if (q.view === 'summoned') {
    const ids = nodesWith(actor, 'case.handle');
    if (ids.length === 0) return empty;
    base = base.where((eb) => eb.exists(eb.selectFrom('case_whistle_summons as s').select('s.id').whereRef('s.whistle_id', '=', 'w.id').where('s.department_id', 'in', ids)));
  } else {
    const ids = nodesWith(actor, q.view === 'blown' ? 'case.whistle' : 'case.whistle.approve');
    if (ids.length === 0) return empty;
    base = base.where('w.node_id', 'in', ids);
    if (q.view === 'approval') base = base.where('w.status', '=', 'pending_approval');
  }
  if (q.status) base = base.where('w.status', '=', q.status);
  const [rows, count] = await Promise.all([
    base
      .select(['w.id', 'w.case_id', 'w.kind', 'w.status', 'w.reason', 'w.created_at', 'w.closed_at', 'c.description', 'k.name_zh as category_zh', 'k.name_en as category_en', 'n.name_zh as node_zh', 'n.name_en as node_en'])
      .orderBy('w.created_at', 'desc')
      .orderBy('w.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      kind: r.kind,
      status: r.status,
      reason: r.reason,
      createdAt: r.created_at,
      closedAt: r.closed_at,
      description: r.description.length > 100 ? r.description.slice(0, 100) + '…' : r.description,
      category: { nameZh: r.category_zh, nameEn: r.category_en },
      node: { nameZh: r.node_zh, nameEn: r.node_en },
    })),
    total: Number(count.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}
