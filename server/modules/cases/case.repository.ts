/** SQL of the cases module that the use cases share (lists live in case-query.repository.ts). */
import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { CaseFileTable, PartyKind } from '../../platform/db/tables/cases.js';

type Q = Kysely<DB> | Transaction<DB>;

/** One case row, locked for the rest of the transaction (concurrent actions queue here). */
export function lockCase(tx: Transaction<DB>, id: number) {
  return tx.selectFrom('case_file').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** One case row, unlocked. */
export function findCase(db: Q, id: number) {
  return db.selectFrom('case_file').selectAll().where('id', '=', id).executeTakeFirst();
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

/** The organisation-node facts the workflow needs. */
export function findNodeBrief(db: Q, id: number) {
  return db.selectFrom('org_node').select(['id', 'parent_id', 'type', 'path', 'name_zh', 'name_en', 'active', 'tree']).where('id', '=', id).executeTakeFirst();
}
export type NodeBrief = NonNullable<Awaited<ReturnType<typeof findNodeBrief>>>;

/**
 * A node's brief from a short-lived per-process cache (intake looks up the same few grids and communities
 * over and over; paths never change and a retired grid is no longer located).
 */
const nodeCache = new WeakMap<object, Map<number, { at: number; node: NodeBrief }>>();
const NODE_TTL_MS = 30_000;
export async function cachedNode(db: Kysely<DB>, id: number): Promise<NodeBrief | undefined> {
  let m = nodeCache.get(db);
  if (!m) nodeCache.set(db, (m = new Map()));
  const hit = m.get(id);
  if (hit && Date.now() - hit.at < NODE_TTL_MS) return hit.node;
  const node = await findNodeBrief(db, id);
  if (node) m.set(id, { at: Date.now(), node });
  return node;
}

/** Several nodes by id. */
export function nodesBrief(db: Q, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as NodeBrief[]);
  return db.selectFrom('org_node').select(['id', 'parent_id', 'type', 'path', 'name_zh', 'name_en', 'active', 'tree']).where('id', 'in', [...new Set(ids)]).execute();
}

/** The active direct children of a node in the administrative and department trees (dispatch targets). */
export function childrenOf(db: Q, id: number) {
  return db
    .selectFrom('org_node')
    .select(['id', 'parent_id', 'type', 'path', 'name_zh', 'name_en', 'active', 'tree'])
    .where('parent_id', '=', id)
    .where('active', '=', true)
    .where('tree', 'in', ['admin', 'department'])
    .orderBy('type')
    .orderBy('code')
    .execute();
}

/** The ancestor of a node (by its path) that has the given type, if any. */
export function ancestorOfType(db: Q, path: string, type: string) {
  const ids = path.split('/').filter(Boolean).map(Number).filter(Number.isFinite);
  if (ids.length === 0) return Promise.resolve(undefined);
  return db
    .selectFrom('org_node')
    .select(['id', 'parent_id', 'type', 'path', 'name_zh', 'name_en', 'active', 'tree'])
    .where('id', 'in', ids)
    .where('type', '=', type as never)
    .executeTakeFirst();
}

export interface NewEvent {
  caseId: number;
  action: string;
  actorUserId: number | null;
  actorNodeId: number | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  fromNodeId?: number | null;
  toNodeId?: number | null;
  note?: string | null;
  data?: Record<string, unknown>;
  public?: boolean;
  at?: Date;
}

/** Appends one event to a case's timeline; returns its id. */
export async function insertEvent(db: Q, e: NewEvent): Promise<number> {
  const row = await db
    .insertInto('case_event')
    .values({
      case_id: e.caseId,
      action: e.action,
      actor_user_id: e.actorUserId,
      actor_node_id: e.actorNodeId,
      from_status: e.fromStatus ?? null,
      to_status: e.toStatus ?? null,
      from_node_id: e.fromNodeId ?? null,
      to_node_id: e.toNodeId ?? null,
      note: e.note ?? null,
      data: JSON.stringify(e.data ?? {}),
      public: e.public ?? false,
      ...(e.at && { at: e.at }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records that a node is involved in a case (idempotent). */
export async function addParty(db: Q, caseId: number, node: { id: number; path: string }, kind: PartyKind): Promise<void> {
  await db
    .insertInto('case_party')
    .values({ case_id: caseId, node_id: node.id, node_path: node.path, kind })
    .onConflict((oc) => oc.columns(['case_id', 'node_id', 'kind']).doNothing())
    .execute();
}

/** The users told of a case's public changes: its reporter and followers. */
export async function followerIds(db: Q, caseId: number): Promise<number[]> {
  const rows = await db.selectFrom('case_follower').select('user_id').where('case_id', '=', caseId).execute();
  return rows.map((r) => r.user_id);
}

/** Adds followers (idempotent; an existing reporter row stays a reporter row). */
export async function addFollowers(db: Q, caseId: number, userIds: number[], kind: 'reporter' | 'follower'): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('case_follower')
    .values([...new Set(userIds)].map((u) => ({ case_id: caseId, user_id: u, kind })))
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .execute();
}

/** The pending extension request of a case, if any. */
export function pendingExtension(db: Q, caseId: number) {
  return db.selectFrom('case_extension').selectAll().where('case_id', '=', caseId).where('status', '=', 'pending').executeTakeFirst();
}

/** Open cases of a category within a box around a point (the caller filters by exact distance). */
export function openCasesNear(db: Q, categoryId: number, lat: number, lng: number, dLat: number, dLng: number) {
  return db
    .selectFrom('case_file')
    .select(['id', 'status', 'description', 'address', 'lat', 'lng', 'reported_at', 'category_id'])
    .where('category_id', '=', categoryId)
    .where('status', 'not in', ['closed', 'rated', 'rejected', 'cancelled', 'merged'])
    .where('lat', '>=', lat - dLat)
    .where('lat', '<=', lat + dLat)
    .where('lng', '>=', lng - dLng)
    .where('lng', '<=', lng + dLng)
    .orderBy('reported_at', 'desc')
    .limit(50)
    .execute();
}

/** Links photos to a case. */
export async function addPhotos(db: Q, caseId: number, mediaIds: number[], role: 'report' | 'before' | 'after' | 'verify', eventId: number | null): Promise<void> {
  if (mediaIds.length === 0) return;
  await db
    .insertInto('case_photo')
    .values(mediaIds.map((m) => ({ case_id: caseId, media_id: m, role, event_id: eventId })))
    .execute();
}

/** Touches a case's updated_at (and anything else) — used after each action. */
export async function updateCase(db: Q, id: number, values: Updateable<CaseFileTable>): Promise<void> {
  await db
    .updateTable('case_file')
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}
