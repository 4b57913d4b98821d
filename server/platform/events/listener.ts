/** The one LISTEN connection of a process: a dedicated pg.Client on PostgreSQL, PGlite's listen when embedded. */
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import { announceReconnect, channels, dispatch, onNewChannel } from './registry.js';

/** What the listener needs of an open database (server/platform/db's Database has all of it). */
export interface ListenerDatabase {
  kind: 'pglite' | 'postgres';
  /** The app's pool: on PGlite, LISTEN goes through it (see listen()). */
  db: Kysely<any>;
  pglite: PGlite | null;
  connectionString: string | null;
}

/** A pino-compatible logger (Fastify's `app.log`), or console. */
export interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const consoleLog: Log = {
  info: (obj, msg) => console.log(`[gongzhi] ${msg}`, obj),
  warn: (obj, msg) => console.warn(`[gongzhi] ${msg}`, obj),
  error: (obj, msg) => console.error(`[gongzhi] ${msg}`, obj),
};

export interface ListenerOptions {
  log?: Log;
  /** First delay before reconnecting (doubles up to 30 s). */
  reconnectMs?: number;
}

/** Listens on every subscribed channel and dispatches notifications to the registry. */
export class EventListener {
  private client: pg.Client | null = null;
  private listened = new Set<string>();
  private pgliteOff: (() => void) | null = null;
  private stopped = false;
  private chain: Promise<void> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | null = null;
  private delay: number;
  private offChannel: () => void = () => {};
  /** How many times the connection was (re)established: tests wait on it. */
  connections = 0;
  private readonly log: Log;

  constructor(
    private readonly database: ListenerDatabase,
    private readonly opts: ListenerOptions = {},
  ) {
    this.log = opts.log ?? consoleLog;
    this.delay = opts.reconnectMs ?? 500;
  }

  private warn = (e: unknown, msg: string) => this.log.warn({ err: e }, msg);

  /** Connects and LISTENs on every channel subscribed so far (and on later ones as they appear). */
  async start(): Promise<void> {
    this.offChannel = onNewChannel((ch) => this.enqueue(() => this.listen(ch)));
    if (this.database.kind === 'pglite') {
      if (!this.database.pglite) throw new Error('embedded database without its PGlite instance');
      this.pgliteOff = this.database.pglite.onNotification((channel, payload) => dispatch(channel, payload, this.warn));
      this.connections++;
      await this.enqueue(async () => {
        for (const ch of channels()) await this.listen(ch);
      });
      return;
    }
    await this.connectPg();
  }

  /** Resolves when every channel subscribed so far is being listened to. */
  async ready(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.chain;
      await seen;
    } while (seen !== this.chain);
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.chain.then(step, step).catch((e) => this.warn(e, 'LISTEN failed'));
    this.chain = next;
    return next;
  }

  private async listen(channel: string): Promise<void> {
    if (this.stopped || this.listened.has(channel)) return;
    if (this.database.kind === 'pglite') {
      // PGlite is one backend: a LISTEN sent beside the pool (pglite.listen) could land inside a transaction
      // the pool's connection has open, and vanish with its rollback. Through the pool it waits its turn.
      await sql.raw(`LISTEN ${channel}`).execute(this.database.db);
      this.listened.add(channel);
      return;
    }
    if (!this.client) return; // the next connection listens on every channel
    await this.client.query(`LISTEN ${channel}`);
    this.listened.add(channel);
  }

  private async connectPg(): Promise<void> {
    const client = new pg.Client({ connectionString: this.database.connectionString!, application_name: 'gongzhi-listener' });
    client.on('notification', (m) => dispatch(m.channel, m.payload, this.warn));
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      this.client = client;
      this.listened.clear();
      await this.enqueue(async () => {
        for (const ch of channels()) await this.listen(ch);
      });
    } catch (e) {
      this.lost(client, e);
      if (this.connections === 0) throw e; // the first connection must work: report it at start
      return;
    }
    const reconnected = this.connections > 0;
    this.connections++;
    this.delay = this.opts.reconnectMs ?? 500;
    if (reconnected) {
      this.log.info({ connections: this.connections }, 'event listener reconnected');
      announceReconnect(this.warn);
    }
  }

  private lost(client: pg.Client, e: unknown): void {
    client.removeAllListeners('notification');
    if (this.client === client) this.client = null;
    client.end().catch(() => {});
    if (this.stopped || this.retryTimer || this.connections === 0) return;
    this.warn(e, 'event listener lost its connection; reconnecting');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.connectPg().catch(() => {});
    }, this.delay);
    this.delay = Math.min(this.delay * 2, 30_000);
  }

  /** Stops listening and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.offChannel();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.chain.catch(() => {});
    this.pgliteOff?.();
    this.pgliteOff = null;
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners();
      c.on('error', () => {});
      await c.end().catch(() => {});
    }
  }
}

let current: EventListener | null = null;

/** Starts the process-wide listener (one per process). */
export async function startEventListener(database: ListenerDatabase, opts: ListenerOptions = {}): Promise<EventListener> {
  if (current) throw new Error('the event listener is already running');
  const l = new EventListener(database, opts);
  current = l;
  try {
    await l.start();
  } catch (e) {
    current = null;
    await l.stop();
    throw e;
  }
  return l;
}

/** Stops the process-wide listener, if any. */
export async function stopEventListener(): Promise<void> {
  const l = current;
  current = null;
  await l?.stop();
}

/** The running process-wide listener, or null. */
export function currentEventListener(): EventListener | null {
  return current;
}
