/**
 * "Something changed" events for live screens: a module publishes `{entity, id, nodePaths, userIds}` in its
 * transaction; the live stream passes `{entity, id}` on to every signed-in user with a grant whose path is a
 * prefix of one of the node paths, or who is listed. Screens then re-read through the API (which authorizes
 * as usual): the event itself carries no content.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { MAX_PAYLOAD_BYTES, publish } from '../../platform/events/index.js';

type Q = Kysely<DB> | Transaction<DB>;

export const CHANGE_CHANNEL = 'gz_change';

export interface ChangeInput {
  /** e.g. `case` */
  entity: string;
  id: number | string;
  /** Paths of the nodes the thing belongs to (e.g. a case's grid and the nodes holding it). */
  nodePaths: string[];
  /** Users to tell regardless of their grants (e.g. the resident who reported a case). */
  userIds?: number[];
}

/** The payload on the wire (short keys: pg_notify's 8000-byte limit). */
export interface ChangeEvent {
  e: string;
  id: number | string;
  p: string[];
  u: number[];
}

/** Publishes a change in the caller's transaction (delivered on commit); large audiences are split. */
export async function publishChange(tx: Q, input: ChangeInput): Promise<void> {
  const paths = [...new Set(input.nodePaths)];
  const users = [...new Set(input.userIds ?? [])];
  if (paths.length === 0 && users.length === 0) return;
  for (const ev of split({ e: input.entity, id: input.id, p: paths, u: users })) await publish(tx, CHANGE_CHANNEL, ev);
}

/** Splits an event whose audience does not fit one notification. */
function split(ev: ChangeEvent): ChangeEvent[] {
  if (Buffer.byteLength(JSON.stringify(ev)) <= MAX_PAYLOAD_BYTES) return [ev];
  if (ev.p.length + ev.u.length <= 1) throw new Error(`change event for ${ev.e} ${ev.id} is too large even for one path`);
  if (ev.p.length > 1 || (ev.p.length === 1 && ev.u.length === 0)) {
    const h = Math.ceil(ev.p.length / 2);
    return [...split({ ...ev, p: ev.p.slice(0, h), u: ev.u }), ...split({ ...ev, p: ev.p.slice(h), u: [] })];
  }
  const h = Math.ceil(ev.u.length / 2);
  return [...split({ ...ev, u: ev.u.slice(0, h) }), ...split({ ...ev, p: [], u: ev.u.slice(h) })];
}

/** True when a user with grants on these paths (or this id) should hear of the change. */
export function concerns(ev: ChangeEvent, userId: number, grantPaths: string[]): boolean {
  if (ev.u.includes(userId)) return true;
  return ev.p.some((p) => grantPaths.some((g) => p.startsWith(g)));
}
