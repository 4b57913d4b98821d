/** Marking notifications read and following their links, keeping the bell's count in step. */
import { post } from '../../lib/api.js';
import { setUnreadCount } from './live.js';
import type { NotificationItem } from './types.js';

/** Marks one read; returns the updated item. */
export async function markRead(item: NotificationItem): Promise<NotificationItem> {
  if (item.read) return item;
  const r = await post<{ notification: NotificationItem; unread: number }>(`/notifications/${item.id}/read`);
  setUnreadCount(r.unread);
  return r.notification;
}

/** Marks all read. */
export async function markAllRead(): Promise<void> {
  await post('/notifications/read-all');
  setUnreadCount(0);
}

/** Marks the item read (best effort) and goes to its link, if it has one. */
export async function openNotification(item: NotificationItem, navigate: (to: string) => void): Promise<void> {
  await markRead(item).catch(() => item);
  if (item.link && item.link.startsWith('/') && !item.link.startsWith('//')) navigate(item.link);
}
