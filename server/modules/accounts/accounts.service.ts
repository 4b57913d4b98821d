/** Use cases of the accounts module: sign-in, sign-out, passwords, users and their role grants. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { hashPassword, verifyPassword, createSession, destroySession } from '../../platform/auth/sessions.js';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { authorize, scopePaths, type Actor } from '../../platform/authz/index.js';
import { ROLE_NODE_TYPES, type Role } from '../../../common/permissions.js';
import { isUniqueViolation } from '../../platform/db/index.js';
import * as repo from './accounts.repository.js';

export const THROTTLE_FAILURES = 5;
export const THROTTLE_MINUTES = 15;
let dummyHash: Promise<string> | null = null;

/** Checks a new password: at least 10 characters and not the username. */
export function assertPasswordStrength(username: string, password: string) {
  if (password.length < 10 || password.toLowerCase() === username.toLowerCase()) throw new AppError(400, 'PASSWORD_TOO_WEAK');
}

/** Signs in; throttled per username after repeated failures. Returns the new session's tokens. */
export async function login(
  db: Kysely<DB>,
  input: { username: string; password: string },
  meta: { ip: string | null; userAgent: string | null; sessionHours: number },
) {
  const since = new Date(Date.now() - THROTTLE_MINUTES * 60_000);
  if ((await repo.countFailures(db, input.username, since)) >= THROTTLE_FAILURES) {
    throw new AppError(429, 'AUTH_THROTTLED', { minutes: THROTTLE_MINUTES });
  }
  const user = await repo.findUserByUsername(db, input.username);
  // Verify against a dummy hash when the user is unknown, so timing does not tell which usernames exist.
  dummyHash ??= hashPassword('not-a-real-password-' + Math.random());
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
  if (!user || !ok) {
    await repo.recordFailure(db, input.username, meta.ip);
    throw new AppError(401, 'AUTH_INVALID_CREDENTIALS');
  }
  if (user.disabled) throw new AppError(403, 'AUTH_DISABLED');
  await repo.clearFailures(db, input.username);
  const session = await createSession(db, user.id, meta.sessionHours, meta);
  await audit(db, { actor: null, ip: meta.ip }, { action: 'auth.login', entity: 'user', entityId: user.id });
  return session;
}

/** Ends the current session. */
export async function logout(db: Kysely<DB>, token: string, ctx: AuditContext) {
  await destroySession(db, token);
  await audit(db, ctx, { action: 'auth.logout', entity: 'user', entityId: ctx.actor?.userId ?? null });
}

/** Changes one's own password after checking the current one; other sessions end. */
export async function changePassword(db: Kysely<DB>, actor: Actor, input: { current: string; next: string }, ctx: AuditContext) {
  const user = await repo.findUser(db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.current))) throw new AppError(400, 'PASSWORD_WRONG');
  assertPasswordStrength(user.username, input.next);
  const passwordHash = await hashPassword(input.next);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('app_user').set({ password_hash: passwordHash, must_change_password: false, updated_at: new Date() }).where('id', '=', user.id).execute();
    await tx.deleteFrom('session').where('user_id', '=', user.id).where('id', '<>', actor.sessionId).execute();
    await audit(tx, ctx, { action: 'user.password_change', entity: 'user', entityId: user.id });
  });
}

/** Sets one's own interface language. */
export async function setLocale(db: Kysely<DB>, actor: Actor, locale: 'zh-CN' | 'en') {
  await db.updateTable('app_user').set({ locale, updated_at: new Date() }).where('id', '=', actor.userId).execute();
}

function includesUngranted(actor: Actor) {
  return actor.grants.some((g) => g.role === 'admin' && (g.nodeType === 'district' || g.nodeType === 'city'));
}

/** Presents users with their grants. */
async function present(db: Kysely<DB>, users: { id: number; username: string; display_name: string; phone: string | null; locale: string; disabled: boolean; must_change_password: boolean; created_at: Date }[]) {
  const grants = await repo.grantsOf(db, users.map((u) => u.id));
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    phone: u.phone,
    locale: u.locale,
    disabled: u.disabled,
    mustChangePassword: u.must_change_password,
    createdAt: u.created_at,
    grants: grants
      .filter((g) => g.user_id === u.id)
      .map((g) => ({ id: g.id, role: g.role, nodeId: g.node_id, nodeType: g.type, nodeCode: g.code, nodeNameZh: g.name_zh, nodeNameEn: g.name_en })),
  }));
}

/** Users the actor may manage, paged. */
export async function listUsers(db: Kysely<DB>, actor: Actor, q: string | undefined, page: number, pageSize: number) {
  const paths = scopePaths(actor, 'user.manage');
  const { rows, total } = await repo.listUsers(db, paths, includesUngranted(actor), q, page, pageSize);
  return { items: await present(db, rows), total, page, pageSize };
}

/** Loads a user the actor may manage, or 404. */
export async function getManagedUser(db: Kysely<DB>, actor: Actor, id: number) {
  const user = await repo.findUser(db, id);
  if (!user) throw notFound();
  const grants = await repo.grantsOf(db, [id]);
  const paths = scopePaths(actor, 'user.manage');
  const visible = grants.length === 0 ? includesUngranted(actor) : grants.some((g) => paths.some((p) => g.path.startsWith(p)));
  if (!visible) throw notFound();
  return (await present(db, [user]))[0]!;
}

