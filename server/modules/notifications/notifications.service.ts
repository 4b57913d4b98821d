/**
 * In-app notifications: other modules call `notify` in their transaction (one row per user, texts in both
 * languages, a live event on commit); users list theirs and mark them read.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/index.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { notFound } from '../../platform/http/errors.js';
import { publish } from '../../platform/events/index.js';
import { ROLES, roleHas, type Permission } from '../../../common/permissions.js';
import type { Locale } from '../../../common/i18n/errors.js';
import * as repo from './notifications.repository.js';
import { publishChange } from './changes.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The channel of "these users have new notifications": payload `{ n: [[userId, notificationId], …] }`. */
export const NOTIFICATION_CHANNEL = 'gz_notification';
/** Pairs per event, well under pg_notify's 8000 bytes. */
const PAIRS_PER_EVENT = 300;

export interface NotificationText {
  title: string;
  body: string;
}

export interface NotifyInput {
  userIds: number[];
  /** What happened, for filtering and icons: e.g. `case.dispatched`. */
  kind: string;
  /** Where a click goes in the web app: a path starting with `/` (e.g. `/cases/12`), or null. */
  link: string | null;
  entity: string | null;
  entityId: string | number | null;
  zh: NotificationText;
  en: NotificationText;
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max - 1) + '…' : s);

/** Writes one notification per (distinct) user in the caller's transaction and announces them on commit. */
export async function notify(tx: Q, input: NotifyInput): Promise<number[]> {
  const userIds = [...new Set(input.userIds)].filter((u) => Number.isInteger(u) && u > 0);
  if (userIds.length === 0) return [];
  if (input.link !== null && (!input.link.startsWith('/') || input.link.startsWith('//'))) throw new Error(`notification link must be an app path, got "${input.link}"`);
  for (const lang of ['zh', 'en'] as const) if (!input[lang]?.title?.trim()) throw new Error(`notification ${input.kind}: the ${lang} title is empty`);
  const row = {
    kind: input.kind,
    link: input.link,
    entity: input.entity,
    entity_id: input.entityId === null ? null : String(input.entityId),
    title_zh: clip(input.zh.title.trim(), 200),
    body_zh: clip(input.zh.body ?? '', 2000),
    title_en: clip(input.en.title.trim(), 200),
    body_en: clip(input.en.body ?? '', 2000),
  };
  const inserted = await repo.insertNotifications(tx, userIds.map((user_id) => ({ ...row, user_id })));
  for (let i = 0; i < inserted.length; i += PAIRS_PER_EVENT) {
    await publish(tx, NOTIFICATION_CHANNEL, { n: inserted.slice(i, i + PAIRS_PER_EVENT).map((r) => [r.user_id, r.id]) });
  }
  return inserted.map((r) => r.id);
}

/** Users (enabled) whose grants on exactly this node carry the permission: the node's staff for it. */
export function usersHolding(tx: Q, nodeId: number, permission: Permission): Promise<number[]> {
  return repo.usersWithRoleOn(tx, nodeId, ROLES.filter((r) => roleHas(r, permission)));
}

/** A notification as its owner sees it, in one language. */
export function presentNotification(n: repo.NotificationRow, locale: Locale) {
  const en = locale === 'en';
  return {
    id: n.id,
    kind: n.kind,
    title: en ? n.title_en : n.title_zh,
    body: en ? n.body_en : n.body_zh,
    link: n.link,
    entity: n.entity,
    entityId: n.entity_id,
    read: n.read_at !== null,
    readAt: n.read_at,
    createdAt: n.created_at,
  };
}

/** The caller's notifications, newest first, with the unread count. */
export async function listNotifications(db: Kysely<DB>, actor: Actor, q: { page: number; pageSize: number; unread?: boolean }, locale: Locale) {
  const { rows, total, unread } = await repo.listForUser(db, actor.userId, q.unread === true, q.page, q.pageSize);
  return { items: rows.map((r) => presentNotification(r, locale)), total, unread, page: q.page, pageSize: q.pageSize };
}

/** Marks one of the caller's notifications read (someone else's: 404). */
export async function markNotificationRead(db: Kysely<DB>, actor: Actor, id: number, ctx: AuditContext, locale: Locale) {
  const own = await repo.findOwn(db, actor.userId, id);
  if (!own) throw notFound();
  if (own.read_at === null) {
    await db.transaction().execute(async (tx) => {
      if (!(await repo.markRead(tx, actor.userId, id))) return;
      await audit(tx, ctx, { action: 'notification.read', entity: 'notification', entityId: id });
      await publishChange(tx, { entity: 'notification', id, nodePaths: [], userIds: [actor.userId] }); // the user's other tabs
    });
  }
  const [fresh, counts] = await Promise.all([repo.findOwn(db, actor.userId, id), repo.unreadCounts(db, [actor.userId])]);
  return { notification: presentNotification(fresh!, locale), unread: counts.get(actor.userId) ?? 0 };
}

/** Marks all the caller's notifications read. */
export async function markAllNotificationsRead(db: Kysely<DB>, actor: Actor, ctx: AuditContext) {
  const updated = await db.transaction().execute(async (tx) => {
    const n = await repo.markAllRead(tx, actor.userId);
    if (n > 0) {
      await audit(tx, ctx, { action: 'notification.read_all', entity: 'notification', detail: { count: n } });
      await publishChange(tx, { entity: 'notification', id: 'all', nodePaths: [], userIds: [actor.userId] });
    }
    return n;
  });
  return { updated, unread: 0 };
}
