/** Use cases of the organisation module: the administrative, department and party trees. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, NodeType, OrgNode } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { abilitiesOn, authorize, can, scopePaths, type Actor } from '../../platform/authz/index.js';
import { isSensitiveTag } from '../../../common/key-populations.js';
import { TYPE_RULES } from '../../../common/org-rules.js';
import { isUniqueViolation } from '../../platform/db/index.js';
import * as repo from './org.repository.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Checks the tree rules and inserts a node (no authorization: callers authorize). */
export async function createNodeUnchecked(db: Q, n: repo.NewNode): Promise<OrgNode> {
  const rule = TYPE_RULES[n.type];
  const parent = n.parentId ? await repo.findNode(db, n.parentId) : null;
  if (n.parentId && !parent) throw notFound();
  if (!rule.parents.includes((parent?.type as never) ?? null)) {
    throw new AppError(400, 'NODE_PARENT_TYPE', { type: n.type, parentType: parent?.type ?? '-' });
  }
  let link: OrgNode | null | undefined = null;
  if (rule.tree === 'party') {
    link = n.adminNodeId ? await repo.findNode(db, n.adminNodeId) : undefined;
    if (!link || !rule.links!.includes(link.type as never)) {
      throw new AppError(400, 'NODE_PARENT_TYPE', { type: n.type, parentType: link?.type ?? '-' });
    }
  }
  try {
    return await repo.insertNode(db, { ...n, adminNodeId: rule.tree === 'party' ? n.adminNodeId : null }, parent ?? null, link);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'NODE_CODE_TAKEN', { code: n.code });
    throw e;
  }
}

/** The path against which a new node is authorized: its parent's, or for party nodes the linked node's. */
async function anchorPath(db: Q, n: { type: NodeType; parentId: number | null; adminNodeId?: number | null }) {
  const anchorId = TYPE_RULES[n.type].tree === 'party' ? n.adminNodeId : n.parentId;
  if (!anchorId) return null;
  return (await repo.findNode(db, anchorId))?.path ?? null;
}

/** Creates a node under one the actor manages. Root nodes need org.manage on an existing root. */
export async function createNode(db: Kysely<DB>, actor: Actor, n: repo.NewNode, ctx: AuditContext) {
  const path = await anchorPath(db, n);
  if (path) authorize(actor, 'org.manage', path);
  else if (!actor.grants.some((g) => g.role === 'admin' && g.nodePath.split('/').length === 3)) throw notFound();
  return db.transaction().execute(async (tx) => {
    const node = await createNodeUnchecked(tx, n);
    await audit(tx, ctx, { action: 'org.node_create', entity: 'org_node', entityId: node.id, nodeId: node.id, detail: { type: n.type, code: n.code } });
    return node;
  });
}

/** Renames, recodes or re-sorts a node. */
export async function updateNode(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: { code?: string; nameZh?: string; nameEn?: string; sort?: number; attrs?: Record<string, unknown> },
  ctx: AuditContext,
) {
  const node = await repo.findNode(db, id);
  if (!node) throw notFound();
  authorize(actor, 'org.manage', node.path);
  try {
    return await db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('org_node')
        .set({
          ...(input.code !== undefined && { code: input.code }),
          ...(input.nameZh !== undefined && { name_zh: input.nameZh }),
          ...(input.nameEn !== undefined && { name_en: input.nameEn }),
          ...(input.sort !== undefined && { sort: input.sort }),
          ...(input.attrs !== undefined && { attrs: JSON.stringify({ ...(node.attrs as object), ...input.attrs }) }),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(tx, ctx, { action: 'org.node_update', entity: 'org_node', entityId: id, nodeId: id, detail: input });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'NODE_CODE_TAKEN', { code: input.code ?? '' });
    throw e;
  }
}

/** Deletes a node that nothing refers to (no children, grants, buildings, households or history). */
export async function deleteNode(db: Kysely<DB>, actor: Actor, id: number, ctx: AuditContext) {
  const node = await repo.findNode(db, id);
  if (!node) throw notFound();
  authorize(actor, 'org.manage', node.path);
  const child = await db.selectFrom('org_node').select('id').where((eb) => eb.or([eb('parent_id', '=', id), eb('admin_node_id', '=', id)])).limit(1).executeTakeFirst();
  if (child) throw new AppError(409, 'NODE_HAS_CHILDREN');
  try {
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('org_node').where('id', '=', id).execute();
      await audit(tx, ctx, { action: 'org.node_delete', entity: 'org_node', entityId: id, detail: { code: node.code, type: node.type } });
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23503') throw new AppError(409, 'NODE_HAS_CHILDREN');
    throw e;
  }
}

/** The nodes of one tree visible to the actor (no geometry), for the tree view and pickers. */
export async function listTree(db: Kysely<DB>, actor: Actor, tree: 'admin' | 'department' | 'party', includeRetired: boolean) {
  const paths = scopePaths(actor, 'org.read');
  if (paths.length === 0) return [];
  // Ancestors of the actor's grant nodes are shown too (names only) so the tree has its context.
  const ancestorIds = [...new Set(paths.flatMap((p) => p.split('/').filter((s) => /^\d+$/.test(s)).map(Number)))];
  let q = db
    .selectFrom('org_node')
    .select(['id', 'parent_id', 'type', 'level', 'code', 'name_zh', 'name_en', 'admin_node_id', 'active', 'sort', 'path'])
    .where('tree', '=', tree)
    .where((eb) => eb.or([sql<boolean>`path like any(${sql.val(paths.map((p) => p + '%'))}::text[])`, eb('id', 'in', ancestorIds)]));
  if (!includeRetired) q = q.where('active', '=', true);
  const rows = await q.orderBy('level', 'desc').orderBy('sort').orderBy('code').execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    type: r.type,
    level: r.level,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    adminNodeId: r.admin_node_id,
    active: r.active,
    inScope: paths.some((p) => r.path.startsWith(p)),
  }));
}

