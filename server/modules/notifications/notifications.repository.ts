/** All SQL of in-app notifications. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface NewNotification {
  user_id: number;
  kind: string;
  link: string | null;
  entity: string | null;
  entity_id: string | null;
  title_zh: string;
  body_zh: string;
  title_en: string;
  body_en: string;
}

const COLUMNS = ['id', 'user_id', 'kind', 'link', 'entity', 'entity_id', 'title_zh', 'body_zh', 'title_en', 'body_en', 'read_at', 'created_at'] as const;

/** Inserts the rows; returns their ids with their users. */
export function insertNotifications(db: Q, rows: NewNotification[]) {
  return db.insertInto('notification').values(rows).returning(['id', 'user_id']).execute();
}

/** A user's notifications, newest first, with the total and the unread count. */
export async function listForUser(db: Q, userId: number, unreadOnly: boolean, page: number, pageSize: number) {
  let q = db.selectFrom('notification').where('user_id', '=', userId);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, counts] = await Promise.all([
    q.select(COLUMNS).orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    db
      .selectFrom('notification')
      .where('user_id', '=', userId)
      .select([sql<number>`count(*)`.as('total'), sql<number>`count(*) filter (where read_at is null)`.as('unread')])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: unreadOnly ? Number(counts.unread) : Number(counts.total), unread: Number(counts.unread) };
}

/** One notification of one user (someone else's does not exist). */
export function findOwn(db: Q, userId: number, id: number) {
  return db.selectFrom('notification').select(COLUMNS).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

/** Marks one notification read; true when it was unread. */
export async function markRead(db: Q, userId: number, id: number): Promise<boolean> {
  const r = await db.updateTable('notification').set({ read_at: new Date() }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Marks all of a user's notifications read; returns how many were unread. */
export async function markAllRead(db: Q, userId: number): Promise<number> {
  const r = await db.updateTable('notification').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Unread counts of some users (users without any are absent). */
export async function unreadCounts(db: Q, userIds: number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('notification')
    .select(['user_id', sql<number>`count(*)`.as('n')])
    .where('user_id', 'in', userIds)
    .where('read_at', 'is', null)
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
}

/** Notifications by id (for the live stream). */
export function findByIds(db: Q, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('notification').select(COLUMNS).where('id', 'in', ids).execute();
}

/** Users (enabled) with a grant of one of these roles on exactly this node. */
export async function usersWithRoleOn(db: Q, nodeId: number, roles: string[]): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select('g.user_id')
    .distinct()
    .where('g.node_id', '=', nodeId)
    .where('g.role', 'in', roles)
    .where('u.disabled', '=', false)
    .orderBy('g.user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

export type NotificationRow = Awaited<ReturnType<typeof findByIds>>[number];
