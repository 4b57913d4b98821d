/**
 * The live stream (server-sent events) of this process: open connections by user; `notification` and
 * `change` events from the database (any process) are passed to the connections they concern; a heartbeat
 * keeps proxies from closing idle streams and re-checks each session (ended, disabled or changed grants).
 */
import type { ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/authz/index.js';
import type { Locale } from '../../../common/i18n/errors.js';
import { loadActor } from '../../platform/auth/sessions.js';
import { onReconnect, subscribe, type Log } from '../../platform/events/index.js';
import { CHANGE_CHANNEL, concerns, type ChangeEvent } from './changes.js';
import { NOTIFICATION_CHANNEL, presentNotification } from './notifications.service.js';
import * as repo from './notifications.repository.js';

/** At most this many open streams per user (tabs); the oldest is closed beyond it. */
export const MAX_STREAMS_PER_USER = 8;

export interface LiveConnection {
  userId: number;
  token: string;
  locale: Locale;
  grantPaths: string[];
  res: ServerResponse;
}

/** Formats one SSE message. */
export function sseMessage(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

const hubs = new Set<LiveHub>();

/** Open live streams in this process (every app's hub): tests and health. */
export function liveStreamCount(): number {
  let n = 0;
  for (const h of hubs) n += h.size;
  return n;
}

export class LiveHub {
  private readonly byUser = new Map<number, Set<LiveConnection>>();
  private readonly offs: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly heartbeatMs: number,
    private readonly log: Log,
  ) {}

  /** Subscribes to the database's events and starts the heartbeat. */
  start(): void {
    this.offs.push(subscribe(NOTIFICATION_CHANNEL, (p) => void this.onNotifications(p).catch((e) => this.log.warn({ err: e }, 'live notification delivery failed'))));
    this.offs.push(subscribe(CHANGE_CHANNEL, (p) => this.onChange(p)));
    this.offs.push(onReconnect(() => this.broadcast('resync', {})));
    hubs.add(this);
    this.timer = setInterval(() => void this.heartbeat().catch((e) => this.log.warn({ err: e }, 'live heartbeat failed')), this.heartbeatMs);
    this.timer.unref();
  }

  /** Ends every stream and stops listening. */
  stop(): void {
    hubs.delete(this);
    for (const off of this.offs.splice(0)) off();
    if (this.timer) clearInterval(this.timer);
    for (const set of this.byUser.values()) for (const c of set) c.res.end();
    this.byUser.clear();
  }

  /** Number of open streams (for tests and health). */
  get size(): number {
    let n = 0;
    for (const s of this.byUser.values()) n += s.size;
    return n;
  }

  /** Adds an open stream; returns the function that removes it. */
  add(actor: Actor, token: string, locale: Locale, res: ServerResponse): () => void {
    const conn: LiveConnection = { userId: actor.userId, token, locale, grantPaths: actor.grants.map((g) => g.nodePath), res };
    let set = this.byUser.get(actor.userId);
    if (!set) this.byUser.set(actor.userId, (set = new Set()));
    set.add(conn);
    if (set.size > MAX_STREAMS_PER_USER) {
      const oldest = set.values().next().value!;
      this.remove(oldest);
      oldest.res.end();
    }
    return () => this.remove(conn);
  }

  private remove(conn: LiveConnection): void {
    const set = this.byUser.get(conn.userId);
    if (!set) return;
    set.delete(conn);
    if (set.size === 0) this.byUser.delete(conn.userId);
  }

  private send(conn: LiveConnection, event: string, data: unknown): void {
    if (!conn.res.writableEnded) conn.res.write(sseMessage(event, data));
  }

  private broadcast(event: string, data: unknown): void {
    for (const set of this.byUser.values()) for (const c of set) this.send(c, event, data);
  }

  private async onNotifications(payload: { n?: [number, number][] }): Promise<void> {
    const pairs = (payload?.n ?? []).filter(([u]) => this.byUser.has(u));
    if (pairs.length === 0) return;
    const users = [...new Set(pairs.map(([u]) => u))];
    const [rows, unread] = await Promise.all([repo.findByIds(this.db, pairs.map(([, id]) => id)), repo.unreadCounts(this.db, users)]);
    for (const row of rows.sort((a, b) => a.id - b.id)) {
      for (const c of this.byUser.get(row.user_id) ?? []) {
        this.send(c, 'notification', { notification: presentNotification(row, c.locale), unread: unread.get(row.user_id) ?? 0 });
      }
    }
  }

  private onChange(ev: ChangeEvent): void {
    if (!ev || typeof ev.e !== 'string') return;
    for (const set of this.byUser.values()) {
      for (const c of set) if (concerns(ev, c.userId, c.grantPaths)) this.send(c, 'change', { entity: ev.e, id: ev.id });
    }
  }

  /** Writes a comment to every stream and re-checks each session: an ended one closes its streams. */
  private async heartbeat(): Promise<void> {
    const tokens = new Map<string, LiveConnection[]>();
    for (const set of this.byUser.values()) for (const c of set) tokens.set(c.token, [...(tokens.get(c.token) ?? []), c]);
    for (const [token, conns] of tokens) {
      const actor = await loadActor(this.db, token);
      for (const c of conns) {
        if (!actor || actor.userId !== c.userId) {
          this.send(c, 'end', { reason: 'session' });
          this.remove(c);
          c.res.end();
          continue;
        }
        c.grantPaths = actor.grants.map((g) => g.nodePath);
        if (!c.res.writableEnded) c.res.write(': ping\n\n');
      }
    }
  }
}