/** One node with its figures, children, party organisations and the staff granted on it. */
export async function getNode(db: Kysely<DB>, actor: Actor, id: number) {
  const node = await repo.findNode(db, id);
  if (!node) throw notFound();
  authorize(actor, 'org.read', node.path);
  const like = node.path + '%';
  const [children, figures, staff, party, ancestors] = await Promise.all([
    db.selectFrom('org_node').select(['id', 'type', 'code', 'name_zh', 'name_en', 'active']).where('parent_id', '=', id).orderBy('sort').orderBy('code').execute(),
    nodeFigures(db, like),
    db
      .selectFrom('role_grant as g')
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .select(['u.id', 'u.display_name', 'g.role'])
      .where('g.node_id', '=', id)
      .where('u.disabled', '=', false)
      .orderBy('g.role')
      .execute(),
    db.selectFrom('org_node').select(['id', 'type', 'code', 'name_zh', 'name_en']).where('admin_node_id', '=', id).orderBy('level', 'desc').orderBy('code').limit(200).execute(),
    db
      .selectFrom('org_node')
      .select(['id', 'type', 'name_zh', 'name_en'])
      .where('id', 'in', node.path.split('/').filter((s) => /^\d+$/.test(s)).map(Number))
      .orderBy('level', 'desc')
      .execute(),
  ]);
  return {
    id: node.id,
    parentId: node.parent_id,
    tree: node.tree,
    type: node.type,
    level: node.level,
    code: node.code,
    nameZh: node.name_zh,
    nameEn: node.name_en,
    adminNodeId: node.admin_node_id,
    active: node.active,
    retiredAt: node.retired_at,
    attrs: node.attrs,
    geometry: node.geometry,
    bbox: node.bbox,
    ancestors: ancestors.filter((a) => a.id !== id).map((a) => ({ id: a.id, type: a.type, nameZh: a.name_zh, nameEn: a.name_en })),
    children: children.map((c) => ({ id: c.id, type: c.type, code: c.code, nameZh: c.name_zh, nameEn: c.name_en, active: c.active })),
    party: party.map((p) => ({ id: p.id, type: p.type, code: p.code, nameZh: p.name_zh, nameEn: p.name_en })),
    staff: staff.map((s) => ({ userId: s.id, displayName: s.display_name, role: s.role })),
    // Counts of sensitive tags (disability, low income, …) only for those who may see personal data here.
    figures: can(actor, 'personal.reveal', node.path)
      ? figures
      : { ...figures, keyPopulations: Object.fromEntries(Object.entries(figures.keyPopulations).filter(([tag]) => !isSensitiveTag(tag))) },
    abilities: abilitiesOn(actor, node.path),
  };
}

/** Counts under a path: grids, buildings, households, residents, key populations, party members. */
export async function nodeFigures(db: Q, pathLike: string) {
  const r = await sql<{
    grids: number;
    buildings: number;
    households: number;
    residents: number;
    party_members: number;
  }>`
    with g as (select id from org_node where type = 'grid' and active and path like ${pathLike})
    select
      (select count(*) from g)::int as grids,
      (select count(*) from building where grid_id in (select id from g))::int as buildings,
      (select count(*) from household where grid_id in (select id from g))::int as households,
      (select count(*) from resident where grid_id in (select id from g))::int as residents,
      (select count(*) from resident where is_party_member and grid_id in (select id from g))::int as party_members`.execute(db);
  const tags = await sql<{ tag: string; n: number }>`
    select t.tag, count(*)::int as n
    from resident r, unnest(r.tags) as t(tag)
    where r.grid_id in (select id from org_node where type = 'grid' and active and path like ${pathLike})
    group by t.tag order by t.tag`.execute(db);
  const f = r.rows[0]!;
  return {
    grids: f.grids,
    buildings: f.buildings,
    households: f.households,
    residents: f.residents,
    partyMembers: f.party_members,
    keyPopulations: Object.fromEntries(tags.rows.map((t) => [t.tag, t.n])),
  };
}