/** Creates a user (no grants yet; the user must change the password at first sign-in). */
export async function createUser(
  db: Kysely<DB>,
  actor: Actor,
  input: { username: string; displayName: string; phone?: string | null; locale: 'zh-CN' | 'en'; password: string },
  ctx: AuditContext,
) {
  assertPasswordStrength(input.username, input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('app_user')
        .values({ username: input.username, display_name: input.displayName, phone: input.phone ?? null, locale: input.locale, password_hash: passwordHash, must_change_password: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, ctx, { action: 'user.create', entity: 'user', entityId: row.id, detail: { username: input.username } });
      return row.id;
    });
    return getManagedUserUnchecked(db, id);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'USERNAME_TAKEN', { username: input.username });
    throw e;
  }
}

async function getManagedUserUnchecked(db: Kysely<DB>, id: number) {
  return (await present(db, [(await repo.findUser(db, id))!]))[0]!;
}

/** Updates a user's name, phone, language or disabled flag; disabling ends the user's sessions. */
export async function updateUser(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: { displayName?: string; phone?: string | null; locale?: 'zh-CN' | 'en'; disabled?: boolean },
  ctx: AuditContext,
) {
  const before = await getManagedUser(db, actor, id);
  if (input.disabled && before.grants.some((g) => g.role === 'admin') && (await repo.countActiveAdmins(db)) <= 1) {
    throw new AppError(409, 'LAST_ADMIN');
  }
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('app_user')
      .set({
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.locale !== undefined && { locale: input.locale }),
        ...(input.disabled !== undefined && { disabled: input.disabled }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (input.disabled) await tx.deleteFrom('session').where('user_id', '=', id).execute();
    await audit(tx, ctx, { action: 'user.update', entity: 'user', entityId: id, detail: { ...input } });
  });
  return getManagedUserUnchecked(db, id);
}

/** Sets a new password for a user (administrator reset); the user must change it at next sign-in. */
export async function resetPassword(db: Kysely<DB>, actor: Actor, id: number, password: string, ctx: AuditContext) {
  const user = await getManagedUser(db, actor, id);
  assertPasswordStrength(user.username, password);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('app_user').set({ password_hash: passwordHash, must_change_password: true, updated_at: new Date() }).where('id', '=', id).execute();
    await tx.deleteFrom('session').where('user_id', '=', id).execute();
    await audit(tx, ctx, { action: 'user.password_reset', entity: 'user', entityId: id });
  });
}

/** Grants a role on a node; the actor needs user.manage on that node, and the role must fit the node type. */
export async function addGrant(db: Kysely<DB>, actor: Actor, userId: number, input: { role: Role; nodeId: number }, ctx: AuditContext) {
  await getManagedUserOrUngranted(db, actor, userId);
  const node = await db.selectFrom('org_node').select(['id', 'path', 'type', 'active']).where('id', '=', input.nodeId).executeTakeFirst();
  if (!node || !node.active) throw notFound();
  authorize(actor, 'user.manage', node.path);
  if (!ROLE_NODE_TYPES[input.role].includes(node.type)) throw new AppError(400, 'GRANT_NODE_TYPE', { role: input.role, nodeType: node.type });
  try {
    await db.transaction().execute(async (tx) => {
      const g = await tx.insertInto('role_grant').values({ user_id: userId, role: input.role, node_id: node.id, created_by: actor.userId }).returning('id').executeTakeFirstOrThrow();
      await audit(tx, ctx, { action: 'grant.add', entity: 'user', entityId: userId, nodeId: node.id, detail: { grantId: g.id, role: input.role } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'GRANT_EXISTS');
    throw e;
  }
  return getManagedUserUnchecked(db, userId);
}

async function getManagedUserOrUngranted(db: Kysely<DB>, actor: Actor, userId: number) {
  const user = await repo.findUser(db, userId);
  if (!user) throw notFound();
  const grants = await repo.grantsOf(db, [userId]);
  const paths = scopePaths(actor, 'user.manage');
  if (paths.length === 0) throw notFound();
  // A user is manageable when ungranted (any manager may grant) or when one grant lies in the actor's scope.
  if (grants.length > 0 && !grants.some((g) => paths.some((p) => g.path.startsWith(p)))) throw notFound();
  return user;
}

/** Removes a grant; the last administrator's admin grant cannot be removed. */
export async function removeGrant(db: Kysely<DB>, actor: Actor, userId: number, grantId: number, ctx: AuditContext) {
  const grant = await db
    .selectFrom('role_grant as g')
    .innerJoin('org_node as n', 'n.id', 'g.node_id')
    .select(['g.id', 'g.role', 'g.node_id', 'n.path'])
    .where('g.id', '=', grantId)
    .where('g.user_id', '=', userId)
    .executeTakeFirst();
  if (!grant) throw notFound();
  authorize(actor, 'user.manage', grant.path);
  if (grant.role === 'admin' && (await repo.countActiveAdmins(db, grant.id)) < 1) throw new AppError(409, 'LAST_ADMIN');
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('role_grant').where('id', '=', grantId).execute();
    await audit(tx, ctx, { action: 'grant.remove', entity: 'user', entityId: userId, nodeId: grant.node_id, detail: { grantId, role: grant.role } });
  });
  return getManagedUserUnchecked(db, userId);
}
