/** Password hashing (argon2id) and server-side sessions keyed by the SHA-256 of a random cookie token. */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor, Grant } from '../authz/index.js';
import type { Role } from '../../../common/permissions.js';

export const SESSION_COOKIE = 'gz_session';
export const CSRF_HEADER = 'x-csrf-token';

/** argon2id with the OWASP baseline parameters (m=19 MiB, t=2, p=1; ~12 ms here). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

/** Verifies a password; a malformed stored hash counts as a mismatch. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** Creates a session; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(
  db: Kysely<DB>,
  userId: number,
  hours: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  await db
    .insertInto('session')
    .values({ id: sha256(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt, ip: meta.ip, user_agent: meta.userAgent?.slice(0, 300) ?? null })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** Ends the session behind a cookie token. */
export async function destroySession(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sha256(token)).execute();
}

/** Loads the actor behind a cookie token, or null when the session is unknown, expired or the user disabled. */
export async function loadActor(db: Kysely<DB>, token: string): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const id = sha256(token);
  const row = await db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id as sessionId', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'u.id', 'u.username', 'u.display_name', 'u.locale', 'u.disabled', 'u.resident_id', 'u.must_change_password'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || row.disabled || new Date(row.expires_at) <= new Date()) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('session').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
  }
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    locale: row.locale,
    residentId: row.resident_id,
    mustChangePassword: row.must_change_password,
    grants: await loadGrants(db, row.id),
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
  };
}

/** A user's grants with the paths of their nodes. */
export async function loadGrants(db: Kysely<DB>, userId: number): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grant as g')
    .innerJoin('org_node as n', 'n.id', 'g.node_id')
    .select(['g.id', 'g.role', 'g.node_id', 'n.path', 'n.type', 'n.name_zh', 'n.name_en'])
    .where('g.user_id', '=', userId)
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({ id: r.id, role: r.role as Role, nodeId: r.node_id, nodePath: r.path, nodeType: r.type, nodeNameZh: r.name_zh, nodeNameEn: r.name_en }));
}

/** Compares two tokens in constant time. */
export function tokensEqual(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
