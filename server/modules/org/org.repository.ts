/** All SQL of the organisation module. */
import type { Kysely, Transaction } from 'kysely';
import type { DB, NodeType, GeoJsonGeometry } from '../../platform/db/schema.js';
import { nodeLevel, nodePath, TYPE_RULES } from '../../../common/org-rules.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findNode = (db: Q, id: number) => db.selectFrom('org_node').selectAll().where('id', '=', id).executeTakeFirst();

export interface NewNode {
  parentId: number | null;
  type: NodeType;
  code: string;
  nameZh: string;
  nameEn: string;
  adminNodeId?: number | null;
  geometry?: GeoJsonGeometry | null;
  bbox?: number[] | null;
  attrs?: Record<string, unknown>;
  sort?: number;
}

/** Inserts a node whose parent and linked node have been checked; computes its id, path and level. */
export async function insertNode(db: Q, n: NewNode, parent: { path: string; level: number } | null, link: { path: string; level: number } | null) {
  const { id } = await db
    .selectNoFrom((eb) => eb.fn<number>('nextval', [eb.val('org_node_id_seq')]).as('id'))
    .executeTakeFirstOrThrow();
  const rule = TYPE_RULES[n.type];
  const anchor = rule.tree === 'party' ? link : parent;
  const row = await db
    .insertInto('org_node')
    .values({
      id: Number(id),
      parent_id: n.parentId,
      tree: rule.tree,
      type: n.type,
      level: nodeLevel(n.type, anchor?.level ?? null),
      code: n.code,
      name_zh: n.nameZh,
      name_en: n.nameEn,
      path: nodePath(n.type, Number(id), parent?.path ?? null, link?.path ?? null),
      admin_node_id: n.adminNodeId ?? null,
      geometry: n.geometry ? JSON.stringify(n.geometry) : null,
      bbox: n.bbox ?? null,
      attrs: JSON.stringify(n.attrs ?? {}),
      sort: n.sort ?? 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}
