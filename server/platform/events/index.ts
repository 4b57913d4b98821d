/**
 * Live events across processes: `publish` is `pg_notify` (inside a transaction it is delivered on commit,
 * and not at all on rollback); one process-wide listener delivers them to `subscribe`d handlers. On
 * PostgreSQL the listener holds one dedicated LISTEN connection and reconnects when it drops; on the
 * embedded database it uses PGlite's own `listen`. Payloads are small JSON (ids only): pg_notify refuses
 * more than 8000 bytes. Events are hints, not a log: a listener that was disconnected misses what was sent
 * meanwhile, so consumers re-read the database on `onReconnect`.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

export { EventListener, startEventListener, stopEventListener, currentEventListener, consoleLog, type ListenerDatabase, type Log } from './listener.js';
export { subscribe, onReconnect, type EventHandler } from './registry.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The largest payload accepted (bytes of its JSON); pg_notify's own limit is 8000. */
export const MAX_PAYLOAD_BYTES = 7900;
/** Channel names: lower-case identifiers, so LISTEN needs no quoting on either database. */
export const CHANNEL_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Publishes a JSON payload on a channel; inside a transaction it is delivered when (if) it commits. */
export async function publish(db: Q, channel: string, payload: unknown): Promise<void> {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid event channel "${channel}"`);
  const text = JSON.stringify(payload ?? null);
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
    throw new Error(`event payload on "${channel}" is ${Buffer.byteLength(text)} bytes; the limit is ${MAX_PAYLOAD_BYTES} (send ids only)`);
  }
  await sql`select pg_notify(${channel}, ${text})`.execute(db);
}
