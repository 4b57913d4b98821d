/**
 * The live connection of this tab: one EventSource on /api/notifications/stream (opened by the bell in the
 * shell), the unread count, and subscriptions for pages: `useLiveChange('case', reload)` re-reads a page
 * when the server says a case it may show has changed. EventSource reconnects by itself after a drop; the
 * server's `resync` (its own listener reconnected) and every reconnect here re-read the unread count.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { get, withLang } from '../../lib/api.js';
import type { Lang } from '../../lib/i18n.js';
import type { NotificationItem, NotificationList } from './types.js';

export interface LiveChange {
  entity: string;
  id: number | string;
}

type Status = 'idle' | 'connecting' | 'open' | 'closed';

const state = { unread: null as number | null, status: 'idle' as Status };
let source: EventSource | null = null;
let sourceLang: Lang | null = null;
let refs = 0;
const storeSubs = new Set<() => void>();
const notificationSubs = new Set<(n: NotificationItem) => void>();
const changeSubs = new Set<(c: LiveChange) => void>();

function emit() {
  for (const fn of [...storeSubs]) fn();
}

/** Sets the unread count (after an API call that changed it). */
export function setUnreadCount(n: number) {
  state.unread = n;
  emit();
}

/** Re-reads the unread count from the API. */
export async function refreshUnread(): Promise<void> {
  try {
    setUnreadCount((await get<NotificationList>('/notifications?pageSize=1', { quiet401: true })).unread);
  } catch {
    /* signed out or offline: the stream will tell */
  }
}

function setStatus(s: Status) {
  state.status = s;
  emit();
}

function parse(e: MessageEvent): any {
  try {
    return JSON.parse(e.data);
  } catch {
    return null;
  }
}

function open(lang: Lang) {
  close();
  sourceLang = lang;
  setStatus('connecting');
  const es = new EventSource('/api' + withLang('/notifications/stream', lang), { withCredentials: true });
  source = es;
  let opened = false;
  es.onopen = () => {
    if (opened) void refreshUnread(); // a reconnect: what happened meanwhile is not replayed
    opened = true;
    setStatus('open');
  };
  es.onerror = () => setStatus(es.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  es.addEventListener('hello', (e) => setUnreadCount(parse(e as MessageEvent)?.unread ?? 0));
  es.addEventListener('notification', (e) => {
    const d = parse(e as MessageEvent);
    if (!d?.notification) return;
    setUnreadCount(d.unread);
    for (const fn of [...notificationSubs]) fn(d.notification);
  });
  es.addEventListener('change', (e) => {
    const d = parse(e as MessageEvent) as LiveChange | null;
    if (!d) return;
    if (d.entity === 'notification') void refreshUnread(); // read in another tab
    for (const fn of [...changeSubs]) fn(d);
  });
  es.addEventListener('resync', () => {
    void refreshUnread();
    for (const fn of [...changeSubs]) fn({ entity: '*', id: '*' });
  });
  es.addEventListener('end', () => {
    close();
    setStatus('closed');
  });
}

function close() {
  source?.close();
  source = null;
  sourceLang = null;
}

/** Opens the tab's live connection (shared, counted); returns the function that releases it. */
export function connectLive(lang: Lang): () => void {
  refs++;
  if (!source || sourceLang !== lang) open(lang);
  return () => {
    refs--;
    if (refs === 0) {
      close();
      state.unread = null;
      setStatus('idle');
    }
  };
}

function subscribeStore(fn: () => void) {
  storeSubs.add(fn);
  return () => {
    storeSubs.delete(fn);
  };
}

/** The unread count (null until known). */
export function useUnreadCount(): number | null {
  return useSyncExternalStore(subscribeStore, () => state.unread);
}

/** The live connection's status. */
export function useLiveStatus(): Status {
  return useSyncExternalStore(subscribeStore, () => state.status);
}

/** Calls `fn` for each new notification of the signed-in user. */
export function useLiveNotifications(fn: (n: NotificationItem) => void): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const h = (n: NotificationItem) => ref.current(n);
    notificationSubs.add(h);
    return () => {
      notificationSubs.delete(h);
    };
  }, []);
}

/**
 * Calls `fn` when the server says something of this entity changed that the user may see (`'*'`: any
 * entity; after a reconnect `fn` gets `{entity: '*'}` since changes may have been missed). Debounced.
 */
export function useLiveChange(entity: string, fn: (c: LiveChange) => void, debounceMs = 300): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last: LiveChange | null = null;
    const h = (c: LiveChange) => {
      if (entity !== '*' && c.entity !== entity && c.entity !== '*') return;
      last = c;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => ref.current(last!), debounceMs);
    };
    changeSubs.add(h);
    return () => {
      changeSubs.delete(h);
      if (timer) clearTimeout(timer);
    };
  }, [entity, debounceMs]);
}
